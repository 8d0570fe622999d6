// Summary of a numeric array, read chunk by chunk: length, min, max, mean,
// NaN and infinity counts, the first and last values, a histogram of values
// and the mean of each slice by position (what a sparkline draws).
import { type NumericSource, toNumber } from './numeric.js';

export interface NumericSummary {
  dtype: string;
  kind: string;
  length: number;
  /** Over the values that are not NaN (infinities included); undefined when there are none. */
  min?: number;
  max?: number;
  /** Over the finite values. */
  mean?: number;
  nan: number;
  infinite: number;
  head: number[];
  tail: number[];
  /** `edges` has one more entry than `counts`; bins cover [min, max] of the finite values. */
  histogram: { edges: number[]; counts: number[] };
  /** Mean of the finite values in each of `slices` equal slices by position (NaN for a slice with none). */
  slices: number[];
}

export interface SummaryOptions {
  bins?: number;
  slices?: number;
  head?: number;
  tail?: number;
}

/** Reads `source` twice (values, then the histogram) and summarizes it. */
export async function summarize(source: NumericSource, opts: SummaryOptions = {}): Promise<NumericSummary> {
  const nSlices = Math.max(1, Math.min(opts.slices ?? 48, source.length || 1));
  const headN = opts.head ?? 6;
  const tailN = opts.tail ?? 3;
  const sliceSum = new Float64Array(nSlices);
  const sliceCount = new Float64Array(nSlices);
  const head: number[] = [];
  let tail: number[] = [];
  let min = Infinity;
  let max = -Infinity;
  let finMin = Infinity;
  let finMax = -Infinity;
  let sum = 0;
  let comp = 0;
  let finite = 0;
  let nan = 0;
  let infinite = 0;
  let seenNumber = false;
  let i = 0;
  for await (const chunk of source.chunks()) {
    for (let j = 0; j < chunk.length; j++, i++) {
      const x = toNumber(chunk[j]!);
      if (head.length < headN) head.push(x);
      if (x !== x) {
        nan++;
        continue;
      }
      seenNumber = true;
      if (x < min) min = x;
      if (x > max) max = x;
      if (x === Infinity || x === -Infinity) {
        infinite++;
        continue;
      }
      if (x < finMin) finMin = x;
      if (x > finMax) finMax = x;
      // Kahan summation: a mean over a billion values keeps its digits.
      const y = x - comp;
      const t = sum + y;
      comp = t - sum - y;
      sum = t;
      finite++;
      const s = Math.floor((i * nSlices) / source.length);
      sliceSum[s]! += x;
      sliceCount[s]! += 1;
    }
    if (tailN > 0) tail = tail.concat(Array.from(chunk.subarray(Math.max(0, chunk.length - tailN)), toNumber)).slice(-tailN);
  }
  const histogram = finite > 0 ? await histogramOf(source, finMin, finMax, opts.bins ?? 10) : { edges: [], counts: [] };
  return {
    dtype: source.dtype, kind: source.kind, length: source.length,
    ...(seenNumber ? { min, max } : {}),
    ...(finite > 0 ? { mean: sum / finite } : {}),
    nan, infinite, head, tail: source.length > headN ? tail : [],
    histogram,
    slices: Array.from(sliceSum, (s, k) => (sliceCount[k]! > 0 ? s / sliceCount[k]! : NaN)),
  };
}

async function histogramOf(source: NumericSource, lo: number, hi: number, bins: number): Promise<{ edges: number[]; counts: number[] }> {
  const n = lo === hi ? 1 : Math.max(1, bins);
  const width = (hi - lo) / n;
  const counts = new Array<number>(n).fill(0);
  for await (const chunk of source.chunks()) {
    for (let j = 0; j < chunk.length; j++) {
      const x = toNumber(chunk[j]!);
      if (x !== x || x === Infinity || x === -Infinity) continue;
      const b = width === 0 ? 0 : Math.min(n - 1, Math.floor((x - lo) / width));
      counts[b]!++;
    }
  }
  const edges = Array.from({ length: n + 1 }, (_, k) => (k === n ? hi : lo + k * width));
  return { edges, counts };
}
