// Reading a shared store's chunks from synchronous code (the store's read
// path is synchronous: a crash checkpoint must be written without waiting on
// anything). A worker thread does the GET; this thread waits on a shared flag
// and takes the reply off the port. One chunk at a time, 4 MiB at most; the
// chunks named by `prefetch` are read ahead meanwhile (fetch-worker.ts).
import { MessageChannel, type MessagePort, Worker, receiveMessageOnPort } from 'node:worker_threads';
import { ChkptError, ErrorCode } from '../shared/errors.js';

/** Longest wait for one chunk (the SDK retries inside it). */
const CHUNK_TIMEOUT_MS = 120_000;

export class SyncFetcher {
  private readonly worker: Worker;
  private readonly port: MessagePort;
  private readonly flag: Int32Array;

  constructor(url: string) {
    const signal = new SharedArrayBuffer(4);
    this.flag = new Int32Array(signal);
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    const file = new URL(import.meta.url.endsWith('.ts') ? './fetch-worker.ts' : './fetch-worker.js', import.meta.url);
    this.worker = new Worker(file, { workerData: { url, signal, port: port2 }, transferList: [port2] });
    this.worker.unref();
    this.port.unref();
  }

  /** The chunk's bytes, undefined when the shared store does not have it; REMOTE when it cannot be read. */
  fetch(hash: string): Uint8Array | undefined {
    Atomics.store(this.flag, 0, 0);
    this.port.postMessage({ type: 'get', hash });
    if (Atomics.wait(this.flag, 0, 0, CHUNK_TIMEOUT_MS) === 'timed-out') {
      throw new ChkptError(ErrorCode.REMOTE, `Reading chunk ${hash} of the shared store took over ${CHUNK_TIMEOUT_MS / 1000} s.`, { hash });
    }
    const reply = receiveMessageOnPort(this.port)?.message as { bytes?: Uint8Array; error?: string; code?: string } | undefined;
    if (reply?.error) throw new ChkptError(ErrorCode.REMOTE, reply.error, { hash, code: reply.code ?? null });
    return reply?.bytes;
  }

  /** The chunks read next, in order: the thread reads some of them ahead. */
  prefetch(hashes: string[]): void {
    if (hashes.length > 1) this.port.postMessage({ type: 'prefetch', hashes });
  }

  close(): void {
    void this.worker.terminate();
    this.port.close();
  }
}
