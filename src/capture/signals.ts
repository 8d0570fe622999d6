// Termination signals seen from the capture worker. A watcher in this thread
// hears SIGINT, SIGTERM and SIGHUP even while the main thread is stuck in a
// synchronous loop (where a process.on('SIGINT') listener never runs), and
// without adding a listener the script could see. Once chkpt has done its
// work, the signal gets the effect it would have had without chkpt: the
// script's own handlers run, or the process dies of it.
import { constants } from 'node:os';
import { debug } from '../shared/debug.js';
import { WATCHED_SIGNALS, type WatchedSignal } from '../shared/worker-protocol.js';
import { within } from './timeout.js';

/** Time the checkpoint on a signal may take before the signal takes effect anyway. */
const CHECKPOINT_MS = 1400;
/** Time to learn whether the script listens for the signal (no answer: it does not). */
const ASK_MS = 300;


export type { WatchedSignal };

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
  /** After the re-raise, should the process live on (the signal ignored). */
  afterKill(): void;
}

export interface SignalWatch {
  /**
   * At the script's end: a signal that arrived as it ended, and that the
   * script does not listen for, ends the process now (node's own handling
   * would have killed it; chkpt's checkpoint for it may not have had a pause).
   */
  atExit(listening: readonly string[]): void;
  stop(): void;
}

/** The watched signals' handles, calling one handler that can be swapped (the first stage hands them over). */
export interface SignalHandles {
  setHandler(onSignal: (signal: WatchedSignal) => void): void;
  /** Whether they are closed (a signal of the first stage's closed them: it is re-raised). */
  readonly closed: boolean;
  close(): void;
}

/** Node's handles for the watched signals, unreferenced, calling `onSignal` (none without the binding). */
export function startSignalHandles(onSignal: (signal: WatchedSignal) => void): SignalHandles {
  const Signal = signalHandleClass();
  const handles: SignalHandle[] = [];
  let handler = onSignal;
  let closed = false;
  for (const signal of Signal ? WATCHED_SIGNALS : []) {
    const handle = new Signal!();
    handle.onsignal = () => handler(signal);
    if (handle.start(constants.signals[signal]) !== 0) {
      handle.close();
      continue;
    }
    handle.unref();
    handles.push(handle);
  }
  return {
    setHandler(next) {
      handler = next;
    },
    get closed() {
      return closed;
    },
    close() {
      closed = true;
      for (const handle of handles.splice(0)) handle.close();
    },
  };
}

/**
 * Watches the termination signals through `adopt`'s handles: the first
 * stage's, its handler swapped for this one (no moment with none, and none
 * closed under a signal that waits in the loop for it).
 */
export function watchSignals(events: SignalEvents, adopt: (onSignal: (signal: WatchedSignal) => void) => SignalHandles): SignalWatch {
  let arrived: WatchedSignal | undefined;
  const handles = adopt((signal) => void handleSignal(signal));

  async function handleSignal(signal: WatchedSignal): Promise<void> {
    debug('signals', `${signal} received`);
    arrived ??= signal;
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
    if (listens) {
      // The script's own handler got the signal too and runs as usual.
      if (arrived === signal) arrived = undefined;
      return;
    }
    die(signal);
  }

  /** No handler of the script's: die of the signal, as without chkpt. */
  function die(signal: WatchedSignal): void {
    stop();
    events.beforeDeath(signal);
    // Killed before chkpt lets the main thread go: at exit, the other order
    // let the process end with its exit code first.
    process.kill(process.pid, signal);
    events.afterKill();
  }

  function stop(): void {
    handles.close();
  }

  return {
    atExit(listening) {
      if (arrived !== undefined && !listening.includes(arrived)) die(arrived);
    },
    stop,
  };
}
