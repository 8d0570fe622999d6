// Binary values (typed arrays, Buffers, DataViews, ArrayBuffers,
// SharedArrayBuffers, and dense arrays of numbers) as raw little-endian bytes
// with a kind and a dtype. Encoding takes a view over the value's own memory,
// never a copy; decoding rebuilds the same kind of value from bytes.
import type { Dtype } from '../shared/encoded.js';
import {
  ArrayBufferPrototypeGetByteLength, BufferPrototype, DataViewPrototypeGetBuffer, DataViewPrototypeGetByteLength,
  DataViewPrototypeGetByteOffset, ObjectSetPrototypeOf, OrigArrayBuffer, OrigDataView, OrigFloat64Array,
  OrigSharedArrayBuffer, OrigUint8Array, SafeMap, SharedArrayBufferPrototypeGetByteLength, TypedArrayPrototypeGetBuffer,
  TypedArrayPrototypeGetByteLength, TypedArrayPrototypeGetByteOffset, TypedArrayPrototypeGetLength,
  TypedArrayPrototypeGetToStringTag, TypedArrayPrototypeSet, isArrayBuffer, isDataView, isSharedArrayBuffer, isTypedArray,
} from './primordials.js';

type ViewConstructor = new (buffer: ArrayBufferLike, byteOffset: number, length: number) => ArrayBufferView;

/** One kind of binary value: its code in the meta stream, its name (BinaryPart.kind) and element type. */
export interface BinaryKind {
  readonly code: number;
  readonly name: string;
  readonly dtype: Dtype;
  readonly itemSize: number;
  /** The built-in prototype of plain values of this kind (null for 'Array', which is not a binary object). */
  readonly proto: object | null;
  readonly view: ViewConstructor | null;
}

function kind(code: number, name: string, dtype: Dtype, itemSize: number, ctor: (Function & { prototype: object }) | null, isView = true): BinaryKind {
  const proto = ctor === null ? null : ctor.prototype;
  return { code, name, dtype, itemSize, proto, view: isView ? ctor as ViewConstructor | null : null };
}

/** Every binary kind, indexed by its code. */
export const BINARY_KINDS: readonly BinaryKind[] = [
  kind(0, 'Int8Array', 'int8', 1, Int8Array),
  kind(1, 'Uint8Array', 'uint8', 1, Uint8Array),
  kind(2, 'Uint8ClampedArray', 'uint8', 1, Uint8ClampedArray),
  kind(3, 'Int16Array', 'int16', 2, Int16Array),
  kind(4, 'Uint16Array', 'uint16', 2, Uint16Array),
  kind(5, 'Int32Array', 'int32', 4, Int32Array),
  kind(6, 'Uint32Array', 'uint32', 4, Uint32Array),
  kind(7, 'Float32Array', 'float32', 4, Float32Array),
  kind(8, 'Float64Array', 'float64', 8, Float64Array),
  kind(9, 'BigInt64Array', 'int64', 8, BigInt64Array),
  kind(10, 'BigUint64Array', 'uint64', 8, BigUint64Array),
  { code: 11, name: 'Buffer', dtype: 'uint8', itemSize: 1, proto: BufferPrototype, view: Uint8Array },
  kind(12, 'DataView', 'bytes', 1, DataView, false),
  kind(13, 'ArrayBuffer', 'bytes', 1, ArrayBuffer, false),
  kind(14, 'SharedArrayBuffer', 'bytes', 1, SharedArrayBuffer, false),
  kind(15, 'Array', 'float64', 8, null),
];

const byName = new SafeMap<string, BinaryKind>();
for (let i = 0; i < BINARY_KINDS.length; i++) byName.set(BINARY_KINDS[i]!.name, BINARY_KINDS[i]!);
const BUFFER = byName.get('Buffer')!;
const DATA_VIEW = byName.get('DataView')!;
const ARRAY_BUFFER = byName.get('ArrayBuffer')!;
const SHARED_ARRAY_BUFFER = byName.get('SharedArrayBuffer')!;
/** The kind of dense arrays of numbers stored as float64. */
export const NUMBER_ARRAY = byName.get('Array')!;

/** The binary kind named `name`, if any. */
export function binaryKindNamed(name: string): BinaryKind | undefined {
  return byName.get(name);
}

/** A binary value seen by the encoder: its kind and a view over its bytes (no copy). */
export interface BinaryView {
  kind: BinaryKind;
  bytes: Uint8Array;
  byteLength: number;
  length: number;
  byteOffset: number;
}

