import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findLarge } from '../../src/serialize/index.js';

test('finds big values nested inside small ones, with paths, breadth first', () => {
  const weights = new Float64Array(100_000);
  const state = {
    step: 3, weights, rows: [new Uint8Array(10), new Float32Array(50_000)], small: new Uint8Array(10),
    cache: new Map([['emb', new Int8Array(200_000)]]), again: weights, nested: { deeper: { bytes: Buffer.alloc(300_000) } },
    history: Array.from({ length: 20_000 }, (_, i) => i),
  };
  const found = findLarge(state, 100_000, 10_000, 'state');
  assert.deepEqual(found.map((f) => f.path), ['state.weights', 'state.rows', 'state.cache', 'state.history', 'state.rows[1]',
    'state.cache.get("emb")', 'state.nested.deeper.bytes']);
  const w = found[0]!;
  assert.equal(w.value, weights);
  assert.equal(w.size, weights.byteLength);
  assert.ok(found.every((f) => f.size >= 100_000));
});

test('paths without a root name start at the first accessor', () => {
  const found = findLarge([{ big: new Float64Array(20_000) }], 100_000);
  assert.deepEqual(found.map((f) => f.path), ['[0].big']);
});

test('the root itself is never reported and the budget bounds the walk', () => {
  assert.deepEqual(findLarge(new Float64Array(1_000_000), 10), []);
  const many = Array.from({ length: 100_000 }, () => ({ v: new Uint8Array(2000) }));
  const found = findLarge({ many }, 1000, 500);
  assert.ok(found.length > 0 && found.length < 500, `${found.length}`);
  assert.deepEqual(findLarge(5, 1), []);
});
