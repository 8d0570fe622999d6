// An inspector session with one of the script's worker threads, through the
// main thread's session and the NodeWorker domain: commands go out with
// NodeWorker.sendMessageToWorker, replies and events come back in
// NodeWorker.receivedMessageFromWorker. It looks like node:inspector's
// Session to the rest of the capture code.
import { EventEmitter } from 'node:events';
import type { InspectorClient, ProtocolEvent, SessionLike } from './inspector-client.js';

interface Reply {
  id?: number;
  method?: string;
  params?: unknown;
  result?: unknown;
  error?: { message: string; code?: number };
}

export class TunnelSession extends EventEmitter implements SessionLike {
  private nextId = 0;
  private readonly pending = new Map<number, (err: Error | null, result?: unknown) => void>();
  private closed = false;

  constructor(private readonly main: InspectorClient, readonly sessionId: string) {
    super();
  }

  post(method: string, params: object, callback: (err: Error | null, result?: unknown) => void): void {
    if (this.closed) {
      callback(new Error('the worker thread has ended'));
      return;
    }
    const id = ++this.nextId;
    this.pending.set(id, callback);
    const message = JSON.stringify({ id, method, params });
    this.main.post('NodeWorker.sendMessageToWorker', { sessionId: this.sessionId, message }).catch((err: Error) => {
      this.pending.delete(id);
      callback(err);
    });
  }

  /** Posts one command and resolves with its result. */
  call<T>(method: string, params: object): Promise<T> {
    return new Promise<T>((resolve, reject) => this.post(method, params, (err, result) => (err ? reject(err) : resolve(result as T))));
  }

  /** Delivers one message the worker thread sent (a reply or an event). */
  received(raw: string): void {
    const message = JSON.parse(raw) as Reply;
    if (message.id !== undefined) {
      const callback = this.pending.get(message.id);
      this.pending.delete(message.id);
      if (message.error) callback?.(new Error(message.error.message));
      else callback?.(null, message.result);
      return;
    }
    if (message.method) this.emit(message.method, { method: message.method, params: message.params } satisfies ProtocolEvent);
  }

  /** The worker thread is gone: every command still waiting fails. */
  close(): void {
    this.closed = true;
    for (const callback of this.pending.values()) callback(new Error('the worker thread has ended'));
    this.pending.clear();
    this.removeAllListeners();
  }
}
