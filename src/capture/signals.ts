// Termination signals seen from the capture worker. A watcher in this thread
// hears SIGINT, SIGTERM and SIGHUP even while the main thread is stuck in a
// synchronous loop (where a process.on('SIGINT') listener never runs), and
// without adding a listener the script could see. Once chkpt has done its
// work, the signal gets the effect it would have had without chkpt: the
// script's own handlers run, or the process dies of it.
import { constants } from 'node:os';
import { debug } from '../shared/debug.js';
import { within } from './timeout.js';

/** Time the checkpoint on a signal may take before the signal takes effect anyway. */
const CHECKPOINT_MS = 1400;
/** Time to learn whether the script listens for the signal (no answer: it does not). */
const ASK_MS = 300;


/** The signals chkpt checkpoints on before they take effect. */
export const WATCHED = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
export type WatchedSignal = (typeof WATCHED)[number];

interface SignalHandle {
  onsignal: (signum: number) => void;
  start(signum: number): number;
  close(): void;
  unref(): void;
}

type SignalCtor = new () => SignalHandle;

/** Node's own signal handle (what process.on('SIGINT') uses inside). */
function signalHandleClass(): SignalCtor | undefined {
  // process.binding warns once per thread; this thread's warnings are nobody's business.
  process.noDeprecation = true;
  try {
    const binding = (process as unknown as { binding(name: string): { Signal?: SignalCtor } }).binding('signal_wrap');
    return binding.Signal;
  } catch (err) {
    debug('signals', `signal_wrap unavailable: ${String(err)}`);
    return undefined;
  }
}

export interface SignalEvents {
  /** Called when `signal` arrives; resolve once chkpt has done its work. */
  onSignal(signal: WatchedSignal): Promise<void>;
  /** Whether the script itself listens for `signal` (then it handles it). */
  scriptListens(signal: WatchedSignal): Promise<boolean>;
  /** Last thing before chkpt re-raises a signal that will end the process. */
  beforeDeath(signal: WatchedSignal): void;
}

/** Starts watching the termination signals; returns a function that stops. */
export function watchSignals(events: SignalEvents): () => void {
  const Signal = signalHandleClass();
  if (!Signal) return () => {};
  const handles = new Map<WatchedSignal, SignalHandle>();
  for (const signal of WATCHED) {
    const signum = constants.signals[signal];
    const handle = new Signal();
    handle.onsignal = () => void handleSignal(signal);
    if (handle.start(signum) !== 0) {
      handle.close();
      continue;
    }
    handle.unref();
    handles.set(signal, handle);
  }

  async function handleSignal(signal: WatchedSignal): Promise<void> {
    debug('signals', `${signal} received`);
    // The signal must take effect within 2 s whatever happens to the checkpoint.
    try {
      await within(CHECKPOINT_MS, events.onSignal(signal), undefined);
    } catch (err) {
      debug('signals', `checkpoint on ${signal} failed: ${String(err)}`);
    }
    let listens = false;
    try {
      listens = await within(ASK_MS, events.scriptListens(signal), false);
    } catch (err) {
      debug('signals', `could not ask the main thread about ${signal}: ${String(err)}`);
    }
    if (listens) return; // The script's own handler got the signal too and runs as usual.
    // No handler of the script's: die of the signal, as without chkpt.
    for (const handle of handles.values()) handle.close();
    handles.clear();
    events.beforeDeath(signal);
    process.kill(process.pid, signal);
  }

  return () => {
    for (const handle of handles.values()) handle.close();
    handles.clear();
  };
}
