// Headers of every kind of object but plain ones: arrays (dense, sparse, or
// numbers stored as float64 bytes), binary values, Maps, Sets, Dates, RegExps,
// errors, boxed primitives, class instances, and what is skipped. Each writes
// its tag and payload, then pushes its children for the main loop.
import { type BinaryView, NUMBER_ARRAY, binaryOf, littleEndian } from './binary.js';
import { type Encoder, FRAME_ARRAY, FRAME_MAP, FRAME_PROPS, FRAME_SET, pushMapEntries, pushSetMembers } from './encoder.js';
import { REASON } from './ledger.js';
import { namedKeys, pushProps, sparseKeys } from './props.js';
import type { ProtoInfo } from './prototypes.js';
import {
  ArrayPrototype, BigIntPrototype, BigIntPrototypeValueOf, BooleanPrototype, BooleanPrototypeValueOf, DatePrototype,
  DatePrototypeGetTime, MapPrototype, MapPrototypeGetSize, NumberPrototype, NumberPrototypeValueOf,
  ObjectGetOwnPropertyNames, ObjectGetPrototypeOf, ObjectHasOwn, ObjectLookupGetter, ObjectLookupSetter,
  OrigArrayBuffer, OrigFloat64Array, OrigUint8Array, RegExpFlagGetters, RegExpPrototype, RegExpPrototypeGetSource, SetPrototype,
  SetPrototypeGetSize, StringPrototype, StringPrototypeValueOf, isBigIntObject, isBooleanObject,
  isBoxedPrimitive, isDate, isExternal, isGeneratorObject, isMap, isMapIterator, isModuleNamespaceObject,
  isNativeError, isNumberObject, isPromise, isRegExp, isSet, isSetIterator, isStringObject, isTypedArray, isWeakMap,
  isWeakSet, list,
} from './primordials.js';
import {
  BOXED_BIGINT, BOXED_BOOLEAN, BOXED_NUMBER, BOXED_STRING, ERROR_KINDS, TAG_ARRAY, TAG_BOXED, TAG_CLASS, TAG_DATE,
  TAG_ERROR, TAG_INLINE_BINARY, TAG_MAP, TAG_NULL_PROTO_OBJECT, TAG_OBJECT, TAG_PART, TAG_REGEXP, TAG_SET,
  TAG_SPARSE_ARRAY, TAG_STRING,
} from './tags.js';

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

/** Writes TAG_CLASS and the class reference when `proto` is not the built-in one expected. */
function classPrefix(enc: Encoder, proto: object | null, expected: object | null): void {
  if (proto === expected || proto === null) return;
  const info = enc.protoInfo(proto);
  const ref = info.ref;
  if (ref === undefined || typeof ref.name !== 'string') return;
  if (enc.nextId === 1) enc.rootClass = ref; // only the root's header is written while one id is taken
  const out = enc.out;
  out.u8(TAG_CLASS);
  if (info.classIndex >= 0) {
    out.varint(info.classIndex);
    return;
  }
  info.classIndex = enc.classCount++;
  out.varint(info.classIndex);
  out.string(ref.name);
  if (typeof ref.module === 'string') {
    out.u8(1);
    out.string(ref.module);
  } else out.u8(0);
}

/** Writes a binary value inline (small) or as a part whose bytes alias the value's memory. */
export function writeBinary(enc: Encoder, view: BinaryView): void {
  const out = enc.out;
  if (view.byteLength < enc.options.minPartBytes) {
    out.u8(TAG_INLINE_BINARY);
    out.varint(view.kind.code);
    out.varint(view.byteLength);
    out.bytes(view.bytes, view.byteLength);
    return;
  }
  const id = enc.parts.length;
  const k = view.kind;
  enc.parts[id] = { id, kind: k.name, dtype: k.dtype, length: view.length, byteOffset: view.byteOffset, bytes: view.bytes };
  out.u8(TAG_PART);
  out.varint(id);
}

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
      classPrefix(enc, proto, ArrayPrototype);
      enc.out.u8(TAG_SPARSE_ARRAY);
      enc.out.varint(n);
      const start = enc.top;
      const keys = pushProps(enc, arr, sparseKeys(arr));
      enc.pushFrame(FRAME_PROPS, arr, 0, start, 0, keys);
      return;
    }
  }
  const named = n <= NAMED_PROPS_SCAN_LIMIT ? namedKeys(arr, n - holes) : [];
  if (holes === 0 && named.length === 0 && n >= MIN_NUMBER_ARRAY && isNumberAt0(arr)) {
    const numbers = numbersOf(arr, n);
    if (numbers !== null) {
      classPrefix(enc, proto, ArrayPrototype);
      const bytes = littleEndian(new OrigUint8Array(numbers, 0, n * 8), n * 8, 8);
      writeBinary(enc, { kind: NUMBER_ARRAY, bytes, byteLength: n * 8, length: n, byteOffset: 0 });
      return;
    }
  }
  classPrefix(enc, proto, ArrayPrototype);
  enc.out.u8(TAG_ARRAY);
  enc.out.varint(n);
  const start = enc.top;
  const keys = pushProps(enc, arr, named);
  enc.pushFrame(FRAME_ARRAY, arr, n, start, 0, keys);
}

function writeProps(enc: Encoder, o: object, names: readonly string[]): void {
  const start = enc.top;
  const keys = pushProps(enc, o, names);
  enc.pushFrame(FRAME_PROPS, o, 0, start, 0, keys);
}

/** Own names of a String object without its index properties and 'length'. */
function stringObjectKeys(o: object, length: number): readonly string[] {
  const names = ObjectGetOwnPropertyNames(o);
  const out = list<string>();
  for (let i = length; i < names.length; i++) if (names[i] !== 'length') out[out.length] = names[i]!;
  return out;
}

