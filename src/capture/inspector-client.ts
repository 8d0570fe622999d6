// A promise wrapper around an inspector session's callback-style `post`: the
// script's main thread (node:inspector's Session) or one of its worker threads
// (a TunnelSession through the NodeWorker domain).

/** One protocol notification, as node:inspector's Session emits it. */
export interface ProtocolEvent<P = unknown> {
  method: string;
  params: P;
}

/** What chkpt uses of a session: node:inspector's Session has it, and so does TunnelSession. */
export interface SessionLike {
  post(method: string, params: object, callback: (err: Error | null, result?: unknown) => void): void;
  on(event: string, listener: (message: ProtocolEvent<never>) => void): unknown;
}

/** Sends inspector protocol commands and resolves with their results. */
export class InspectorClient {
  constructor(readonly session: SessionLike) {}

  /** Posts one protocol command; rejects with the protocol's error. */
  post<T = unknown>(method: string, params: object = {}): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.session.post(method, params, (err, result) => (err ? reject(err) : resolve(result as T)));
    });
  }
}
