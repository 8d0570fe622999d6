// Preloaded into the script's process: `node --require chkpt/register
// script.js` (also `--import`), which is what `chkpt run` starts (bin/chkpt
// in place of itself, with chkpt's options to apply first; the full CLI as
// a child). It is built
// into one CommonJS file (scripts/bundle.mjs) so that it runs and waits
// synchronously: an ESM preload would make node run a CommonJS script through
// its ESM loader, which changes how an uncaught error is printed. It imports
// only shared/ and does its work only on the main thread: in the script's own
// worker threads it is a no-op, and chkpt's capture worker starts without it.
import { isMainThread } from 'node:worker_threads';
import { debug } from '../shared/debug.js';
import { readSettings } from '../shared/settings.js';
import { Control } from '../shared/worker-protocol.js';
import { installBridge } from './bridge.js';
import { takeLaunch } from './launched.js';
import { hookExit } from './detach-at-exit.js';
import { guardStackFormatting } from './stack-guard.js';
import { startCaptureWorker } from './start-worker.js';

if (isMainThread && takeLaunch() && process.env['CHKPT_DISABLE'] !== '1') {
  debug('preload', 'starting the capture worker', 2);
  // The script's first line runs only once the worker is attached.
  const capture = startCaptureWorker((worker, control) => installBridge(worker, control));
  if (capture) {
    // Pausing at throws must leave node's report of an uncaught error as it is.
    if (readSettings(process.env).throwSite) {
      const { control } = capture;
      guardStackFormatting(() => Atomics.load(control, Control.EXCEPTION_PAUSES) === 1, () => void Atomics.add(control, Control.STACK_FORMATS, 1));
    }
    hookExit(capture.control, capture.handle);
    debug('preload', 'capture worker attached');
  }
  // Starting a worker queues a tick on this thread (node's lib/internal/worker.js);
  // left queued, it would run the script's first microtasks inside node's tick
  // processing, and an async error's stack would gain a
  // `process.processTicksAndRejections` line. Run it now, as node would have
  // before the script.
  (process as unknown as { _tickCallback?: () => void })._tickCallback?.();
}
