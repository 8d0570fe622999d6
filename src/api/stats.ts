// Summary of a numeric array, read chunk by chunk: length, min, max, mean,
// NaN and infinity counts, the first and last values, a histogram of values
// and the mean of each slice by position (what a sparkline draws).
import { type NumArray, type NumericSource, toNumber } from './numeric.js';

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

/** Running figures of the first pass. */
class Pass {
  min = Infinity;
  max = -Infinity;
  finMin = Infinity;
  finMax = -Infinity;
  sum = 0;
  comp = 0;
  finite = 0;
  nan = 0;
  infinite = 0;

  /** Scans `values[from, to)` (numbers), returning the sum and count of its finite values for its slice. */
  scan(values: ArrayLike<number>, from: number, to: number): [number, number] {
    let sliceSum = 0;
    let sliceCount = 0;
    let { min, max, finMin, finMax, sum, comp } = this;
    for (let j = from; j < to; j++) {
      const x = values[j]!;
      if (x - x !== 0) {
        // NaN or an infinity.
        if (x !== x) this.nan++;
        else {
          this.infinite++;
          if (x < min) min = x;
          if (x > max) max = x;
        }
        continue;
      }
      if (x < finMin) finMin = x;
      if (x > finMax) finMax = x;
      // Kahan summation: a mean over a billion values keeps its digits.
      const y = x - comp;
      const t = sum + y;
      comp = t - sum - y;
      sum = t;
      sliceSum += x;
      sliceCount++;
    }
    Object.assign(this, { min: Math.min(min, finMin), max: Math.max(max, finMax), finMin, finMax, sum, comp });
    this.finite += sliceCount;
    return [sliceSum, sliceCount];
  }
}

/** The chunk as numbers: bigint arrays converted (possibly losing precision), others as they are. */
function asNumbers(chunk: NumArray): ArrayLike<number> {
  return chunk instanceof BigInt64Array || chunk instanceof BigUint64Array ? Float64Array.from(chunk, toNumber) : chunk as ArrayLike<number>;
}

/** Reads `source` twice (values, then the histogram) and summarizes it. */
export async function summarize(source: NumericSource, opts: SummaryOptions = {}): Promise<NumericSummary> {
  const n = source.length;
  const nSlices = Math.max(1, Math.min(opts.slices ?? 48, n || 1));
  const headN = opts.head ?? 6;
  const tailN = opts.tail ?? 3;
  const sliceSum = new Float64Array(nSlices);
  const sliceCount = new Float64Array(nSlices);
  const head: number[] = [];
  let tail: number[] = [];
  const pass = new Pass();
  let i = 0;
  for await (const chunk of source.chunks()) {
    const values = asNumbers(chunk);
    for (let j = 0; head.length < headN && j < values.length; j++) head.push(values[j]!);
    // Walk the chunk slice by slice, so the inner loop does no division.
    let j = 0;
    while (j < values.length) {
      const s = Math.floor((i * nSlices) / n);
      const sliceEnd = Math.ceil(((s + 1) * n) / nSlices);
      const to = Math.min(values.length, j + Math.max(1, sliceEnd - i));
      const [sum, count] = pass.scan(values, j, to);
      sliceSum[s]! += sum;
      sliceCount[s]! += count;
      i += to - j;
      j = to;
    }
    if (tailN > 0) tail = tail.concat(Array.from({ length: Math.min(tailN, values.length) }, (_, k) => values[values.length - Math.min(tailN, values.length) + k]!)).slice(-tailN);
  }
  const histogram = pass.finite > 0 ? await histogramOf(source, pass.finMin, pass.finMax, opts.bins ?? 10) : { edges: [], counts: [] };
  const seenNumber = pass.finite + pass.infinite > 0;
  return {
    dtype: source.dtype, kind: source.kind, length: n,
    ...(seenNumber ? { min: pass.min, max: pass.max } : {}),
    ...(pass.finite > 0 ? { mean: pass.sum / pass.finite } : {}),
    nan: pass.nan, infinite: pass.infinite, head, tail: n > headN ? tail : [],
    histogram,
    slices: Array.from(sliceSum, (sum, k) => (sliceCount[k]! > 0 ? sum / sliceCount[k]! : NaN)),
  };
}

async function histogramOf(source: NumericSource, lo: number, hi: number, bins: number): Promise<{ edges: number[]; counts: number[] }> {
  const n = lo === hi ? 1 : Math.max(1, bins);
  const width = (hi - lo) / n;
  const counts = new Float64Array(n);
  const scale = width === 0 ? 0 : 1 / width;
  for await (const chunk of source.chunks()) {
    const values = asNumbers(chunk);
    for (let j = 0; j < values.length; j++) {
      const x = values[j]!;
      if (x - x !== 0) continue;
      const b = Math.min(n - 1, Math.floor((x - lo) * scale));
      counts[b]!++;
    }
  }
  const edges = Array.from({ length: n + 1 }, (_, k) => (k === n ? hi : lo + k * width));
  return { edges, counts: Array.from(counts) };
}
