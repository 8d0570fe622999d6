import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { NumArray, NumericSource } from '../../src/api/numeric.js';
import { downsample } from '../../src/ui/downsample.js';

/** A source that hands out `values` in chunks of `size`. */
function chunked(values: NumArray, size: number): NumericSource {
  return {
    dtype: 'float64', kind: 'Float64Array', length: values.length,
    async *chunks() {
      for (let at = 0; at < values.length; at += size) yield values.subarray(at, at + size) as NumArray;
    },
  };
}

/** Min and max of each bucket, the slow way. */
function expected(values: Float64Array, buckets: number): { x: number[]; min: (number | null)[]; max: (number | null)[] } {
  const count = Math.min(buckets, values.length);
  const step = values.length / count;
  const out = { x: [] as number[], min: [] as (number | null)[], max: [] as (number | null)[] };
  for (let b = 0; b < count; b++) {
    const from = Math.ceil(b * step);
    const to = b === count - 1 ? values.length : Math.ceil((b + 1) * step);
    const finite = Array.from(values.subarray(from, to)).filter((v) => Number.isFinite(v));
    out.x.push(from);
    out.min.push(finite.length ? Math.min(...finite) : null);
    out.max.push(finite.length ? Math.max(...finite) : null);
  }
  return out;
}

describe('downsample', () => {
  it('keeps every bucket\'s min and max whatever the chunk boundaries', async () => {
    const values = Float64Array.from({ length: 10_007 }, (_, i) => Math.sin(i) * (i % 97 === 0 ? 50 : 1));
    for (const [chunk, buckets] of [[1000, 100], [333, 2000], [10_007, 7], [1, 13], [4096, 10_007]] as const) {
      const got = await downsample(chunked(values, chunk), buckets);
      const want = expected(values, buckets);
      assert.deepEqual({ x: got.x, min: got.min, max: got.max }, want, `chunks of ${chunk}, ${buckets} buckets`);
    }
  });

  it('leaves NaN and infinities out, and gives null for a bucket with no finite value', async () => {
    const values = new Float64Array([NaN, NaN, 1, Infinity, -Infinity, 3]);
    const got = await downsample(chunked(values, 4), 3);
    assert.deepEqual(got.min, [null, 1, 3]);
    assert.deepEqual(got.max, [null, 1, 3]);
  });

  it('does not downsample an array shorter than the buckets', async () => {
    const got = await downsample(chunked(new Float64Array([4, 5, 6]), 2), 2000);
    assert.equal(got.step, 1);
    assert.deepEqual(got.max, [4, 5, 6]);
  });

  it('reads 64-bit integers as numbers', async () => {
    const source: NumericSource = {
      dtype: 'int64', kind: 'BigInt64Array', length: 4,
      async *chunks() { yield new BigInt64Array([1n, -2n, 3n, 4n]); },
    };
    const got = await downsample(source, 2);
    assert.deepEqual([got.min, got.max], [[-2, 3], [1, 4]]);
  });
});
