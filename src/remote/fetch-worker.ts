// The thread that reads chunks of a shared store for a reader that needs
// them synchronously (sync-fetch.ts). A `get` is answered through the port,
// then the flag the reader waits on is raised. A `prefetch` names the chunks
// the reader takes next, in order: up to WINDOW of them are read ahead, in
// parallel, so a value of many chunks reads at the speed of several GETs at
// once, not one after another, in bounded memory.
import { type MessagePort, workerData } from 'node:worker_threads';
import { isChkptError } from '../shared/errors.js';
import { RemoteStore, layout } from './remote-store.js';

/** Chunks read ahead at most (4 MiB each). */
const WINDOW = 8;

interface Reply { hash: string; bytes?: Uint8Array; error?: string; code?: string }
type Request = { type: 'get'; hash: string } | { type: 'prefetch'; hashes: string[] };

const { url, signal, port } = workerData as { url: string; signal: SharedArrayBuffer; port: MessagePort };
const flag = new Int32Array(signal);
const remote = new RemoteStore(url);
/** Read ahead, not yet taken: in flight or done. */
const ahead = new Map<string, Promise<Reply>>();
let queue: string[] = [];

async function read(hash: string): Promise<Reply> {
  try {
    return { hash, bytes: await remote.get(layout.chunk(hash)) };
  } catch (err) {
    return { hash, error: (err as Error).message, ...(isChkptError(err) ? { code: err.code } : {}) };
  }
}

function pump(): void {
  while (ahead.size < WINDOW && queue.length > 0) {
    const hash = queue.shift()!;
    if (!ahead.has(hash)) ahead.set(hash, read(hash));
  }
}

port.on('message', (request: Request) => {
  if (request.type === 'prefetch') {
    // A new read supersedes the last one's hints.
    const wanted = new Set(request.hashes);
    for (const hash of ahead.keys()) if (!wanted.has(hash)) ahead.delete(hash);
    queue = request.hashes.filter((hash) => !ahead.has(hash));
    pump();
    return;
  }
  const { hash } = request;
  const pending = ahead.get(hash) ?? read(hash);
  ahead.delete(hash);
  queue = queue.filter((h) => h !== hash);
  pump();
  void pending.then((reply) => {
    port.postMessage(reply, reply.bytes ? [reply.bytes.buffer as ArrayBuffer] : []);
    Atomics.store(flag, 0, 1);
    Atomics.notify(flag, 0);
    pump();
  });
});
