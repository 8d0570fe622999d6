// What the worker's first stage (boot.ts) hands the worker proper.
import type { Session } from 'node:inspector';

export const BOOT_KEY = Symbol.for('chkpt.capture-boot');

export interface Boot {
  /** Connected to the main thread. */
  session: Session;
  /** Debugger.enable, posted by the first stage. */
  enabled: Promise<void>;
  /** Set by the worker proper once it watches for the process's exit itself. */
  attached: boolean;
  /** Ends the first stage's watch of termination signals (the worker proper's takes over). */
  stopSignals(): void;
}

/** The first stage's session, when the worker started through it. */
export function takeBoot(): Boot | undefined {
  return (globalThis as { [BOOT_KEY]?: Boot })[BOOT_KEY];
}
