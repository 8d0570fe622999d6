// Short type names and shapes for the index: 'Float64Array', 'Array', 'Map',
// 'object', 'string', a class name for instances. Read without running code.
import { binaryOf } from './binary.js';
import { DEFAULT_NAMER, describeProto } from './prototypes.js';
import {
  ArrayIsArray, MapPrototypeGetSize, ObjectGetPrototypeOf, ObjectPrototype, SetPrototypeGetSize,
  isBoxedPrimitive, isDate, isMap, isNativeError, isNumberObject, isProxy, isRegExp, isSet, isStringObject,
  isBooleanObject, isBigIntObject, isPromise, isWeakMap, isWeakSet,
} from './primordials.js';
import { ERROR_KINDS } from './tags.js';

function builtinName(o: object, proto: object | null): string {
  const view = binaryOf(o, proto);
  if (view !== undefined) return view.kind.name;
  if (ArrayIsArray(o)) return 'Array';
  if (isMap(o)) return 'Map';
  if (isSet(o)) return 'Set';
  if (isDate(o)) return 'Date';
  if (isRegExp(o)) return 'RegExp';
  if (isNativeError(o)) {
    const kind = proto === null ? -1 : describeProto(proto, DEFAULT_NAMER).errorKind;
    return ERROR_KINDS[kind < 0 ? 0 : kind]!.name;
  }
  if (isBoxedPrimitive(o)) {
    if (isNumberObject(o)) return 'Number';
    if (isStringObject(o)) return 'String';
    if (isBooleanObject(o)) return 'Boolean';
    if (isBigIntObject(o)) return 'BigInt';
    return 'Symbol';
  }
  if (isPromise(o)) return 'Promise';
  if (isWeakMap(o)) return 'WeakMap';
  if (isWeakSet(o)) return 'WeakSet';
  return 'object';
}

/** Short type name for the index: 'Float64Array', 'Array', 'Map', 'object', 'string', class name for instances, ... */
export function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'function') return 'function';
  if (typeof value !== 'object') return typeof value;
  if (isProxy(value)) return 'Proxy';
  const proto = ObjectGetPrototypeOf(value);
  if (proto === ObjectPrototype || proto === null) return 'object';
  const base = builtinName(value, proto);
  const info = describeProto(proto, DEFAULT_NAMER);
  if (info.ref !== undefined && info.ref.name !== '' && info.opaque === undefined) return info.ref.name;
  if (base === 'object' && info.name !== '') return info.name;
  return base;
}

/** Length or shape for the index: [length] for arrays, typed arrays and strings, [byteLength] for buffers, [size] for Maps and Sets. */
export function shapeOf(value: unknown): number[] | undefined {
  if (typeof value === 'string') return [value.length];
  if (typeof value !== 'object' || value === null || isProxy(value)) return undefined;
  if (ArrayIsArray(value)) return [(value as unknown[]).length];
  const view = binaryOf(value, ObjectGetPrototypeOf(value));
  if (view !== undefined) return [view.length];
  if (isMap(value)) return [MapPrototypeGetSize(value)];
  if (isSet(value)) return [SetPrototypeGetSize(value)];
  return undefined;
}
