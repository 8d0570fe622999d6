// The staging buffer: part bytes are copied here while the script is paused,
// so the checkpoint is the state at one instant while hashing and writing
// happen later, off the main thread. One SharedArrayBuffer, grown when needed
// and reused (copying into already-touched memory is about five times faster
// than into a fresh allocation), that the capture worker reads in place: it
// takes each checkpoint's write to its end before the next collect.
//
// Never a transferred ArrayBuffer: transferring detaches the buffer in this
// thread, and the first ArrayBuffer ever detached in an isolate invalidates
// V8's "no detached buffers" protector, which deoptimizes all optimized code
// and makes every typed-array access pay a detach check from then on: a
// typed-array loop ran 1.35x slower for the rest of the run after its first
// checkpoint. A copy into shared memory costs more (about 1.75x a memcpy into
// a touched plain buffer here), once per checkpoint, during the pause.

let buffer: SharedArrayBuffer | undefined;

/** Room kept beyond what is needed, so that slowly growing state does not reallocate every time. */
const HEADROOM = 1.25;
/** Below this, pages touched during the pause cost too little to reserve ahead. */
const MIN_RESERVE = 1 << 20;

/**
 * Makes the staging buffer as big as the binary data the thread holds (`arrayBufferBytes`, less the staging buffer; with headroom) ahead of a
 * checkpoint; returns the new buffer, or undefined when the current one is
 * big enough. Its pages are still to be touched (by the worker).
 */
export function reserveStaging(arrayBufferBytes: number): SharedArrayBuffer | undefined {
  // The staging buffer itself counts among the thread's ArrayBuffers.
  const bytes = arrayBufferBytes - (buffer?.byteLength ?? 0);
  if (bytes < MIN_RESERVE || (buffer && buffer.byteLength >= bytes)) return undefined;
  buffer = new SharedArrayBuffer(Math.ceil(bytes * HEADROOM));
  return buffer;
}

/** A staging buffer of at least `bytes`, reusing the current one when it is big enough. */
export function stagingFor(bytes: number): { buffer: SharedArrayBuffer; view: Uint8Array } {
  if (!buffer || buffer.byteLength < bytes) {
    buffer = new SharedArrayBuffer(Math.max(Math.ceil(bytes * HEADROOM), Math.floor((buffer?.byteLength ?? 0) * 1.5)));
  }
  return { buffer, view: new Uint8Array(buffer, 0, bytes) };
}
