// Class identity: which class an instance belongs to (name and module URL),
// and re-linking a decoded value to a class the caller supplies. The data
// only ever names a class; it never chooses what code runs.
import type { ClassRef } from '../shared/encoded.js';
import type { Encoder } from './encoder.js';
import { TAG_CLASS } from './tags.js';
import { ObjectDefineProperty, ObjectFreeze, ObjectGetOwnPropertyDescriptor, ObjectHasOwn, ObjectSetPrototypeOf, isProxy } from './primordials.js';

/** Set (non-enumerable) on decoded values whose class was not supplied: the ClassRef they were an instance of. */
export const CLASS_SYMBOL: unique symbol = Symbol.for('chkpt.class') as never;

/** Classes the caller lets decoding re-link, by `name` or `${module}#${name}`, or a function that picks one. */
export type ClassLookup = Map<string, Function> | ((ref: ClassRef) => Function | undefined);

/** The value of an own data property, or undefined (never runs a getter). */
export function ownData(o: object, key: PropertyKey): unknown {
  if (isProxy(o)) return undefined;
  const desc = ObjectGetOwnPropertyDescriptor(o, key);
  return desc !== undefined && ObjectHasOwn(desc, 'value') ? desc.value : undefined;
}

/** The default EncodeOptions.classOf: the constructor's own `name` data property, no module. */
export function defaultClassOf(ctor: Function): ClassRef | undefined {
  const name = ownData(ctor, 'name');
  return { name: typeof name === 'string' ? name : '' };
}

/** A frozen copy of `ref` holding only its name and module. */
export function cleanClassRef(ref: ClassRef): ClassRef {
  const { name, module } = ref;
  return ObjectFreeze(typeof module === 'string' ? { name, module } : { name });
}

/** The class the caller supplied for `ref`, looked up by `${module}#${name}` then by name. */
export function findClass(ref: ClassRef, classes: ClassLookup | undefined): Function | undefined {
  if (classes === undefined) return undefined;
  if (typeof classes === 'function') return classes(ref);
  const exact = ref.module === undefined ? undefined : classes.get(`${ref.module}#${ref.name}`);
  return exact ?? classes.get(ref.name);
}

/** Gives `value` the prototype of the supplied class, or marks it with CLASS_SYMBOL when there is none. */
export function relink(value: object, ref: ClassRef, cls: Function | undefined): void {
  if (typeof cls === 'function') {
    const proto: unknown = (cls as { prototype?: unknown }).prototype;
    if ((typeof proto === 'object' && proto !== null) || typeof proto === 'function') {
      ObjectSetPrototypeOf(value, proto);
      return;
    }
  }
  ObjectDefineProperty(value, CLASS_SYMBOL, { __proto__: null, value: ref, enumerable: false, writable: false, configurable: true } as PropertyDescriptor);
}

/** Writes TAG_CLASS and the class reference when `proto` is not the built-in one expected. */
export function writeClassPrefix(enc: Encoder, proto: object | null, expected: object | null): void {
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
