// A numeric array as a line plot: the minimum and maximum of each of at most
// `buckets` equal slices by position, read chunk by chunk (a 10-million-item
// array stored in the store is never whole in memory), so that every spike
// stays visible and what the page receives stays small.
import { type NumericSource, toNumber } from '../api/numeric.js';

export interface Downsampled {
  /** Items in the array. */
  length: number;
  /** Index of the first item of each bucket. */
  x: number[];
  /** Smallest and largest finite value of each bucket (null when it has none). */
  min: (number | null)[];
  max: (number | null)[];
  /** Items per bucket (1 when the array is not downsampled). */
  step: number;
}

/** Reads `source` once and reduces it to at most `buckets` min/max pairs. */
export async function downsample(source: NumericSource, buckets = 2000): Promise<Downsampled> {
  const length = source.length;
  const count = Math.max(1, Math.min(buckets, length));
  const step = Math.max(1, length / count);
  const min = new Float64Array(count).fill(Infinity);
  const max = new Float64Array(count).fill(-Infinity);
  let at = 0;
  for await (const chunk of source.chunks()) {
    const n = chunk.length;
    let i = 0;
    while (i < n) {
      const bucket = Math.min(count - 1, Math.floor((at + i) / step));
      // The items of this chunk that fall in this bucket, in one tight loop:
      // bucket b holds the indexes j with floor(j / step) = b.
      const next = bucket === count - 1 ? length : Math.ceil((bucket + 1) * step);
      const end = Math.max(i + 1, Math.min(n, next - at));
      let lo = min[bucket]!;
      let hi = max[bucket]!;
      if (typeof chunk[0] === 'bigint') {
        for (; i < end; i++) {
          const v = toNumber(chunk[i]!);
          if (v < lo) lo = v;
          if (v > hi) hi = v;
        }
      } else {
        const numbers = chunk as Exclude<typeof chunk, BigInt64Array | BigUint64Array>;
        for (; i < end; i++) {
          const v = numbers[i]!;
          // NaN fails both tests; infinities are not plotted.
          if (v < lo && v !== -Infinity) lo = v;
          if (v > hi && v !== Infinity) hi = v;
        }
      }
      min[bucket] = lo;
      max[bucket] = hi;
    }
    at += n;
  }
  const out: Downsampled = { length, x: [], min: [], max: [], step };
  for (let b = 0; b < count; b++) {
    out.x.push(Math.ceil(b * step));
    out.min.push(Number.isFinite(min[b]!) ? min[b]! : null);
    out.max.push(Number.isFinite(max[b]!) ? max[b]! : null);
  }
  return out;
}
