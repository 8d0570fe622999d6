// Two checkpoints compared: which variables appeared, disappeared or
// changed. Equal chunk lists mean equal bytes, so unchanged variables are
// told apart without reading them, and two versions of a large array are
// compared only in the chunks whose hashes differ.
import type { VariableInfo } from '../store/index.js';
import type { Checkpoint } from './checkpoint.js';
import { type NumericDiff, type PathDiff, compareChunk, diffPaths, newNumericDiff } from './diff-values.js';
import { isWholePart, itemSize, storedSource } from './numeric.js';

/** A variable as a diff names it. */
export interface VariableBrief {
  name: string;
  type: string;
  shape?: number[];
  bytes: number;
}

export interface VariableChange {
  name: string;
  a: VariableBrief;
  b: VariableBrief;
  /** For numeric arrays. */
  numeric?: NumericDiff;
  /** For other values: where they differ (bounded). */
  paths?: PathDiff[];
  /** When the values were too large to compare in memory, or could not be read. */
  note?: string;
}

export interface DiffReport {
  a: string;
  b: string;
  appeared: VariableBrief[];
  disappeared: VariableBrief[];
  changed: VariableChange[];
  unchanged: string[];
}

export interface DiffOptions {
  /** Only these variable names (or paths' variables). */
  only?: string[];
  /** Values larger than this (stored bytes) are not decoded for a path diff (default 256 MiB). */
  maxDecodeBytes?: number;
}

function brief(v: VariableInfo): VariableBrief {
  return { name: v.name, type: v.type, ...(v.shape ? { shape: v.shape } : {}), bytes: v.storedBytes };
}

function sameList(x: string[], y: string[]): boolean {
  return x.length === y.length && x.every((h, i) => h === y[i]);
}

/** True when both variables hold the same bytes, known from their chunk lists alone. */
export function sameBytes(a: VariableInfo, b: VariableInfo): boolean {
  return a.type === b.type && sameList(a.meta.chunks, b.meta.chunks) && a.parts.length === b.parts.length
    && a.parts.every((p, i) => {
      const q = b.parts[i]!;
      return p.dtype === q.dtype && p.kind === q.kind && p.length === q.length && sameList(p.chunks, q.chunks);
    });
}

async function compareStored(ca: Checkpoint, va: VariableInfo, cb: Checkpoint, vb: VariableInfo): Promise<NumericDiff> {
  const pa = va.parts[0]!;
  const pb = vb.parts[0]!;
  const d = newNumericDiff(pa.length, pb.length);
  const ia = storedSource(ca.store, ca.info.id, va).chunks()[Symbol.asyncIterator]();
  const ib = storedSource(cb.store, cb.info.id, vb).chunks()[Symbol.asyncIterator]();
  const perChunk = pa.chunkSize / itemSize(pa.dtype);
  const common = Math.min(pa.chunks.length, pb.chunks.length);
  for (let i = 0; i < common; i++) {
    // Equal hashes: equal bytes. The chunk is still read (the store streams in order) but not compared.
    const [x, y] = await Promise.all([ia.next(), ib.next()]);
    if (x.done || y.done) break;
    if (pa.chunks[i] === pb.chunks[i]) {
      d.compared += Math.min(x.value.length, y.value.length);
      d.chunksSkipped++;
    } else {
      compareChunk(d, x.value, y.value, i * perChunk);
      d.chunksCompared++;
    }
  }
  await Promise.all([ia.return?.(), ib.return?.()]);
  return d;
}

async function change(ca: Checkpoint, va: VariableInfo, cb: Checkpoint, vb: VariableInfo, opts: DiffOptions): Promise<VariableChange> {
  const base = { name: va.name, a: brief(va), b: brief(vb) };
  const pa = va.parts[0];
  const pb = vb.parts[0];
  if (isWholePart(va) && isWholePart(vb) && pa!.dtype === pb!.dtype && pa!.chunkSize === pb!.chunkSize && pa!.chunkSize % itemSize(pa!.dtype) === 0) {
    return { ...base, numeric: await compareStored(ca, va, cb, vb) };
  }
  const limit = opts.maxDecodeBytes ?? 256 * 1024 * 1024;
  if (va.storedBytes > limit || vb.storedBytes > limit) return { ...base, note: 'too large to compare in memory; the bytes differ' };
  try {
    const a = ca.get(va.name);
    const b = cb.get(vb.name);
    if (ArrayBuffer.isView(a) && ArrayBuffer.isView(b) && !(a instanceof DataView) && !(b instanceof DataView)) {
      const d = newNumericDiff((a as unknown as ArrayLike<number>).length, (b as unknown as ArrayLike<number>).length);
      compareChunk(d, a as never, b as never, 0);
      return { ...base, numeric: d };
    }
    return { ...base, paths: diffPaths(a, b, va.name) };
  } catch (err) {
    return { ...base, note: `cannot be read: ${(err as Error).message}` };
  }
}

function byName(vars: VariableInfo[]): Map<string, VariableInfo> {
  const map = new Map<string, VariableInfo>();
  for (const v of vars) if (!map.has(v.name)) map.set(v.name, v);
  return map;
}

/** Compares checkpoint `a` with checkpoint `b`, variable by variable. */
export async function diffCheckpoints(a: Checkpoint, b: Checkpoint, opts: DiffOptions = {}): Promise<DiffReport> {
  const keep = (v: VariableInfo): boolean => !opts.only || opts.only.includes(v.name);
  const va = byName(a.variables().filter(keep));
  const vb = byName(b.variables().filter(keep));
  const report: DiffReport = { a: a.ref, b: b.ref, appeared: [], disappeared: [], changed: [], unchanged: [] };
  for (const [name, x] of va) {
    const y = vb.get(name);
    if (!y) report.disappeared.push(brief(x));
    else if (sameBytes(x, y)) report.unchanged.push(name);
    else report.changed.push(await change(a, x, b, y, opts));
  }
  for (const [name, y] of vb) if (!va.has(name)) report.appeared.push(brief(y));
  return report;
}
