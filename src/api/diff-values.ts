// Comparing values: numeric arrays element by element (how many changed,
// the largest difference and where), anything else as a bounded list of
// the paths that differ with before and after previews.
import type { NumArray } from './numeric.js';
import { toNumber } from './numeric.js';
import { preview } from './preview.js';

export interface NumericDiff {
  lengthA: number;
  lengthB: number;
  /** Elements compared (the common length). */
  compared: number;
  changed: number;
  /** Largest |b - a| over elements that are numbers in both (0 when none changed). */
  maxAbsDiff: number;
  /** Index of that largest difference. */
  maxAt?: number;
  /** Stored chunks skipped because their hashes were equal, and those read. */
  chunksSkipped: number;
  chunksCompared: number;
}

export interface PathDiff {
  path: string;
  a: string;
  b: string;
}

/** An empty numeric diff to accumulate into. */
export function newNumericDiff(lengthA: number, lengthB: number): NumericDiff {
  return { lengthA, lengthB, compared: 0, changed: 0, maxAbsDiff: 0, chunksSkipped: 0, chunksCompared: 0 };
}

/** Compares `a` and `b` element by element (up to the shorter), as elements `offset...` of the whole arrays. */
export function compareChunk(d: NumericDiff, a: NumArray, b: NumArray, offset: number): void {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = toNumber(a[i]!);
    const y = toNumber(b[i]!);
    if (x === y || (x !== x && y !== y)) continue;
    d.changed++;
    const diff = Math.abs(y - x);
    if (diff === diff && (diff > d.maxAbsDiff || d.maxAt === undefined)) {
      d.maxAbsDiff = diff;
      d.maxAt = offset + i;
    }
  }
  d.compared += n;
}

const MAX_VISITS = 200_000;

function label(key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
}

/** Up to `limit` paths where `a` and `b` differ, breadth first, visiting a bounded number of values. */
export function diffPaths(a: unknown, b: unknown, root: string, limit = 12): PathDiff[] {
  const out: PathDiff[] = [];
  const queue: [unknown, unknown, string][] = [[a, b, root]];
  const seen = new Set<unknown>();
  for (let head = 0; head < queue.length && out.length < limit && head < MAX_VISITS; head++) {
    const [x, y, path] = queue[head]!;
    if (Object.is(x, y)) continue;
    const record = (): void => void out.push({ path, a: preview(x), b: preview(y) });
    if (typeof x !== 'object' || typeof y !== 'object' || x === null || y === null) {
      if (!(typeof x === 'number' && typeof y === 'number' && x !== x && y !== y)) record();
      continue;
    }
    if (seen.has(x)) continue;
    seen.add(x);
    if (Object.getPrototypeOf(x) !== Object.getPrototypeOf(y) && preview(x, 12) !== preview(y, 12)) {
      record();
      continue;
    }
    if (ArrayBuffer.isView(x) && ArrayBuffer.isView(y) && !(x instanceof DataView) && !(y instanceof DataView)) {
      const d = newNumericDiff((x as NumArray).length, (y as NumArray).length);
      compareChunk(d, x as NumArray, y as NumArray, 0);
      if (d.changed > 0 || d.lengthA !== d.lengthB) {
        out.push({ path, a: preview(x), b: `${preview(y)} (${d.changed} changed, max |Δ| ${d.maxAbsDiff})` });
      }
      continue;
    }
    if (x instanceof Date && y instanceof Date) {
      if (x.getTime() !== y.getTime()) record();
      continue;
    }
    if (x instanceof Map && y instanceof Map) {
      for (const k of new Set([...x.keys(), ...y.keys()])) queue.push([x.get(k), y.get(k), `${path}.get(${JSON.stringify(k) ?? String(k)})`]);
      continue;
    }
    if (x instanceof Set && y instanceof Set) {
      if (x.size !== y.size || [...x].some((v) => !y.has(v))) record();
      continue;
    }
    if (Array.isArray(x) && Array.isArray(y)) {
      if (x.length !== y.length) out.push({ path: `${path}.length`, a: String(x.length), b: String(y.length) });
      for (let i = 0; i < Math.min(x.length, y.length); i++) queue.push([x[i], y[i], `${path}[${i}]`]);
      continue;
    }
    const keys = new Set([...Object.keys(x), ...Object.keys(y)]);
    for (const k of keys) queue.push([(x as Record<string, unknown>)[k], (y as Record<string, unknown>)[k], path + label(k)]);
  }
  return out.slice(0, limit);
}
