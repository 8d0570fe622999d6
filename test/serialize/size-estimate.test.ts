import { test } from 'node:test';
import assert from 'node:assert/strict';
import { estimateSize } from '../../src/serialize/index.js';

test('typed arrays and buffers are counted exactly, plus a small header', () => {
  const big = new Float64Array(1 << 20);
  const size = estimateSize(big);
  assert.ok(size >= big.byteLength && size < big.byteLength + 256, `${size}`);
  assert.ok(estimateSize(new ArrayBuffer(5000)) >= 5000);
  assert.ok(estimateSize({ a: new Uint8Array(100_000), b: new Uint8Array(100_000) }) >= 200_000);
});

test('primitives have small sizes; strings grow with their length', () => {
  assert.equal(estimateSize(undefined), 0);
  assert.equal(estimateSize(1.5), 8);
  assert.ok(estimateSize('x'.repeat(10_000)) >= 10_000);
});

test('a shared value is counted once', () => {
  const payload = new Uint8Array(100_000);
  const once = estimateSize({ a: payload });
  const twice = estimateSize({ a: payload, b: payload, c: [payload] });
  assert.ok(twice - once < 1000, `${once} vs ${twice}`);
});

test('large containers are sampled and extrapolated within a small factor', () => {
  const rows = Array.from({ length: 200_000 }, (_, i) => ({ id: i, name: `row number ${i}`, values: [i, i + 1, i + 2] }));
  const exactish = rows.length * (24 + 4 * 16 + 16 + 14 + 16 + 3 * 8);
  const size = estimateSize(rows, 2000);
  assert.ok(size > exactish / 3 && size < exactish * 3, `${size} vs about ${exactish}`);
  const map = new Map(rows.map((r) => [r.id, r]));
  const mapSize = estimateSize(map, 2000);
  assert.ok(mapSize > exactish / 3 && mapSize < exactish * 4, `${mapSize}`);
});

test('the node budget bounds the walk of a long linked list and extrapolates the rest', () => {
  let head: object | null = null;
  for (let i = 0; i < 100_000; i++) head = { i, next: head };
  const small = estimateSize(head, 100);
  const large = estimateSize(head, 100_000);
  assert.ok(small > 0 && small < large, `${small} < ${large}`);
});

test('cycles, Proxies and functions do not break the walk', () => {
  const a: Record<string, unknown> = { fn: () => 1, p: new Proxy({}, { ownKeys() { throw new Error('trap ran'); } }) };
  a['self'] = a;
  assert.ok(estimateSize(a) > 0);
});
