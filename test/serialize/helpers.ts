// Test helpers for the value encoding: a store-like round trip (parts copied
// into fresh buffers, as the store returns them) and a check that two graphs
// share references the same way.
import assert from 'node:assert/strict';
import { decodeValue, encodeValue, type DecodeOptions, type EncodeOptions, type EncodedValue } from '../../src/serialize/index.js';

/** Encodes `value`, then decodes it from copies of its meta and parts. */
export function roundTrip(value: unknown, options: EncodeOptions & DecodeOptions = {}): { encoded: EncodedValue; decoded: unknown } {
  const encoded = encodeValue(value, options);
  const stored = encoded.parts.map((p) => new Uint8Array(p.bytes));
  const meta = new Uint8Array(encoded.meta);
  const decoded = decodeValue(meta, (id) => stored[id]!, encoded.parts, options);
  return { encoded, decoded };
}

/** Asserts that `a` and `b` have the same reference structure: where `a` reuses an object, `b` reuses its counterpart. */
export function assertSameSharing(a: unknown, b: unknown): void {
  const seen = new Map<object, object>();
  const pending: [unknown, unknown, string][] = [[a, b, '$']];
  while (pending.length > 0) {
    const [x, y, path] = pending.pop()!;
    if (typeof x !== 'object' || x === null) continue;
    assert.ok(typeof y === 'object' && y !== null, `${path}: object expected`);
    const known = seen.get(x);
    if (known !== undefined) {
      assert.equal(known, y, `${path}: a shared reference was not kept shared`);
      continue;
    }
    seen.set(x, y);
    if (x instanceof Map) {
      const ys = [...(y as Map<unknown, unknown>)];
      [...x].forEach(([k, v], i) => {
        pending.push([k, ys[i]![0], `${path}.keys()[${i}]`], [v, ys[i]![1], `${path}.get(${i})`]);
      });
    } else if (x instanceof Set) {
      const ys = [...(y as Set<unknown>)];
      [...x].forEach((v, i) => pending.push([v, ys[i], `${path}.values()[${i}]`]));
    } else if (!ArrayBuffer.isView(x)) {
      for (const key of Object.getOwnPropertyNames(x)) {
        const d = Object.getOwnPropertyDescriptor(x, key)!;
        if ('value' in d) pending.push([d.value, (Object.getOwnPropertyDescriptor(y, key) ?? {}).value, `${path}.${key}`]);
      }
    }
  }
}

/** Asserts decode(encode(value)) deep-equals `value`, with the same sharing. */
export function assertRoundTrips(value: unknown, message?: string): unknown {
  const { decoded } = roundTrip(value);
  assert.deepStrictEqual(decoded, value, message);
  assertSameSharing(value, decoded);
  return decoded;
}

/**
 * Gives every invalid Date in the graph the same valid time, in place:
 * assert.deepStrictEqual on Node 20 never equates two invalid Dates (NaN !== NaN).
 */
export function settleInvalidDates(value: unknown, seen = new Set<object>()): void {
  if (typeof value !== 'object' || value === null || seen.has(value)) return;
  seen.add(value);
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) value.setTime(-8.64e15);
    return;
  }
  if (ArrayBuffer.isView(value)) return;
  if (value instanceof Map) for (const [k, v] of value) settleInvalidDates(k, seen), settleInvalidDates(v, seen);
  if (value instanceof Set) for (const v of value) settleInvalidDates(v, seen);
  for (const key of Object.getOwnPropertyNames(value)) {
    const d = Object.getOwnPropertyDescriptor(value, key)!;
    if ('value' in d) settleInvalidDates(d.value, seen);
  }
}
