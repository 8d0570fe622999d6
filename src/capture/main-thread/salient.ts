// Which values of a scope are worth a checkpoint: tracked ones, and data
// (numbers, strings, typed arrays, arrays, Maps, Sets, objects, instances of
// the script's own classes and of --lib packages' classes): by default every
// one, whatever its size; with a `minSize` only those at least that big, and
// the large values inside small ones by their paths. Functions, module
// namespaces and library exports are code, not data. Runs in the script's main thread during a pause, and never runs
// the script's code.
import { types } from 'node:util';
import { estimateSize, findLarge } from '../../serialize/index.js';

const { isProxy } = types;
// Captured at load: the script may replace these later.
const toStringTag = Object.prototype.toString;
const call = Function.prototype.call.bind(toStringTag) as (value: object) => string;

export interface Candidate {
  name: string;
  value: unknown;
  size: number;
}

/** Bound on the objects one size estimate or nested search may visit. */
const WALK_NODES = 20_000;

function isData(value: unknown): boolean {
  if (typeof value === 'string') return true;
  return typeof value === 'object' && value !== null;
}

/** Most own properties one look at an object's kind reads. */
const KIND_KEYS = 5000;

/**
 * Code, not data: a module namespace or a loader's stand-in for one (an
 * object of nothing but accessors), or a library's exports or a table of
 * handlers (`const fs = require('node:fs')`, `{ onData() {}, onEnd() {} }`:
 * a plain object whose own values are mostly functions). One pass over the
 * own property descriptors; no getter runs.
 */
function isCodeObject(value: object): boolean {
  if (isBuiltinData(value)) return false;
  if (call(value) === '[object Module]') return true;
  const keys = Reflect.ownKeys(value);
  if (keys.length === 0 || keys.length > KIND_KEYS) return false;
  let accessors = 0;
  let functions = 0;
  for (const key of keys) {
    const descriptor = Reflect.getOwnPropertyDescriptor(value, key);
    if (!descriptor) continue;
    if (!('value' in descriptor)) accessors++;
    else if (typeof descriptor.value === 'function') functions++;
  }
  if (accessors === keys.length) return true;
  return instanceClass(value) === undefined && functions >= 2 && functions * 2 >= keys.length;
}

const typedArrayByteLength = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(Uint8Array.prototype), 'byteLength')!.get!;
const arrayBufferByteLength = Object.getOwnPropertyDescriptor(ArrayBuffer.prototype, 'byteLength')!.get!;

/** The byte size of a typed array or ArrayBuffer, read in O(1) through captured getters. */
function binaryBytes(value: unknown): number | undefined {
  if (types.isTypedArray(value)) return Reflect.apply(typedArrayByteLength, value, []) as number;
  if (types.isArrayBuffer(value)) return Reflect.apply(arrayBufferByteLength, value, []) as number;
  return undefined;
}

/** The bytes a value holds: exact for binaries, a bounded estimate otherwise. */
export function sizeOf(value: unknown): number {
  return binaryBytes(value) ?? estimateSize(value, WALK_NODES);
}

/** Plain objects and class instances are containers: what is big inside them is listed by path. */
function isContainer(value: object): boolean {
  return !isBuiltinData(value) && !isProxy(value);
}

/**
 * Whether an object's class makes it data: answers true, false, or undefined
 * while the class's module is not known yet (the value then counts as data,
 * and the worker looks the class up before the next attempt).
 */
export type ClassIsData = (ctor: Function) => boolean | undefined;

/** Builtin kinds that are data whatever their prototype (subclasses included). */
function isBuiltinData(value: object): boolean {
  return Array.isArray(value) || ArrayBuffer.isView(value) || types.isArrayBuffer(value) || types.isSharedArrayBuffer(value)
    || types.isMap(value) || types.isSet(value) || types.isDate(value) || types.isRegExp(value) || types.isBoxedPrimitive(value);
}

/**
 * The class an object was made by, when it is an instance of one (not a plain
 * object). Reads only data properties: no getter or trap runs.
 */
export function instanceClass(value: object): Function | undefined {
  if (isProxy(value) || isBuiltinData(value)) return undefined;
  const proto = Reflect.getPrototypeOf(value);
  if (proto === null || proto === Object.prototype) return undefined;
  const descriptor = Reflect.getOwnPropertyDescriptor(proto, 'constructor');
  const ctor: unknown = descriptor && 'value' in descriptor ? descriptor.value : undefined;
  return typeof ctor === 'function' && ctor !== Object ? ctor : undefined;
}

/** What salientValues left out because of its class, for the -vv log. */
export interface ClassSkip {
  name: string;
  value: object;
  ctor: Function;
  size: number;
}

/** The salient values among `entries` (name, value); minSize 0 takes every data value, -1 none. */
export function salientValues(entries: [string, unknown][], minSize: number, classIsData: ClassIsData = () => true, skipped: ClassSkip[] = []): Candidate[] {
  const found: Candidate[] = [];
  if (minSize < 0) return found;
  for (const [name, value] of entries) {
    if (typeof value === 'function' || typeof value === 'symbol') continue;
    // By default an unset binding is worth seeing too (`route` was undefined when it threw).
    if (value === undefined) {
      if (minSize === 0) found.push({ name, value, size: 0 });
      continue;
    }
    const ctor = typeof value === 'object' && value !== null ? instanceClass(value) : undefined;
    if (ctor && classIsData(ctor) === false) {
      const size = sizeOf(value);
      if (size >= minSize) skipped.push({ name, value: value as object, ctor, size });
      continue;
    }
    if (typeof value === 'object' && value !== null && !isProxy(value) && isCodeObject(value)) continue;
    if (minSize === 0) {
      // The default: every data value whole, numbers and small ones too; big
      // values inside it become parts of it all the same. No size estimate:
      // nothing needs it, and it would walk the value during the pause.
      found.push({ name, value, size: binaryBytes(value) ?? 0 });
      continue;
    }
    if (!isData(value)) continue;
    const size = sizeOf(value);
    if (size < minSize) continue;
    if (typeof value !== 'object' || value === null || !isContainer(value)) {
      found.push({ name, value, size });
      continue;
    }
    // A small object holding big values (state.weights): the big values by
    // path, and the object itself only when the rest of it is big too.
    const nested = findLarge(value, minSize, WALK_NODES, name);
    let inside = 0;
    for (const item of nested) {
      found.push({ name: item.path, value: item.value, size: item.size });
      inside += item.size;
    }
    if (nested.length === 0 || size - inside >= minSize) found.push({ name, value, size });
  }
  return found;
}
