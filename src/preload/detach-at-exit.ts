// At process exit: a last checkpoint, then the capture worker disconnects its
// inspector session before Node's exit path sees it (with a session still
// attached, Node prints "Waiting for the debugger to disconnect..." on the
// script's stderr).
import { writeSync } from 'node:fs';
import { debug } from '../shared/debug.js';
import { readSettings } from '../shared/settings.js';
import { Control, setControl, WATCHED_SIGNALS } from '../shared/worker-protocol.js';
import type { BridgeHandle } from './bridge.js';
import { awaitAttached, waitForWorker } from './wait-for-worker.js';

/**
 * How long exit may wait for the worker to let go. It takes a turn or two of
 * the worker's loop, well under 1 ms, once the worker is out of synchronous
 * work (its first stage loading the worker proper, tens of ms). The cap is
 * for a worker that hangs: a starved one must still be waited for, since a
 * signal it holds unread (a script that kills itself and ends) would be lost
 * and the process end with code 0 (500 ms lost it in 2 runs of 25 on a
 * machine with four busy loops to its two cores).
 */
const DETACH_TIMEOUT_MS = 5000;
/** How long the exit checkpoint (read and written) may delay the end of the process. */
const EXIT_CHECKPOINT_TIMEOUT_MS = 30_000;
/** How long a crash checkpoint may delay the script's own error output. */
const CRASH_CHECKPOINT_TIMEOUT_MS = 30_000;

/**
 * The script ended before the worker attached (its first tenth of a second
 * or so): no exit checkpoint. A worker not yet connected never connects; one
 * connected lets go at once (with a session attached at exit, node prints a
 * line of its own). A termination signal that came as the script ended, and
 * that the script does not listen for, then ends the process, as without chkpt.
 */
function exitUnattached(control: Int32Array, handle: BridgeHandle): void {
  handle.bridge.active = false;
  handle.bridge.takeEarlyThrows?.();
  const connected = Atomics.compareExchange(control, Control.SESSION, 0, 2) === 1;
  setControl(control, Control.EXITING, 1);
  if (connected && !waitForWorker(control, Control.DISCONNECTED, 1, DETACH_TIMEOUT_MS)) debug('preload', 'capture worker did not detach in time');
  const signal = WATCHED_SIGNALS[Atomics.load(control, Control.SIGNAL) - 1];
  if (signal && process.listenerCount(signal) === 0) process.kill(process.pid, signal);
  // As -vv says of any checkpoint that was due and not taken.
  if (readSettings(process.env).verbose >= 2) {
    try {
      writeSync(2, 'chkpt: exit checkpoint not taken: the script ended before capture had attached (see --wait-attach)\n');
    } catch {
      // stderr closed.
    }
  }
}

/**
 * Registers the crash and exit hooks. `detach`: the main thread's session must
 * let go before node's exit path sees it; a worker thread's session (through
 * the NodeWorker domain) ends with the thread.
 */
export function hookExit(control: Int32Array, handle: BridgeHandle, detach = true): void {
  // A monitor changes nothing about how an uncaught exception is handled; it
  // only lets chkpt save the state before the script's handlers or node's
  // default handling run. (A crash before the worker has attached waits for
  // it: bridge.ts.)
  process.on('uncaughtExceptionMonitor', (err, origin) => {
    handle.bridge.crashError = err;
    handle.request({ type: 'crash', origin }, CRASH_CHECKPOINT_TIMEOUT_MS, true);
    handle.bridge.crashError = undefined;
  });
  process.on('exit', (code) => {
    if (detach && !awaitAttached(control, 0)) {
      exitUnattached(control, handle);
      return;
    }
    // Which signals the script listens for: a signal that arrived as the
    // script ended still ends the process, unless the script took it.
    const listening = WATCHED_SIGNALS.filter((signal) => process.listenerCount(signal) > 0);
    handle.request({ type: 'exit', code, listening }, EXIT_CHECKPOINT_TIMEOUT_MS, true);
    handle.bridge.active = false;
    if (!detach) return;
    setControl(control, Control.EXITING, 1);
    const outcome = Atomics.wait(control, Control.DISCONNECTED, 0, DETACH_TIMEOUT_MS);
    if (outcome === 'timed-out') debug('preload', 'capture worker did not detach in time');
  });
}
