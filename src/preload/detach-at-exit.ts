// At process exit, has the capture worker disconnect its inspector session
// before Node's exit path sees it: with a session still attached, Node prints
// "Waiting for the debugger to disconnect..." on the script's stderr.
import { debug } from '../shared/debug.js';
import { Control } from '../shared/worker-protocol.js';

/** How long exit may wait for the worker to let go (it takes well under 1 ms). */
const DETACH_TIMEOUT_MS = 500;

/** Registers the exit hook that detaches the worker's session synchronously. */
export function detachAtExit(control: Int32Array): void {
  process.on('exit', () => {
    Atomics.store(control, Control.EXITING, 1);
    Atomics.notify(control, Control.EXITING);
    const outcome = Atomics.wait(control, Control.DISCONNECTED, 0, DETACH_TIMEOUT_MS);
    if (outcome === 'timed-out') debug('preload', 'capture worker did not detach in time');
  });
}
