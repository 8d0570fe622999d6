// One step of a bounded walk, shared by estimateSize and findLarge: the
// approximate bytes an object holds itself, and a sample of its children,
// read like the encoder reads them (own data properties, captured iterators).
import { binaryOf } from './binary.js';
import {
  ArrayIsArray, MapIteratorNext, MapPrototypeEntries, MapPrototypeGetSize, ObjectGetOwnPropertyDescriptor,
  ObjectGetOwnPropertyNames, ObjectGetPrototypeOf, ObjectHasOwn, ObjectLookupGetter, ObjectLookupSetter,
  RegExpPrototypeGetSource, SetIteratorNext, SetPrototypeGetSize, SetPrototypeValues, StringPrototypeValueOf,
  isBoxedPrimitive, isDate, isMap, isRegExp, isSet, isStringObject,
} from './primordials.js';

export const CHILD_PROP = 0;
export const CHILD_INDEX = 1;
export const CHILD_MAP_KEY = 2;
export const CHILD_MAP_VALUE = 3;
export const CHILD_SET = 4;

/** Receives sampled children. */
export interface Visitor {
  /** One sampled child; `weight` is how many children it stands for, `key` its name, index or Map key. */
  visit(child: unknown, weight: number, how: number, key: unknown): void;
}

/** Approximate bytes of a primitive (0 for objects and functions). */
export function primitiveSize(v: unknown): number {
  switch (typeof v) {
    case 'string': return 16 + v.length;
    case 'number': return 8;
    case 'bigint': return 16;
    case 'symbol': return 16;
    default: return 0;
  }
}

function sampleArray(arr: unknown[], sample: number, visitor: Visitor): number {
  const n = arr.length;
  const step = n <= sample ? 1 : n / sample;
  const count = n <= sample ? n : sample;
  for (let k = 0; k < count; k++) {
    const i = (k * step) - ((k * step) % 1);
    if (!ObjectHasOwn(arr, i) || ObjectLookupGetter(arr, i) !== undefined || ObjectLookupSetter(arr, i) !== undefined) continue;
    visitor.visit(arr[i], step, CHILD_INDEX, i);
  }
  return 16 + 8 * n;
}

function sampleProps(o: object, sample: number, visitor: Visitor): number {
  const names = ObjectGetOwnPropertyNames(o);
  const n = names.length;
  const step = n <= sample ? 1 : n / sample;
  const count = n <= sample ? n : sample;
  for (let k = 0; k < count; k++) {
    const i = (k * step) - ((k * step) % 1);
    const desc = ObjectGetOwnPropertyDescriptor(o, names[i]!);
    if (desc !== undefined && ObjectHasOwn(desc, 'value')) visitor.visit(desc.value, step, CHILD_PROP, names[i]);
  }
  return 24 + 16 * n;
}

/**
 * The approximate bytes `o` (not a Proxy, not a function) holds itself; calls
 * `visitor` for at most `sample` of its children, spread over all of them.
 */
export function shallowSize(o: object, sample: number, visitor: Visitor): number {
  if (ArrayIsArray(o)) return sampleArray(o as unknown[], sample, visitor);
  const view = binaryOf(o, ObjectGetPrototypeOf(o));
  if (view !== undefined) return view.byteLength + 64;
  if (isMap(o)) {
    const size = MapPrototypeGetSize(o);
    const weight = size <= sample ? 1 : size / sample;
    const it = MapPrototypeEntries(o);
    for (let k = 0; k < sample; k++) {
      const step = MapIteratorNext(it);
      if (step.done === true) break;
      visitor.visit(step.value[0], weight, CHILD_MAP_KEY, k);
      visitor.visit(step.value[1], weight, CHILD_MAP_VALUE, step.value[0]);
    }
    return 48 + 40 * size;
  }
  if (isSet(o)) {
    const size = SetPrototypeGetSize(o);
    const weight = size <= sample ? 1 : size / sample;
    const it = SetPrototypeValues(o);
    for (let k = 0; k < sample; k++) {
      const step = SetIteratorNext(it);
      if (step.done === true) break;
      visitor.visit(step.value, weight, CHILD_SET, k);
    }
    return 48 + 24 * size;
  }
  if (isDate(o)) return 32;
  if (isRegExp(o)) return 64 + RegExpPrototypeGetSource(o).length;
  if (isBoxedPrimitive(o)) return 32 + (isStringObject(o) ? StringPrototypeValueOf(o).length : 0);
  return sampleProps(o, sample, visitor);
}