/** True on the little-endian platforms Node runs on almost everywhere; parts are always stored little-endian. */
const LITTLE_ENDIAN = new OrigUint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** `bytes` as little-endian items of `itemSize` bytes: the same view here, a byte-swapped copy on a big-endian platform. */
export function littleEndian(bytes: Uint8Array, byteLength: number, itemSize: number): Uint8Array {
  if (LITTLE_ENDIAN || itemSize === 1) return bytes;
  const out = new OrigUint8Array(byteLength);
  for (let i = 0; i < byteLength; i += itemSize) {
    for (let k = 0; k < itemSize; k++) out[i + k] = bytes[i + itemSize - 1 - k]!;
  }
  return out;
}

/**
 * A view over `length` bytes of `buffer` from `offset`. A detached buffer (its
 * memory transferred away) reports length 0 and cannot take a view at all.
 */
function viewOf(buffer: ArrayBufferLike, offset: number, length: number): Uint8Array {
  return length === 0 ? new OrigUint8Array(0) : new OrigUint8Array(buffer, offset, length);
}

/** The kind and bytes of `o` if it is a binary value, else undefined. Reads only captured getters. */
export function binaryOf(o: object, proto: object | null): BinaryView | undefined {
  if (isTypedArray(o)) {
    const found = byName.get(TypedArrayPrototypeGetToStringTag(o)!);
    if (found === undefined) return undefined; // a typed array kind this Node added after chkpt was written
    const k = found.code === 1 && proto === BufferPrototype ? BUFFER : found;
    const byteOffset = TypedArrayPrototypeGetByteOffset(o);
    const byteLength = TypedArrayPrototypeGetByteLength(o);
    const bytes = littleEndian(viewOf(TypedArrayPrototypeGetBuffer(o), byteOffset, byteLength), byteLength, k.itemSize);
    return { kind: k, bytes, byteLength, length: TypedArrayPrototypeGetLength(o), byteOffset };
  }
  if (isDataView(o)) {
    const buffer = DataViewPrototypeGetBuffer(o);
    let byteOffset = 0;
    let byteLength = 0;
    try {
      byteOffset = DataViewPrototypeGetByteOffset(o);
      byteLength = DataViewPrototypeGetByteLength(o);
    } catch {
      // The getters throw when the buffer was detached or shrank below the view: nothing left to store.
      byteOffset = 0;
      byteLength = 0;
    }
    return { kind: DATA_VIEW, bytes: viewOf(buffer, byteOffset, byteLength), byteLength, length: byteLength, byteOffset };
  }
  if (isArrayBuffer(o)) {
    const byteLength = ArrayBufferPrototypeGetByteLength(o);
    return { kind: ARRAY_BUFFER, bytes: viewOf(o, 0, byteLength), byteLength, length: byteLength, byteOffset: 0 };
  }
  if (isSharedArrayBuffer(o)) {
    const byteLength = SharedArrayBufferPrototypeGetByteLength(o);
    return { kind: SHARED_ARRAY_BUFFER, bytes: viewOf(o, 0, byteLength), byteLength, length: byteLength, byteOffset: 0 };
  }
  return undefined;
}

/** An ArrayBuffer holding exactly `bytes`: adopted when `adopt` and `bytes` spans a whole ArrayBuffer, else a copy. */
function ownBuffer(bytes: Uint8Array, byteLength: number, adopt: boolean): ArrayBuffer {
  const buffer = TypedArrayPrototypeGetBuffer(bytes);
  if (adopt && isArrayBuffer(buffer) && TypedArrayPrototypeGetByteOffset(bytes) === 0
    && ArrayBufferPrototypeGetByteLength(buffer) === byteLength) return buffer;
  const copy = new OrigArrayBuffer(byteLength);
  TypedArrayPrototypeSet(new OrigUint8Array(copy), bytes, 0);
  return copy;
}

/** Rebuilds a value of kind `k` from its stored bytes (`byteLength` of them, a multiple of the item size). */
export function binaryFromBytes(k: BinaryKind, stored: Uint8Array, byteLength: number, adopt: boolean): unknown {
  const bytes = littleEndian(stored, byteLength, k.itemSize);
  if (k === SHARED_ARRAY_BUFFER) {
    const sab = new OrigSharedArrayBuffer(byteLength);
    TypedArrayPrototypeSet(new OrigUint8Array(sab), bytes, 0);
    return sab;
  }
  const buffer = ownBuffer(bytes, byteLength, adopt);
  if (k === ARRAY_BUFFER) return buffer;
  if (k === DATA_VIEW) return new OrigDataView(buffer, 0, byteLength);
  if (k === BUFFER) {
    const buf = new OrigUint8Array(buffer, 0, byteLength);
    ObjectSetPrototypeOf(buf, BufferPrototype);
    return buf;
  }
  const n = byteLength / k.itemSize;
  if (k === NUMBER_ARRAY) {
    const numbers = new OrigFloat64Array(buffer, 0, n);
    const out: number[] = [];
    for (let i = 0; i < n; i++) out[i] = numbers[i]!;
    return out;
  }
  return new k.view!(buffer, 0, n);
}
