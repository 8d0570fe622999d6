// The script-thread side of chkpt: the object behind the public `chkpt` API and
// the synchronous requests (snapshot, crash, exit) that the capture worker
// serves while this thread waits. The main thread talks to the capture worker
// through the worker's port; the script's worker threads through a
// BroadcastChannel (thread-bridge.ts).
import { createRequire } from 'node:module';
import type { MessagePort } from 'node:worker_threads';
import { debug } from '../shared/debug.js';
import { version } from '../shared/package-info.js';
import { BRIDGE_KEY, type RuntimeBridge, type RuntimeOptions, type SnapshotResult } from '../shared/runtime-bridge.js';
import { Control, type MainFindClass, type MainRequest, type MainToWorker } from '../shared/worker-protocol.js';
import { awaitAttached, waitForWorker } from './wait-for-worker.js';

/** How long a snapshot may hold the script while the worker reads its state. */
const SNAPSHOT_TIMEOUT_MS = 30_000;

export interface BridgeHandle {
  bridge: RuntimeBridge;
  /** Asks for a checkpoint (or a class) and waits until it is read (and, with `written`, stored). */
  request(request: Omit<MainRequest, 'seq'> | Omit<MainFindClass, 'seq'>, timeoutMs: number, written: boolean): boolean;
}

/** How messages reach the capture worker. */
export interface ToCaptureWorker {
  postMessage(message: unknown, transfer?: ArrayBuffer[]): void;
}

/** Creates the bridge to the capture worker and puts it under its symbol on globalThis. */
export function installBridge(worker: ToCaptureWorker, control: Int32Array): BridgeHandle {
  let seq = 0;
  const send = (message: MainToWorker): void => worker.postMessage(message);

  function request(req: Omit<MainRequest, 'seq'> | Omit<MainFindClass, 'seq'>, timeoutMs: number, written: boolean): boolean {
    if (!bridge.active) return false;
    if (!awaitAttached(control)) {
      bridge.active = false;
      return false;
    }
    seq += 1;
    send({ ...req, seq } as MainRequest | MainFindClass);
    const ok = waitForWorker(control, written ? Control.REQUEST_WRITTEN : Control.REQUEST_DONE, seq, timeoutMs);
    if (!ok) debug('preload', `${req.type} request ${seq} timed out`);
    return ok;
  }

  const tracked = new Map<string, unknown>();
  let unnamed = 0;
  const bridge: RuntimeBridge = {
    version,
    active: true,
    tracked,
    snapshot(label?: string): SnapshotResult {
      const taken = request({ type: 'snapshot', ...(label !== undefined ? { label: String(label) } : {}) }, SNAPSHOT_TIMEOUT_MS, false);
      return taken ? { taken } : { taken, reason: bridge.active ? 'timed out' : 'chkpt is not active' };
    },
    track(value: unknown, name?: string): string {
      const key = name === undefined ? `tracked${++unnamed}` : String(name);
      tracked.set(key, value);
      return key;
    },
    untrack(valueOrName: unknown): boolean {
      if (typeof valueOrName === 'string' && tracked.delete(valueOrName)) return true;
      let removed = false;
      for (const [key, value] of tracked) {
        if (value === valueOrName) removed = tracked.delete(key) || removed;
      }
      return removed;
    },
    configure(options: RuntimeOptions): void {
      const message: MainToWorker = { type: 'configure' };
      for (const key of ['every', 'minSize', 'budget'] as const) {
        const value = options[key];
        if (typeof value === 'number' && Number.isFinite(value)) message[key] = value;
      }
      send(message);
    },
    load(file: string): unknown {
      return createRequire(import.meta.url)(file);
    },
    postToWorker(message: unknown): void {
      worker.postMessage(message);
    },
  };
  Object.defineProperty(globalThis, BRIDGE_KEY, { value: bridge, enumerable: false, configurable: true, writable: false });
  return { bridge, request };
}
