// Built-ins captured once, when chkpt loads and before the script runs, so that
// a script which later replaces `Map.prototype.entries`, `Array.prototype[Symbol.iterator]`,
// `TypedArray.prototype.length` or any other method or getter can never make
// encoding run its code. This is Node's own "primordials" pattern
// (lib/internal/per_context/primordials.js). Code in src/serialize calls no
// method and reads no getter on a built-in prototype except through this file.
import { Buffer } from 'node:buffer';
import { TextDecoder, TextEncoder, types } from 'node:util';

type Method<T, A extends unknown[], R> = (this: T, ...args: A) => R;

const { bind, call } = Function.prototype;
/** Turns `proto.method` into `method(self, ...args)`, immune to later changes of `proto`. */
export const uncurryThis = bind.bind(call) as <T, A extends unknown[], R>(fn: Method<T, A, R>) => (self: T, ...args: A) => R;

function getter<T, R>(proto: object, name: PropertyKey): (self: T) => R {
  const desc = Reflect.getOwnPropertyDescriptor(proto, name);
  if (desc?.get === undefined) throw new Error(`chkpt: built-in getter ${String(name)} not found`);
  return uncurryThis(desc.get as Method<T, [], R>);
}

export const {
  isProxy, isDate, isRegExp, isMap, isSet, isNativeError, isBoxedPrimitive, isNumberObject, isStringObject,
  isBooleanObject, isBigIntObject, isSymbolObject, isPromise, isWeakMap, isWeakSet, isGeneratorObject,
  isMapIterator, isSetIterator, isModuleNamespaceObject, isExternal, isTypedArray, isDataView,
  isArrayBuffer, isSharedArrayBuffer, isUint8Array,
} = types;

export const ObjectPrototype = Object.prototype;
export const ObjectGetOwnPropertyNames = Object.getOwnPropertyNames;
export const ObjectGetOwnPropertySymbols = Object.getOwnPropertySymbols;
export const ObjectGetPrototypeOf = Reflect.getPrototypeOf;
export const ObjectSetPrototypeOf = Reflect.setPrototypeOf;
export const ObjectGetOwnPropertyDescriptor = Reflect.getOwnPropertyDescriptor;
export const ObjectDefineProperty = Reflect.defineProperty;
export const ObjectDeleteProperty = Reflect.deleteProperty;
export const ObjectHasOwn = Object.hasOwn;
export const ObjectFreeze = Object.freeze;
export const ObjectCreate = Object.create;
/** `__lookupGetter__`: the own getter of a property known to be own, without calling it. */
const legacy = Object.prototype as unknown as Record<string, Method<object, [PropertyKey], unknown>>;
export const ObjectLookupGetter = uncurryThis(legacy['__lookupGetter__']!);
export const ObjectLookupSetter = uncurryThis(legacy['__lookupSetter__']!);

export const ArrayIsArray = Array.isArray;
export const ArrayPrototype = Array.prototype;
export const FunctionPrototypeToString = uncurryThis(Function.prototype.toString as Method<Function, [], string>);
export const JSONStringify = JSON.stringify;
export const NumberIsSafeInteger = Number.isSafeInteger;
export const OrigBigInt = BigInt;
export const BigIntPrototypeToString = uncurryThis(BigInt.prototype.toString as Method<bigint, [number], string>);
export const StringPrototypeCharCodeAt = uncurryThis(String.prototype.charCodeAt as Method<string, [number], number>);
export const StringPrototypeIsWellFormed = uncurryThis((String.prototype as unknown as Record<string, Method<string, [], boolean>>)['isWellFormed']!);
export const StringFromCharCode = String.fromCharCode;
export const StringPrototypeSlice = uncurryThis(String.prototype.slice as Method<string, [number, number], string>);
export const BufferByteLength = Buffer.byteLength;
export const BufferPrototype = Buffer.prototype;

