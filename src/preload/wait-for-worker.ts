// Waits on the main thread for the capture worker to finish a request. The
// worker needs this thread to run JavaScript now and then, because its pause
// lands on the next JavaScript the thread executes, and an Atomics.wait that
// blocks for long also blocks the inspector's messages. So the wait is a loop
// of short waits, which costs no CPU to speak of.
import { Control } from '../shared/worker-protocol.js';

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
