// Preloaded into the script's process: `node --import chkpt/register script.js`,
// which is what `chkpt run` spawns. It stays tiny, imports only shared/, and
// does its work only on the main thread: in the script's own worker threads it
// is a no-op, and chkpt's capture worker is started without it.
import { isMainThread } from 'node:worker_threads';
import { debug } from '../shared/debug.js';
import { installBridge } from './bridge.js';
import { hookExit } from './detach-at-exit.js';
import { startCaptureWorker } from './start-worker.js';

if (isMainThread && process.env['CHKPT_DISABLE'] !== '1') {
  // Top-level await: the script's first line runs only once the worker is
  // attached (Atomics.wait would block the inspector's messages instead).
  const capture = await startCaptureWorker((worker, control) => installBridge(worker, control));
  if (capture) {
    hookExit(capture.control, capture.handle);
    debug('preload', 'capture worker attached');
  }
}
