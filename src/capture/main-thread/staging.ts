// The staging buffer: part bytes are copied here while the script is paused,
// so the checkpoint is the state at one instant while hashing and writing
// happen later, off the main thread. One buffer, grown when needed and reused:
// copying into already-touched memory is about five times faster than into a
// fresh allocation.
//
// On the main thread the buffer is a plain ArrayBuffer that travels: it is
// transferred to the capture worker with the collect result, and the worker
// transfers it back on a port of its own once the checkpoint is written; the
// next collect takes it from that port synchronously (receiveMessageOnPort,
// no event loop needed). A plain buffer because V8 copies into a
// SharedArrayBuffer with relaxed atomic stores, about 1.8x slower than
// memcpy. Where no return port exists (the script's worker threads, whose
// bridge talks over a BroadcastChannel, which cannot transfer), the buffer is
// a SharedArrayBuffer that stays.
import { receiveMessageOnPort, type MessagePort } from 'node:worker_threads';

type Backing = ArrayBuffer | SharedArrayBuffer;

let buffer: Backing | undefined;

function allocate(bytes: number, shared: boolean): Backing {
  // Grow by half again so that slowly growing state does not reallocate every time.
  const size = Math.max(bytes, Math.floor((buffer?.byteLength ?? 0) * 1.5));
  return shared ? new SharedArrayBuffer(size) : new ArrayBuffer(size);
}

/** Takes back the buffers the worker has returned, keeping the largest. */
function reclaim(returnPort: MessagePort): void {
  for (let message = receiveMessageOnPort(returnPort); message; message = receiveMessageOnPort(returnPort)) {
    const returned = message.message as unknown;
    if (returned instanceof ArrayBuffer && returned.byteLength > (buffer?.byteLength ?? 0)) buffer = returned;
  }
}

/**
 * A staging buffer of at least `bytes`, reusing the current one when it is big
 * enough. With a return port (`transfer` true), the buffer goes to the worker
 * with the result and this module holds none until it comes back.
 */
export function stagingFor(bytes: number, returnPort?: MessagePort): { buffer: Backing; view: Uint8Array; transfer: boolean } {
  if (returnPort) reclaim(returnPort);
  // A transferred-away buffer reads as 0 bytes long until it comes back.
  if (!buffer || buffer.byteLength < bytes) {
    buffer = allocate(bytes, returnPort === undefined);
  }
  const current = buffer;
  if (returnPort) buffer = undefined;
  return { buffer: current, view: new Uint8Array(current, 0, bytes), transfer: returnPort !== undefined };
}
