// Warm-up of the encoder, run on the main thread before the first checkpoint
// that pauses it. V8 optimizes hot functions on a background thread and
// installs the code on the main thread when it next handles interrupts; a
// debugger pause postpones interrupts, so code first made hot inside a pause
// runs unoptimized for the whole pause (measured: 500,000 records took 1.5-3 s
// to encode inside a pause and 0.45-0.6 s outside one). Encoding a small
// graph with every kind of value the encoder meets, in a few steps (see
// Target.prepare), gets its functions optimized; the code is installed as
// soon as the script runs on, before the first pause.
import { encodeValue } from '../../serialize/index.js';
import type { ClassRef } from '../../shared/encoded.js';

class Sample {
  constructor(readonly id: number, readonly weights: Float64Array, public label: string) {}
}

/** A graph with plain records, arrays, Maps, Sets, class instances, binaries, dates, shared objects and cycles. */
function corpus(n: number): unknown {
  const kinds = ['buy', 'sell', 'hold', 'refund'];
  const shared = { lr: 0.01, name: 'shared' };
  const records: unknown[] = [];
  const byKey = new Map<string, { count: number; total: number }>();
  for (let i = 0; i < n; i++) {
    records.push({ id: i, user: `user${i % 37}`, amount: i * 1.25, kind: kinds[i % 4], ok: i % 3 === 0, note: i % 5 === 0 ? null : undefined, big: BigInt(i) });
    byKey.set(`k${i}`, { count: i % 17, total: i * 1.5 });
  }
  const tree: Record<string, unknown> = { children: [], cfg: shared };
  (tree['children'] as unknown[]).push({ parent: tree, cfg: shared, values: [1, 2.5, 'x', [3, 4]] });
  return {
    records,
    byKey,
    tags: new Set(kinds),
    numbers: Array.from({ length: 1100 }, (_, i) => i / 3),
    samples: [new Sample(1, new Float64Array(16), 'a'), new Sample(2, new Float64Array(8), 'b')],
    when: new Date(0),
    tree,
    nested: { a: { b: { c: [{ d: 1 }, { d: 'two' }] } } },
    text: 'é'.repeat(40),
  };
}

/** Encodes the corpus `rounds` times; returns the time it took, in ms. */
export function warmUp(classOf: (ctor: Function) => ClassRef | undefined, rounds = 5): number {
  const started = performance.now();
  const value = corpus(150);
  for (let i = 0; i < rounds; i++) encodeValue(value, { classOf, path: 'warm-up' });
  // Once with a value whose meta outgrows the writer's first buffer: the
  // optimized code must have seen the growth path too (a branch it never saw
  // deoptimizes it, and inside a pause it is not optimized again).
  encodeValue(Array.from({ length: 2500 }, (_, i) => `a string longer than the string table takes, ${i}`), { classOf, path: 'warm-up' });
  return performance.now() - started;
}
