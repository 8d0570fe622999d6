// The staging buffer: part bytes are copied here while the script is paused,
// so the checkpoint is the state at one instant while hashing and writing
// happen later, off the main thread. One buffer, grown when needed and reused:
// copying into already-touched memory is about five times faster than into a
// fresh allocation.

let buffer = new SharedArrayBuffer(0);
let view = new Uint8Array(buffer);

/** Returns a staging buffer of at least `bytes`, reusing the current one when it is big enough. */
export function stagingFor(bytes: number): { buffer: SharedArrayBuffer; view: Uint8Array } {
  if (buffer.byteLength < bytes) {
    // Grow by half again so that slowly growing state does not reallocate every time.
    buffer = new SharedArrayBuffer(Math.max(bytes, Math.floor(buffer.byteLength * 1.5)));
    view = new Uint8Array(buffer);
  }
  return { buffer, view };
}

/** Lets the staging memory go (after a checkpoint of unusually big state). */
export function releaseStaging(): void {
  buffer = new SharedArrayBuffer(0);
  view = new Uint8Array(buffer);
}