export const MapPrototype = Map.prototype;
export const MapPrototypeGetSize = getter<Map<unknown, unknown>, number>(Map.prototype, 'size');
export const MapPrototypeForEach = uncurryThis(Map.prototype.forEach as Method<Map<unknown, unknown>, [(v: unknown, k: unknown) => void], void>);
export const MapPrototypeSet = uncurryThis(Map.prototype.set as Method<Map<unknown, unknown>, [unknown, unknown], unknown>);
export const SetPrototype = Set.prototype;
export const SetPrototypeGetSize = getter<Set<unknown>, number>(Set.prototype, 'size');
export const SetPrototypeForEach = uncurryThis(Set.prototype.forEach as Method<Set<unknown>, [(v: unknown) => void], void>);
export const SetPrototypeAdd = uncurryThis(Set.prototype.add as Method<Set<unknown>, [unknown], unknown>);
export const MapPrototypeEntries = uncurryThis(Map.prototype.entries as Method<Map<unknown, unknown>, [], object>);
export const MapIteratorNext = uncurryThis(Object.getPrototypeOf(new Map().entries()).next as Method<object, [], IteratorResult<[unknown, unknown]>>);
export const SetPrototypeValues = uncurryThis(Set.prototype.values as Method<Set<unknown>, [], object>);
export const SetIteratorNext = uncurryThis(Object.getPrototypeOf(new Set().values()).next as Method<object, [], IteratorResult<unknown>>);
export const OrigMap = Map;
export const OrigSet = Set;

export const DatePrototype = Date.prototype;
export const DatePrototypeGetTime = uncurryThis(Date.prototype.getTime as Method<Date, [], number>);
export const OrigDate = Date;
export const RegExpPrototype = RegExp.prototype;
export const OrigRegExp = RegExp;
export const RegExpPrototypeGetSource = getter<RegExp, string>(RegExp.prototype, 'source');
/** Flag letters with their getters, in the order of `RegExp.prototype.flags`. */
export const RegExpFlagGetters: readonly (readonly [string, (re: RegExp) => boolean])[] = (
  [['d', 'hasIndices'], ['g', 'global'], ['i', 'ignoreCase'], ['m', 'multiline'], ['s', 'dotAll'],
    ['u', 'unicode'], ['v', 'unicodeSets'], ['y', 'sticky']] as const
).filter(([, name]) => Reflect.getOwnPropertyDescriptor(RegExp.prototype, name)?.get !== undefined)
  .map(([flag, name]) => [flag, getter<RegExp, boolean>(RegExp.prototype, name)] as const);

export const NumberPrototype = Number.prototype;
export const StringPrototype = String.prototype;
export const BooleanPrototype = Boolean.prototype;
export const BigIntPrototype = BigInt.prototype;
export const NumberPrototypeValueOf = uncurryThis(Number.prototype.valueOf as Method<unknown, [], number>);
export const StringPrototypeValueOf = uncurryThis(String.prototype.valueOf as Method<unknown, [], string>);
export const BooleanPrototypeValueOf = uncurryThis(Boolean.prototype.valueOf as Method<unknown, [], boolean>);
export const BigIntPrototypeValueOf = uncurryThis(BigInt.prototype.valueOf as Method<unknown, [], bigint>);
export const SymbolPrototypeGetDescription = getter<symbol, string | undefined>(Symbol.prototype, 'description');
export const OrigNumber = Number;
export const OrigString = String;
export const OrigBoolean = Boolean;
export const OrigObject = Object;

export const OrigError = Error;
/** Node's own `Error.prepareStackTrace` at load time: reading `stack` runs whatever replaces it. */
export const InitialPrepareStackTrace: unknown = Reflect.getOwnPropertyDescriptor(Error, 'prepareStackTrace')?.value;

