// Shared by the store tests: temp stores and hand-built encoded values.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { EncodedValue, ScopeKind } from '../../src/shared/encoded.js';
import type { VariableInput } from '../../src/store/index.js';

/** A fresh temp directory (not yet a store) and its cleanup. */
export function tempDir(prefix = 'chkpt-store-'): { dir: string; cleanup: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** A variable whose value is one typed array, encoded by hand (meta: a small marker text). */
export function typedVariable(name: string, array: ArrayBufferView, scope: ScopeKind = 'module', meta = `typed:${name}`): VariableInput {
  const kind = array.constructor.name;
  const dtype = ({
    Float64Array: 'float64', Float32Array: 'float32', Int32Array: 'int32', Uint32Array: 'uint32', Int16Array: 'int16',
    Uint16Array: 'uint16', Int8Array: 'int8', Uint8Array: 'uint8', BigInt64Array: 'int64', BigUint64Array: 'uint64',
  } as const)[kind] ?? 'bytes';
  const bytes = new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
  const length = 'length' in array ? (array as unknown as { length: number }).length : array.byteLength;
  const encoded: EncodedValue = {
    meta: new TextEncoder().encode(meta),
    parts: [{ id: 0, kind, dtype, length, byteOffset: array.byteOffset, bytes }],
    skipped: [],
    type: kind,
    shape: [length],
    byteSize: array.byteLength,
  };
  return { name, scope, encoded };
}

/** A variable with only a meta stream (a "small value"). */
export function metaVariable(name: string, text: string, scope: ScopeKind = 'local'): VariableInput {
  return {
    name, scope,
    encoded: { meta: new TextEncoder().encode(text), parts: [], skipped: [], type: 'string', shape: [text.length], byteSize: text.length },
  };
}

/** Deterministic pseudo-random Float64Array (xorshift), so two calls with one seed are equal. */
export function seededFloats(length: number, seed: number): Float64Array {
  const out = new Float64Array(length);
  let x = (seed * 2654435761) >>> 0 || 1;
  for (let i = 0; i < length; i++) {
    x ^= x << 13; x >>>= 0; x ^= x >>> 17; x ^= x << 5; x >>>= 0;
    out[i] = x / 4294967296;
  }
  return out;
}

/** Files under `dir`, relative, sorted. */
export function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.push(path.relative(dir, p));
    }
  };
  walk(dir);
  return out.sort();
}

/** A seeded pseudo-random integer source (mulberry32): `next(n)` is in [0, n). */
export function seededRandom(seed: number): (n: number) => number {
  let a = seed >>> 0;
  return (n) => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n);
  };
}
