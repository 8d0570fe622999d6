// Starts the capture worker from the script's main thread. The script does
// not wait for it: the worker's thread boots (tens of ms of node's own) and
// attaches while this thread reads bin/chkpt's options (which follow in a
// message) and then runs the script. Until it is attached, throws are kept
// by early-throws.ts, and whatever needs the worker (a crash, a snapshot)
// waits for it (wait-for-worker.ts: short Atomics waits, during which the
// inspector's messages still reach this thread).
import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads';
import { debug } from '../shared/debug.js';
import { CAPTURE_WORKER_NAME, Control, createControl, setControl, Settings, type WorkerSettings, type WorkerStart } from '../shared/worker-protocol.js';
import type { BridgeHandle } from './bridge.js';

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

export interface StartedWorker extends CaptureWorker {
  /** Hands over the settings read since the start (added to its env); undefined: no capture, the worker ends. */
  settle(env: NodeJS.ProcessEnv | undefined): void;
}

/** Starts the worker; it goes on past its boot once `settle` says so. */
export function startCaptureWorker(
  makeBridge: (worker: Worker, control: Int32Array) => BridgeHandle,
): StartedWorker | undefined {
  const control = createControl();
  const workerData: WorkerStart = {
    chkptCaptureWorker: true,
    control: control.buffer as SharedArrayBuffer,
    entry: process.argv[1] ?? '',
    ppid: process.ppid,
    argv: process.argv,
    cwd: process.cwd(),
    // The process's own start, not the worker's nor the store's opening:
    // node sets the main thread's time origin as the process starts.
    startedAt: performance.timeOrigin,
    baselineGlobals: Object.getOwnPropertyNames(globalThis),
  };
  let worker: Worker;
  try {
    worker = new Worker(new URL('../capture/boot.cjs', import.meta.url), {
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
  // The worker must never keep the script alive, nor exit before the script:
  // a worker that exits after pausing the main thread can crash the process.
  worker.unref();
  // The bridge exists before the worker attaches: the worker finds it, and
  // loads its main-thread module through it, while this thread reads the
  // settings or waits below.
  const handle = makeBridge(worker, control);
  worker.on('error', (err) => {
    handle.bridge.active = false;
    debug('preload', `capture worker failed: ${err.stack ?? String(err)}`);
  });
  return {
    settle(env) {
      if (env) {
        const message: WorkerSettings = { type: 'settings', env };
        worker.postMessage(message);
      }
      setControl(control, Control.SETTINGS, env ? Settings.POSTED : Settings.NONE);
    },
    worker,
    control,
    handle,
  };
}