const TypedArrayPrototype = Object.getPrototypeOf(Uint8Array.prototype) as object;
export const TypedArrayPrototypeGetToStringTag = getter<unknown, string | undefined>(TypedArrayPrototype, Symbol.toStringTag);
export const TypedArrayPrototypeGetBuffer = getter<ArrayBufferView, ArrayBufferLike>(TypedArrayPrototype, 'buffer');
export const TypedArrayPrototypeGetByteOffset = getter<ArrayBufferView, number>(TypedArrayPrototype, 'byteOffset');
export const TypedArrayPrototypeGetByteLength = getter<ArrayBufferView, number>(TypedArrayPrototype, 'byteLength');
export const TypedArrayPrototypeGetLength = getter<ArrayBufferView, number>(TypedArrayPrototype, 'length');
export const TypedArrayPrototypeSet = uncurryThis(TypedArrayPrototype['set' as keyof object] as Method<Uint8Array, [Uint8Array, number], void>);
export const DataViewPrototypeGetBuffer = getter<DataView, ArrayBufferLike>(DataView.prototype, 'buffer');
export const DataViewPrototypeGetByteOffset = getter<DataView, number>(DataView.prototype, 'byteOffset');
export const DataViewPrototypeGetByteLength = getter<DataView, number>(DataView.prototype, 'byteLength');
export const ArrayBufferPrototypeGetByteLength = getter<ArrayBuffer, number>(ArrayBuffer.prototype, 'byteLength');
export const SharedArrayBufferPrototypeGetByteLength = getter<SharedArrayBuffer, number>(SharedArrayBuffer.prototype, 'byteLength');
export const OrigUint8Array = Uint8Array;
export const OrigFloat64Array = Float64Array;
export const OrigArrayBuffer = ArrayBuffer;
export const OrigSharedArrayBuffer = SharedArrayBuffer;
export const OrigDataView = DataView;

export const WeakRefPrototype = WeakRef.prototype;
export const FinalizationRegistryPrototype = FinalizationRegistry.prototype;

const utf8Encoder = new TextEncoder();
const encodeInto = uncurryThis(TextEncoder.prototype.encodeInto as Method<TextEncoder, [string, Uint8Array], { written: number }>);
/** UTF-8 encodes a well-formed string into `dest`, returning the bytes written. */
export function utf8EncodeInto(s: string, dest: Uint8Array): number {
  return encodeInto(utf8Encoder, s, dest).written;
}
const utf8Decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const decode = uncurryThis(TextDecoder.prototype.decode as Method<TextDecoder, [Uint8Array], string>);
/** Decodes UTF-8, throwing a TypeError on malformed bytes. */
export function utf8Decode(bytes: Uint8Array): string {
  return decode(utf8Decoder, bytes);
}

function makeSafe<C extends abstract new (...args: never[]) => object>(unsafe: { prototype: object }, safe: C): C {
  const proto = safe.prototype as object;
  for (const key of Reflect.ownKeys(unsafe.prototype)) {
    if (key === 'constructor') continue;
    Reflect.defineProperty(proto, key, Reflect.getOwnPropertyDescriptor(unsafe.prototype, key)!);
  }
  Object.freeze(proto);
  return safe;
}

/** A Map whose methods the script cannot replace (it never sees SafeMap.prototype). */
export const SafeMap = makeSafe(Map, class SafeMap<K, V> extends Map<K, V> {
  constructor() {
    super();
  }
});
export type SafeMap<K, V> = Map<K, V>;

/** A Set whose methods the script cannot replace. */
export const SafeSet = makeSafe(Set, class SafeSet<T> extends Set<T> {
  constructor() {
    super();
  }
});
export type SafeSet<T> = Set<T>;

/**
 * A growable array with no prototype: writing `list[i]` past its end can never
 * reach a setter the script put on `Array.prototype` or `Object.prototype`.
 * Use indexes and `length` only; it has no methods.
 */
export function list<T>(): T[] {
  const out: T[] = [];
  Reflect.setPrototypeOf(out, null);
  return out;
}
