// Waits on the main thread for the capture worker to finish a request. The
// worker needs this thread to run JavaScript now and then, because its pause
// lands on the next JavaScript the thread executes, and an Atomics.wait that
// blocks for long also blocks the inspector's messages. So the wait is a loop
// of short waits, which costs no CPU to speak of.
import { debug } from '../shared/debug.js';
import { Control, Ready } from '../shared/worker-protocol.js';

/** How long a request waits for the worker to attach before capture goes off. */
const READY_TIMEOUT_MS = 5000;

/** Waits until control[slot] reaches `seq` or `timeoutMs` passes; true when reached. */
export function waitForWorker(control: Int32Array, slot: number, seq: number, timeoutMs: number): boolean {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const seen = Atomics.load(control, slot);
    if (seen >= seq) return true;
    if (Atomics.load(control, Control.DISCONNECTED) === 1) return false;
    if (Date.now() >= deadline) return false;
    Atomics.wait(control, slot, seen, 2);
  }
}

/**
 * Whether the worker is attached, waiting for it up to `timeoutMs` first
 * (a request before it has attached: a crash, a snapshot). A worker that
 * could not attach turns capture off.
 */
export function awaitAttached(control: Int32Array, timeoutMs = READY_TIMEOUT_MS): boolean {
  if (Atomics.load(control, Control.READY) === Ready.ATTACHED) return true;
  if (timeoutMs > 0) waitForWorker(control, Control.READY, Ready.ATTACHED, timeoutMs);
  const ready = Atomics.load(control, Control.READY) === Ready.ATTACHED;
  if (!ready && timeoutMs > 0) debug('preload', `capture worker did not attach (state ${Atomics.load(control, Control.READY)})`);
  return ready;
}
