// Property-based round trips: random value graphs from fast-check, including
// cyclic and shared ones, decode to values deep-equal to what was encoded.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { assertSameSharing, roundTrip, settleInvalidDates } from './helpers.js';

const anything = fc.anything({
  maxDepth: 4, maxKeys: 6, withBigInt: true, withBoxedValues: true, withDate: true, withMap: true, withSet: true,
  withNullPrototype: true, withObjectString: true, withSparseArray: true, withTypedArray: true, stringUnit: 'binary',
});

const typedArrays = fc.oneof(
  fc.float64Array({ maxLength: 40 }), fc.float32Array({ maxLength: 40 }), fc.int8Array(), fc.uint8Array(), fc.uint8ClampedArray(),
  fc.int16Array(), fc.uint16Array(), fc.int32Array(), fc.uint32Array(), fc.bigInt64Array(), fc.bigUint64Array(),
);

const numbersAsPart = fc.array(fc.double(), { minLength: 1024, maxLength: 1100 });

test('random values round-trip', () => {
  fc.assert(fc.property(anything, (value) => {
    const { decoded } = roundTrip(value);
    settleInvalidDates(decoded);
    settleInvalidDates(value);
    assert.deepStrictEqual(decoded, value);
  }), { numRuns: 1500 });
});

test('random binary values and containers of them round-trip, small and as parts', () => {
  const value = fc.record({
    typed: fc.array(typedArrays, { maxLength: 4 }), numbers: numbersAsPart,
    map: fc.array(fc.tuple(fc.string(), typedArrays), { maxLength: 3 }).map((entries) => new Map(entries)),
    set: fc.array(fc.oneof(fc.integer(), fc.string(), fc.date({ noInvalidDate: true })), { maxLength: 5 }).map((xs) => new Set(xs)),
    when: fc.date({ noInvalidDate: true }),
  });
  fc.assert(fc.property(value, fc.integer({ min: 0, max: 200 }), (v, minPartBytes) => {
    const { decoded } = roundTrip(v, { minPartBytes });
    assert.deepStrictEqual(decoded, v);
  }), { numRuns: 300 });
});

/** Random graphs with cycles and shared nodes: node i links to nodes chosen by index. */
const graph = fc.letrec((tie) => ({
  node: fc.record({ label: fc.oneof(fc.string(), fc.integer(), fc.bigInt()), links: fc.array(fc.nat(20), { maxLength: 4 }), kind: fc.constantFrom('object', 'array', 'map', 'set') }),
  nodes: fc.array(tie('node'), { minLength: 1, maxLength: 20 }),
})).nodes;

type Spec = { label: unknown; links: number[]; kind: string };

function build(specs: readonly unknown[]): unknown {
  const list = specs as Spec[];
  const made = list.map((s) => (s.kind === 'array' ? [] : s.kind === 'map' ? new Map() : s.kind === 'set' ? new Set() : {}));
  list.forEach((s, i) => {
    const self = made[i]!;
    const targets = s.links.map((l) => made[l % made.length]!);
    if (Array.isArray(self)) self.push(s.label, ...targets);
    else if (self instanceof Map) targets.forEach((t, k) => self.set(k % 2 === 0 ? t : `k${k}`, t)), self.set('label', s.label);
    else if (self instanceof Set) [s.label, ...targets].forEach((t) => self.add(t));
    else Object.assign(self, { label: s.label, links: targets });
  });
  return made[0];
}

test('random cyclic and shared graphs round-trip with their sharing', () => {
  fc.assert(fc.property(graph, (specs) => {
    const value = build(specs);
    const { decoded } = roundTrip(value);
    assert.deepStrictEqual(decoded, value);
    assertSameSharing(value, decoded);
  }), { numRuns: 500 });
});
