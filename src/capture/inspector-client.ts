// A promise wrapper around an inspector Session's callback-style `post`.
import type { Session } from 'node:inspector';

/** Sends inspector protocol commands and resolves with their results. */
export class InspectorClient {
  constructor(readonly session: Session) {}

  /** Posts one protocol command; rejects with the protocol's error. */
  post<T = unknown>(method: string, params: object = {}): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      // The overloads of Session.post are per method; this client is generic.
      (this.session.post as (m: string, p: object, cb: (e: Error | null, r: T) => void) => void)(
        method,
        params,
        (err, result) => (err ? reject(err) : resolve(result)),
      );
    });
  }
}
