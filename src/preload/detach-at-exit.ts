// At process exit: a last checkpoint, then the capture worker disconnects its
// inspector session before Node's exit path sees it (with a session still
// attached, Node prints "Waiting for the debugger to disconnect..." on the
// script's stderr).
import { debug } from '../shared/debug.js';
import { Control, setControl, WATCHED_SIGNALS } from '../shared/worker-protocol.js';
import type { BridgeHandle } from './bridge.js';

/** How long exit may wait for the worker to let go (it takes well under 1 ms). */
const DETACH_TIMEOUT_MS = 500;
/** How long the exit checkpoint (read and written) may delay the end of the process. */
const EXIT_CHECKPOINT_TIMEOUT_MS = 30_000;
/** How long a crash checkpoint may delay the script's own error output. */
const CRASH_CHECKPOINT_TIMEOUT_MS = 30_000;

/**
 * Registers the crash and exit hooks. `detach`: the main thread's session must
 * let go before node's exit path sees it; a worker thread's session (through
 * the NodeWorker domain) ends with the thread.
 */
export function hookExit(control: Int32Array, handle: BridgeHandle, detach = true): void {
  // A monitor changes nothing about how an uncaught exception is handled; it
  // only lets chkpt save the state before the script's handlers or node's
  // default handling run.
  process.on('uncaughtExceptionMonitor', (err, origin) => {
    handle.bridge.crashError = err;
    handle.request({ type: 'crash', origin }, CRASH_CHECKPOINT_TIMEOUT_MS, true);
    handle.bridge.crashError = undefined;
  });
  process.on('exit', (code) => {
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
