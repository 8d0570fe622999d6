// Every object that is neither a plain object nor an array: binary values,
// Maps, Sets, Dates, RegExps, errors, boxed primitives, class instances, and
// what cannot be stored. Each writes its class prefix, tag and payload, then
// pushes its properties for the main loop.
import { binaryOf } from './binary.js';
import { writeClassPrefix } from './class-ref.js';
import { writeMap, writeSet } from './collections.js';
import { writeBinary } from './encode-parts.js';
import type { Encoder } from './encoder.js';
import { FRAME_PROPS } from './frames.js';
import { REASON } from './ledger.js';
import { pushProps } from './props.js';
import type { ProtoInfo } from './prototypes.js';
import {
  BigIntPrototype, BigIntPrototypeValueOf, BooleanPrototype, BooleanPrototypeValueOf, DatePrototype, DatePrototypeGetTime,
  NumberPrototype, NumberPrototypeValueOf, ObjectGetOwnPropertyNames, RegExpFlagGetters, RegExpPrototype,
  RegExpPrototypeGetSource, StringPrototype, StringPrototypeValueOf, isBigIntObject, isBooleanObject, isBoxedPrimitive, isDate,
  isExternal, isGeneratorObject, isMap, isMapIterator, isModuleNamespaceObject, isNativeError, isNumberObject, isPromise,
  isRegExp, isSet, isSetIterator, isStringObject, isTypedArray, isWeakMap, isWeakSet, list,
} from './primordials.js';
import {
  BOXED_BIGINT, BOXED_BOOLEAN, BOXED_NUMBER, BOXED_STRING, ERROR_KINDS, TAG_BOXED, TAG_DATE, TAG_ERROR,
  TAG_NULL_PROTO_OBJECT, TAG_OBJECT, TAG_REGEXP,
} from './tags.js';

function writeProps(enc: Encoder, o: object, names: readonly string[]): void {
  const start = enc.top;
  const keys = pushProps(enc, o, names);
  enc.pushFrame(FRAME_PROPS, o, 0, start, keys);
}

/** Own names of a String object without its index properties and 'length'. */
function stringObjectKeys(o: object, length: number): readonly string[] {
  const names = ObjectGetOwnPropertyNames(o);
  const out = list<string>();
  for (let i = length; i < names.length; i++) if (names[i] !== 'length') out[out.length] = names[i]!;
  return out;
}

function writeBoxed(enc: Encoder, o: object, proto: object | null): void {
  let kind: number;
  let value: unknown;
  let expected: object;
  // Plain assignments: destructuring an array would go through Array.prototype[Symbol.iterator].
  if (isNumberObject(o)) {
    kind = BOXED_NUMBER;
    value = NumberPrototypeValueOf(o);
    expected = NumberPrototype;
  } else if (isStringObject(o)) {
    kind = BOXED_STRING;
    value = StringPrototypeValueOf(o);
    expected = StringPrototype;
  } else if (isBooleanObject(o)) {
    kind = BOXED_BOOLEAN;
    value = BooleanPrototypeValueOf(o);
    expected = BooleanPrototype;
  } else if (isBigIntObject(o)) {
    kind = BOXED_BIGINT;
    value = BigIntPrototypeValueOf(o);
    expected = BigIntPrototype;
  } else {
    enc.skip(o, 'Symbol', REASON.symbol);
    return;
  }
  writeClassPrefix(enc, proto, expected);
  enc.out.u8(TAG_BOXED);
  enc.out.u8(kind);
  enc.writeValue(value);
  writeProps(enc, o, kind === BOXED_STRING ? stringObjectKeys(o, (value as string).length) : ObjectGetOwnPropertyNames(o));
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
  writeClassPrefix(enc, proto, null);
  enc.out.u8(TAG_OBJECT);
  writeProps(enc, o, ObjectGetOwnPropertyNames(o));
}

/** Writes any object whose prototype is not Object.prototype (arrays excepted). */
export function writeExotic(enc: Encoder, o: object, proto: object | null): void {
  const out = enc.out;
  const view = binaryOf(o, proto);
  if (view !== undefined) {
    writeClassPrefix(enc, proto, view.kind.proto);
    writeBinary(enc, view);
  } else if (isTypedArray(o)) {
    enc.skip(o, 'TypedArray', REASON.typedArray);
  } else if (isMap(o)) {
    writeMap(enc, o, proto);
  } else if (isSet(o)) {
    writeSet(enc, o, proto);
  } else if (isDate(o)) {
    writeClassPrefix(enc, proto, DatePrototype);
    out.u8(TAG_DATE);
    out.float64(DatePrototypeGetTime(o));
    writeProps(enc, o, ObjectGetOwnPropertyNames(o));
  } else if (isRegExp(o)) {
    writeClassPrefix(enc, proto, RegExpPrototype);
    out.u8(TAG_REGEXP);
    out.string(RegExpPrototypeGetSource(o));
    let flags = '';
    for (let i = 0; i < RegExpFlagGetters.length; i++) if (RegExpFlagGetters[i]![1](o)) flags += RegExpFlagGetters[i]![0];
    out.string(flags);
    writeProps(enc, o, ObjectGetOwnPropertyNames(o));
  } else if (isNativeError(o)) {
    const found = proto === null ? -1 : enc.protoInfo(proto).errorKind;
    const kind = found < 0 ? 0 : found;
    writeClassPrefix(enc, proto, ERROR_KINDS[kind]!.prototype);
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
