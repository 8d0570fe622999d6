// The thread that reads chunks of a shared store for a reader that needs
// them synchronously (sync-fetch.ts): one GET per request, the bytes sent
// back through the port, then the flag the reader waits on is raised.
import { type MessagePort, workerData } from 'node:worker_threads';
import { isChkptError } from '../shared/errors.js';
import { RemoteStore, layout } from './remote-store.js';

const { url, signal, port } = workerData as { url: string; signal: SharedArrayBuffer; port: MessagePort };
const flag = new Int32Array(signal);
const remote = new RemoteStore(url);

port.on('message', (request: { hash: string }) => {
  void (async () => {
    let reply: { hash: string; bytes?: Uint8Array; error?: string; code?: string };
    try {
      reply = { hash: request.hash, bytes: await remote.get(layout.chunk(request.hash)) };
    } catch (err) {
      reply = { hash: request.hash, error: (err as Error).message, ...(isChkptError(err) ? { code: err.code } : {}) };
    }
    port.postMessage(reply, reply.bytes ? [reply.bytes.buffer as ArrayBuffer] : []);
    Atomics.store(flag, 0, 1);
    Atomics.notify(flag, 0);
  })();
});
