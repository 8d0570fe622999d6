// Numeric arrays as sources of chunks: a typed array stored as one binary
// part is read chunk by chunk from the store (never whole), one held in
// memory is one chunk. Stats, diff and the exporters read both the same way.
import type { Dtype } from '../shared/encoded.js';
import type { Store, VariableInfo } from '../store/index.js';

/** A typed array of one of the stored dtypes. */
export type NumArray =
  | Int8Array | Uint8Array | Uint8ClampedArray | Int16Array | Uint16Array | Int32Array | Uint32Array
  | Float32Array | Float64Array | BigInt64Array | BigUint64Array;

/** An array of numbers, wherever its bytes are. */
export interface NumericSource {
  /** numpy's name for the element type ('uint8' for raw bytes). */
  dtype: Exclude<Dtype, 'bytes'>;
  /** What the script held: 'Float64Array', 'Buffer', 'Array', 'ArrayBuffer', ... */
  kind: string;
  length: number;
  /** The elements in order, a few MiB at a time; may be called more than once. */
  chunks(): AsyncIterable<NumArray>;
}

type Ctor = { new (buffer: ArrayBufferLike, byteOffset: number, length: number): NumArray; BYTES_PER_ELEMENT: number };

const CTORS: Record<NumericSource['dtype'], Ctor> = {
  int8: Int8Array, uint8: Uint8Array, int16: Int16Array, uint16: Uint16Array, int32: Int32Array, uint32: Uint32Array,
  float32: Float32Array, float64: Float64Array, int64: BigInt64Array, uint64: BigUint64Array,
};

/** Bytes per element of a dtype. */
export function itemSize(dtype: Dtype): number {
  return dtype === 'bytes' ? 1 : CTORS[dtype].BYTES_PER_ELEMENT;
}

/** The dtype of a typed array, or undefined for anything else. */
export function dtypeOf(value: unknown): NumericSource['dtype'] | undefined {
  if (!ArrayBuffer.isView(value) || value instanceof DataView) return undefined;
  if (value instanceof Uint8ClampedArray) return 'uint8';
  for (const [dtype, ctor] of Object.entries(CTORS)) if (value instanceof ctor) return dtype as NumericSource['dtype'];
  return undefined;
}

/** Views `bytes` (little-endian, whole elements) as a typed array of `dtype`, copying only when unaligned. */
export function viewAs(bytes: Uint8Array, dtype: Dtype): NumArray {
  if (dtype === 'bytes' || dtype === 'uint8') return bytes;
  const ctor = CTORS[dtype];
  const size = ctor.BYTES_PER_ELEMENT;
  const aligned = bytes.byteOffset % size === 0 ? bytes : bytes.slice();
  return new ctor(aligned.buffer, aligned.byteOffset, Math.floor(aligned.byteLength / size));
}

const NUMERIC_KINDS = new Set([
  'Int8Array', 'Uint8Array', 'Uint8ClampedArray', 'Int16Array', 'Uint16Array', 'Int32Array', 'Uint32Array',
  'Float32Array', 'Float64Array', 'BigInt64Array', 'BigUint64Array', 'Buffer', 'ArrayBuffer', 'SharedArrayBuffer', 'DataView', 'Array',
]);

/**
 * True when the variable's value is exactly its one binary part (a top-level
 * typed array, Buffer, ArrayBuffer or dense array of numbers), so its bytes
 * can be streamed from the store without decoding anything.
 */
export function isWholePart(v: VariableInfo): boolean {
  const part = v.parts[0];
  if (v.parts.length !== 1 || !part || part.kind !== v.type || !NUMERIC_KINDS.has(v.type)) return false;
  if (v.shape && v.shape[0] !== part.length) return false;
  // A dense array of numbers nested in an array has the same kind: its meta stream is more than a reference.
  return v.type !== 'Array' || v.meta.size <= 16;
}

/** The stored part of a whole-part variable, read chunk by chunk (each chunk verified by the store). */
export function storedSource(store: Store, checkpointId: number, v: VariableInfo): NumericSource {
  const part = v.parts[0]!;
  const dtype = part.dtype === 'bytes' ? 'uint8' : part.dtype;
  const size = itemSize(dtype);
  return {
    dtype, kind: part.kind, length: part.length,
    async *chunks() {
      let carry: Uint8Array | undefined;
      for await (let bytes of store.partStream(checkpointId, v.idx, part.id)) {
        if (carry) {
          const joined = new Uint8Array(carry.byteLength + bytes.byteLength);
          joined.set(carry);
          joined.set(bytes, carry.byteLength);
          bytes = joined;
          carry = undefined;
        }
        const whole = bytes.byteLength - (bytes.byteLength % size);
        if (whole < bytes.byteLength) carry = bytes.slice(whole);
        if (whole > 0) yield viewAs(bytes.subarray(0, whole), dtype);
      }
    },
  };
}

/** A numeric source over a value in memory: a typed array, a Buffer, an ArrayBuffer, a DataView or an array of numbers. */
export function memorySource(value: unknown): NumericSource | undefined {
  const dtype = dtypeOf(value);
  if (dtype) {
    const array = value as NumArray;
    const kind = Buffer.isBuffer(value) ? 'Buffer' : array.constructor.name;
    return { dtype, kind, length: array.length, chunks: async function* () { yield array; } };
  }
  if (value instanceof ArrayBuffer || value instanceof SharedArrayBuffer || value instanceof DataView) {
    const bytes = value instanceof DataView
      ? new Uint8Array(value.buffer, value.byteOffset, value.byteLength) : new Uint8Array(value);
    return { dtype: 'uint8', kind: value.constructor.name, length: bytes.length, chunks: async function* () { yield bytes; } };
  }
  if (Array.isArray(value) && value.length > 0 && isNumberArray(value)) {
    const numbers = Float64Array.from(value as number[]);
    return { dtype: 'float64', kind: 'Array', length: numbers.length, chunks: async function* () { yield numbers; } };
  }
  return undefined;
}

function isNumberArray(array: unknown[]): boolean {
  for (let i = 0; i < array.length; i++) if (typeof array[i] !== 'number') return false;
  return true;
}

/** The numbers of a chunk as JavaScript numbers (bigints converted, possibly losing precision). */
export function toNumber(x: number | bigint): number {
  return typeof x === 'bigint' ? Number(x) : x;
}
