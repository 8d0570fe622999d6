// What the worker's first stage (boot.ts) hands the worker proper.
import type { Session } from 'node:inspector';
import type { WatchedSignal } from '../shared/worker-protocol.js';
import type { SignalHandles } from './signals.js';

export const BOOT_KEY = Symbol.for('chkpt.capture-boot');

export interface Boot {
  /** Connected to the main thread. */
  session: Session;
  /** Debugger.enable, posted by the first stage. */
  enabled: Promise<void>;
  /** Set by the worker proper once it watches for the process's exit itself. */
  attached: boolean;
  /** Hands the first stage's signal handles over to the worker proper's handler (signals.ts). */
  handOverSignals(onSignal: (signal: WatchedSignal) => void): SignalHandles;
}

/** What the first stage left; the worker proper runs only from it. */
export function takeBoot(): Boot {
  const boot = (globalThis as { [BOOT_KEY]?: Boot })[BOOT_KEY];
  if (!boot) throw new Error('the capture worker starts from dist/capture/boot.cjs');
  return boot;
}