function writeBoxed(enc: Encoder, o: object, proto: object | null): void {
  const out = enc.out;
  if (isNumberObject(o)) {
    classPrefix(enc, proto, NumberPrototype);
    out.u8(TAG_BOXED); out.u8(BOXED_NUMBER); out.number(NumberPrototypeValueOf(o));
  } else if (isStringObject(o)) {
    const s = StringPrototypeValueOf(o);
    classPrefix(enc, proto, StringPrototype);
    out.u8(TAG_BOXED); out.u8(BOXED_STRING); out.u8(TAG_STRING); out.string(s);
    writeProps(enc, o, stringObjectKeys(o, s.length));
    return;
  } else if (isBooleanObject(o)) {
    classPrefix(enc, proto, BooleanPrototype);
    out.u8(TAG_BOXED); out.u8(BOXED_BOOLEAN); enc.writeValue(BooleanPrototypeValueOf(o));
  } else if (isBigIntObject(o)) {
    classPrefix(enc, proto, BigIntPrototype);
    out.u8(TAG_BOXED); out.u8(BOXED_BIGINT); enc.writeValue(BigIntPrototypeValueOf(o));
  } else {
    enc.skip(o, 'Symbol', REASON.symbol);
    return;
  }
  writeProps(enc, o, ObjectGetOwnPropertyNames(o));
}

/** The ledger type and reason for objects of a brand that cannot be stored, if `o` is one. */
function unstorable(o: object): readonly [string, string] | undefined {
  if (isPromise(o)) return ['Promise', REASON.promise];
  if (isWeakMap(o)) return ['WeakMap', REASON.weak];
  if (isWeakSet(o)) return ['WeakSet', REASON.weak];
  if (isGeneratorObject(o)) return ['Generator', REASON.iterator];
  if (isMapIterator(o) || isSetIterator(o)) return ['Iterator', REASON.iterator];
  if (isModuleNamespaceObject(o)) return ['Module', REASON.namespace];
  if (isExternal(o)) return ['External', REASON.resource];
  return undefined;
}

function writeOrdinary(enc: Encoder, o: object, proto: object | null): void {
  if (proto === null) {
    enc.out.u8(TAG_NULL_PROTO_OBJECT);
    writeProps(enc, o, ObjectGetOwnPropertyNames(o));
    return;
  }
  const info: ProtoInfo = enc.protoInfo(proto);
  if (o === globalThis || info.opaque !== undefined) {
    enc.skip(o, o === globalThis ? 'global' : info.opaque!, REASON.resource);
    return;
  }
  if (info.ref === undefined && info.anonymous) enc.skipAt('', 'prototype', 0, REASON.prototype);
  classPrefix(enc, proto, null);
  enc.out.u8(TAG_OBJECT);
  writeProps(enc, o, ObjectGetOwnPropertyNames(o));
}

/** Writes any object whose prototype is not Object.prototype (arrays excepted). */
export function writeExotic(enc: Encoder, o: object, proto: object | null): void {
  const out = enc.out;
  const view = binaryOf(o, proto);
  if (view !== undefined) {
    classPrefix(enc, proto, view.kind.proto);
    writeBinary(enc, view);
  } else if (isTypedArray(o)) {
    enc.skip(o, 'TypedArray', REASON.typedArray);
  } else if (isMap(o)) {
    classPrefix(enc, proto, MapPrototype);
    const size = MapPrototypeGetSize(o);
    out.u8(TAG_MAP);
    out.varint(size);
    const start = enc.top;
    pushMapEntries(enc, o);
    const keys = pushProps(enc, o, ObjectGetOwnPropertyNames(o));
    enc.pushFrame(FRAME_MAP, o, 0, start, size * 2, keys);
  } else if (isSet(o)) {
    classPrefix(enc, proto, SetPrototype);
    const size = SetPrototypeGetSize(o);
    out.u8(TAG_SET);
    out.varint(size);
    const start = enc.top;
    pushSetMembers(enc, o);
    const keys = pushProps(enc, o, ObjectGetOwnPropertyNames(o));
    enc.pushFrame(FRAME_SET, o, 0, start, size, keys);
  } else if (isDate(o)) {
    classPrefix(enc, proto, DatePrototype);
    out.u8(TAG_DATE);
    out.float64(DatePrototypeGetTime(o));
    writeProps(enc, o, ObjectGetOwnPropertyNames(o));
  } else if (isRegExp(o)) {
    classPrefix(enc, proto, RegExpPrototype);
    out.u8(TAG_REGEXP);
    out.string(RegExpPrototypeGetSource(o));
    let flags = '';
    for (let i = 0; i < RegExpFlagGetters.length; i++) if (RegExpFlagGetters[i]![1](o)) flags += RegExpFlagGetters[i]![0];
    out.string(flags);
    writeProps(enc, o, ObjectGetOwnPropertyNames(o));
  } else if (isNativeError(o)) {
    const found = proto === null ? -1 : enc.protoInfo(proto).errorKind;
    const kind = found < 0 ? 0 : found;
    classPrefix(enc, proto, ERROR_KINDS[kind]!.prototype);
    out.u8(TAG_ERROR);
    out.varint(kind);
    writeProps(enc, o, ObjectGetOwnPropertyNames(o));
  } else if (isBoxedPrimitive(o)) {
    writeBoxed(enc, o, proto);
  } else {
    const bad = unstorable(o);
    if (bad !== undefined) enc.skip(o, bad[0], bad[1]);
    else writeOrdinary(enc, o, proto);
  }
}
