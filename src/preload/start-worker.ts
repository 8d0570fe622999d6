// Starts the capture worker from the script's main thread and waits until its
// inspector session is attached, so capture is possible from the first line.
// The wait is synchronous (a loop of short Atomics waits, during which the
// inspector's messages still reach this thread), so the preload can be a
// CommonJS file that node loads before the script.
import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads';
import { debug } from '../shared/debug.js';
import { CAPTURE_WORKER_NAME, Control, createControl, Ready, type WorkerStart } from '../shared/worker-protocol.js';
import type { BridgeHandle } from './bridge.js';
import { waitForWorker } from './wait-for-worker.js';

/** How long the script waits for the worker before running without capture. */
const READY_TIMEOUT_MS = 5000;

function withoutDebugLogging(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const copy = { ...env };
  delete copy['NODE_DEBUG'];
  delete copy['NODE_DEBUG_NATIVE'];
  return copy;
}

export interface CaptureWorker {
  worker: Worker;
  control: Int32Array;
  handle: BridgeHandle;
}

/** Starts the worker; resolves to undefined (capture off) when it cannot attach. */
export function startCaptureWorker(
  makeBridge: (worker: Worker, control: Int32Array) => BridgeHandle,
): CaptureWorker | undefined {
  const control = createControl();
  const workerData: WorkerStart = {
    chkptCaptureWorker: true,
    control: control.buffer as SharedArrayBuffer,
    entry: process.argv[1] ?? '',
    argv: process.argv,
    cwd: process.cwd(),
    // The process's own start, not the worker's nor the store's opening:
    // node sets the main thread's time origin as the process starts.
    startedAt: performance.timeOrigin,
    baselineGlobals: Object.getOwnPropertyNames(globalThis),
  };
  let worker: Worker;
  try {
    worker = new Worker(new URL('../capture/worker.cjs', import.meta.url), {
      workerData,
      // No preload in our own worker: the preload in execArgv would start a
      // worker inside the worker, and so on until the process runs out of memory.
      execArgv: [],
      // Without node's debug logging: the worker's first lines run before
      // chkpt can silence its stderr, and a worker's unread output keeps the
      // process alive (NODE_DEBUG=module made every script hang at exit).
      env: withoutDebugLogging(process.env),
      // Whatever the worker prints must never reach the script's streams.
      stdout: true,
      stderr: true,
      name: CAPTURE_WORKER_NAME,
    });
  } catch (err) {
    debug('preload', `capture worker did not start: ${String(err)}`);
    return undefined;
  }
  // The bridge exists before the worker attaches: the worker loads its
  // main-thread module through it while this thread waits below.
  const handle = makeBridge(worker, control);
  handle.bridge.active = false;
  worker.on('error', (err) => {
    handle.bridge.active = false;
    debug('preload', `capture worker failed: ${err.stack ?? String(err)}`);
  });
  const ready = waitForWorker(control, Control.READY, Ready.ATTACHED, READY_TIMEOUT_MS) && Atomics.load(control, Control.READY) === Ready.ATTACHED;
  if (!ready) debug('preload', `capture worker did not attach (state ${Atomics.load(control, Control.READY)})`);
  // The worker must never keep the script alive, nor exit before the script:
  // a worker that exits after pausing the main thread can crash the process.
  worker.unref();
  if (!ready) return undefined;
  handle.bridge.active = true;
  return { worker, control, handle };
}
