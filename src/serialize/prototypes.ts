// What a prototype says about the objects that have it: the class to record,
// whether they are resources that cannot be stored (streams, sockets, servers,
// weak references, native handles), and the built-in error they derive from.
// Worked out once per prototype per encode, reading own data properties only.
import type { ClassRef } from '../shared/encoded.js';
import { Server } from 'node:net';
import { Stream } from 'node:stream';
import { cleanClassRef, defaultClassOf, ownData } from './class-ref.js';
import {
  FinalizationRegistryPrototype, FunctionPrototypeToString, ObjectGetPrototypeOf, SafeMap, StringPrototypeSlice,
  WeakRefPrototype, isProxy,
} from './primordials.js';
import { ERROR_KINDS } from './tags.js';

/** What the encoder needs to know about one prototype. */
export interface ProtoInfo {
  /** The class to record for instances, if any. */
  readonly ref: ClassRef | undefined;
  /** Index of `ref` in the stream's class table, -1 until written. */
  classIndex: number;
  /** When instances cannot be stored: the type to put in the ledger. */
  readonly opaque: string | undefined;
  /** Index in ERROR_KINDS of the nearest built-in error prototype, -1 when none. */
  readonly errorKind: number;
  /** The constructor's name ('' when unknown). */
  readonly name: string;
  /** True when the chain has no constructor to name (e.g. Object.create(someObject)). */
  readonly anonymous: boolean;
}

const OPAQUE = new SafeMap<object, string>();
OPAQUE.set(Stream.prototype, 'stream');
OPAQUE.set(Server.prototype, 'server');
OPAQUE.set(WeakRefPrototype, 'WeakRef');
OPAQUE.set(FinalizationRegistryPrototype, 'FinalizationRegistry');

const ERROR_PROTOS = new SafeMap<object, number>();
for (let i = 0; i < ERROR_KINDS.length; i++) ERROR_PROTOS.set(ERROR_KINDS[i]!.prototype, i);

/** Built-ins whose instances chkpt stores itself; from another realm they are recorded without a class. */
const BUILTIN_NAMES = new SafeMap<string, true>();
for (const name of ['Object', 'Array', 'Map', 'Set', 'Date', 'RegExp', 'Number', 'String', 'Boolean', 'BigInt',
  'ArrayBuffer', 'SharedArrayBuffer', 'DataView', 'Int8Array', 'Uint8Array', 'Uint8ClampedArray', 'Int16Array',
  'Uint16Array', 'Int32Array', 'Uint32Array', 'Float32Array', 'Float64Array', 'BigInt64Array', 'BigUint64Array',
  'Buffer', ...ERROR_KINDS.map((e) => e.name)]) BUILTIN_NAMES.set(name, true);

function isNative(fn: Function): boolean {
  const source = FunctionPrototypeToString(fn);
  return StringPrototypeSlice(source, source.length - 16, source.length) === '{ [native code] }';
}

/** Names the class of a constructor (EncodeOptions.classOf, or the default). */
export interface ClassNamer {
  classOf(ctor: Function): ClassRef | undefined;
}

/** Names classes by their constructor's own `name` only. */
export const DEFAULT_NAMER: ClassNamer = { classOf: defaultClassOf };

/** Works out the ProtoInfo of `proto` (not a Proxy), naming classes with `namer`. */
export function describeProto(proto: object, namer: ClassNamer): ProtoInfo {
  let opaque: string | undefined;
  let errorKind = -1;
  let p: object | null = proto;
  for (let steps = 0; p !== null && steps < 10_000 && !isProxy(p); steps++) {
    if (opaque === undefined) opaque = OPAQUE.get(p);
    if (errorKind < 0) errorKind = ERROR_PROTOS.get(p) ?? -1;
    p = ObjectGetPrototypeOf(p);
  }
  const ctor = ownData(proto, 'constructor');
  if (typeof ctor !== 'function' || isProxy(ctor)) {
    return { ref: undefined, classIndex: -1, opaque, errorKind, name: '', anonymous: true };
  }
  const rawName = ownData(ctor, 'name');
  const name = typeof rawName === 'string' ? rawName : '';
  if (isNative(ctor)) {
    // A native constructor that is not a built-in chkpt stores makes handles
    // (TCP, Pipe, Intl objects...): their state lives outside JavaScript.
    const builtin = BUILTIN_NAMES.get(name) === true;
    return { ref: undefined, classIndex: -1, opaque: opaque ?? (builtin ? undefined : name || 'native'), errorKind, name, anonymous: false };
  }
  const given = namer.classOf(ctor);
  const ref = given !== undefined && typeof given.name === 'string' ? cleanClassRef(given) : undefined;
  return { ref, classIndex: -1, opaque: opaque === undefined ? undefined : name || opaque, errorKind, name, anonymous: ref === undefined };
}
