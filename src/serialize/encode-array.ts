// Arrays: dense ones element by element (holes kept), sparse ones as their
// index properties, and long dense arrays of plain numbers as one float64 part.
// Elements are read only after checking they are own data properties.
import { NUMBER_ARRAY, littleEndian } from './binary.js';
import { writeClassPrefix } from './class-ref.js';
import { writeBinary } from './encode-parts.js';
import type { Encoder } from './encoder.js';
import { FRAME_ARRAY, FRAME_DENSE_ARRAY, FRAME_PROPS } from './frames.js';
import { namedKeys, pushProps, sparseKeys } from './props.js';
import {
  ArrayPrototype, ObjectGetPrototypeOf, ObjectHasOwn, ObjectLookupGetter, ObjectLookupSetter, OrigArrayBuffer,
  OrigFloat64Array, OrigUint8Array,
} from './primordials.js';
import { TAG_ARRAY, TAG_SPARSE_ARRAY } from './tags.js';

/** Arrays at least this long, all numbers, become a float64 binary part. */
export const MIN_NUMBER_ARRAY = 1024;
/**
 * Arrays up to this long are checked for named (non-index) properties. Finding
 * them costs a name per element (Object.getOwnPropertyNames), so longer arrays
 * are stored by their elements only; see docs/encoding.md.
 */
export const NAMED_PROPS_SCAN_LIMIT = 65_536;
/** A run of this many holes that outnumber the elements makes an array sparse. */
const SPARSE_HOLES = 1024;

/** The elements of a hole-free array as float64, or null if one is not a plain number. */
function numbersOf(arr: unknown[], n: number): ArrayBuffer | null {
  const buffer = new OrigArrayBuffer(n * 8);
  const out = new OrigFloat64Array(buffer);
  for (let i = 0; i < n; i++) {
    if (ObjectLookupGetter(arr, i) !== undefined || ObjectLookupSetter(arr, i) !== undefined) return null;
    const v = arr[i];
    if (typeof v !== 'number') return null;
    out[i] = v;
  }
  return buffer;
}

function isNumberAt0(arr: unknown[]): boolean {
  return ObjectLookupGetter(arr, 0) === undefined && ObjectLookupSetter(arr, 0) === undefined && typeof arr[0] === 'number';
}

/** Writes an array: float64 bytes, dense elements, or sparse as named properties. */
export function writeArray(enc: Encoder, arr: unknown[]): void {
  const proto = ObjectGetPrototypeOf(arr);
  const n = arr.length;
  let holes = 0;
  for (let i = 0; i < n; i++) {
    if (ObjectHasOwn(arr, i)) continue;
    if (++holes > SPARSE_HOLES && holes * 2 > i + 1) {
      writeClassPrefix(enc, proto, ArrayPrototype);
      enc.out.u8(TAG_SPARSE_ARRAY);
      enc.out.varint(n);
      const start = enc.top;
      const keys = pushProps(enc, arr, sparseKeys(arr));
      enc.pushFrame(FRAME_PROPS, arr, 0, start, keys);
      return;
    }
  }
  const named = n <= NAMED_PROPS_SCAN_LIMIT ? namedKeys(arr, n - holes) : [];
  if (holes === 0 && named.length === 0 && n >= MIN_NUMBER_ARRAY && isNumberAt0(arr)) {
    const numbers = numbersOf(arr, n);
    if (numbers !== null) {
      writeClassPrefix(enc, proto, ArrayPrototype);
      const bytes = littleEndian(new OrigUint8Array(numbers, 0, n * 8), n * 8, 8);
      writeBinary(enc, { kind: NUMBER_ARRAY, bytes, byteLength: n * 8, length: n, byteOffset: 0 });
      return;
    }
  }
  writeClassPrefix(enc, proto, ArrayPrototype);
  enc.out.u8(TAG_ARRAY);
  enc.out.varint(n);
  const start = enc.top;
  const keys = pushProps(enc, arr, named);
  enc.pushFrame(holes === 0 ? FRAME_DENSE_ARRAY : FRAME_ARRAY, arr, n, start, keys);
}
