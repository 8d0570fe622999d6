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
import { BRIDGE_KEY } from '../shared/runtime-bridge.js';
import { Control } from '../shared/worker-protocol.js';
import { installBridge } from './bridge.js';
import { applyLaunch, takeLaunchWords } from './launched.js';
import { hookExit } from './detach-at-exit.js';
import { enableRestore } from './restore-bridge.js';
import { guardStackFormatting } from './stack-guard.js';
import { watchEarlyThrows } from './early-throws.js';
import { startCaptureWorker } from './start-worker.js';
import { awaitAttached } from './wait-for-worker.js';

if (isMainThread) {
  const launchWords = takeLaunchWords();
  const enabled = process.env['CHKPT_DISABLE'] !== '1';
  if (enabled) debug('preload', 'starting the capture worker', 2);
  // Started first: its thread boots while this one reads bin/chkpt's options
  // (then handed to it with `settle`).
  const started = enabled ? startCaptureWorker((worker, control) => installBridge(worker, control)) : undefined;
  let settings: NodeJS.ProcessEnv | undefined = {};
  if (launchWords !== undefined) settings = applyLaunch(launchWords, () => started?.settle(undefined));
  // The script's first line does not wait for the worker to attach: until
  // it has, this thread keeps its throws itself (set up before the worker
  // has its settings, so it finds the session to take over).
  const capture = settings && started;
  if (!capture) delete (globalThis as Record<symbol, unknown>)[BRIDGE_KEY];
  const runSettings = readSettings(process.env);
  const { throwSite, waitAttach } = runSettings;
  if (capture) {
    const { control, handle } = capture;
    enableRestore(handle, runSettings);
    // Pausing at throws must leave node's report of an uncaught error as it is.
    if (throwSite) {
      guardStackFormatting(() => Atomics.load(control, Control.EXCEPTION_PAUSES) === 1, () => void Atomics.add(control, Control.STACK_FORMATS, 1));
      const early = waitAttach ? undefined : watchEarlyThrows(control);
      if (early) handle.bridge.takeEarlyThrows = () => early.takeOver();
    }
    hookExit(control, handle);
  }
  // The worker goes on once this thread is ready for it to take over.
  started?.settle(capture ? settings : undefined);
  // --wait-attach: the script starts once capture is attached.
  if (capture && waitAttach) awaitAttached(capture.control);
  // Starting a worker queues a tick on this thread (node's lib/internal/worker.js);
  // left queued, it would run the script's first microtasks inside node's tick
  // processing, and an async error's stack would gain a
  // `process.processTicksAndRejections` line. Run it now, as node would have
  // before the script.
  if (started) (process as unknown as { _tickCallback?: () => void })._tickCallback?.();
}
