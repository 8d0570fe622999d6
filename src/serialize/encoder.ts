// The encoder's state and its main loop. The walk keeps its own stack of
// frames (one per container being written) instead of recursing, so a linked
// list a million nodes deep encodes like a flat one. Children waiting to be
// written sit on one shared value stack; arrays are read element by element.
import type { BinaryPart, ClassRef } from '../shared/encoded.js';
import { defaultClassOf } from './class-ref.js';
import { writeArray } from './encode-array.js';
import { writeExotic } from './encode-exotic.js';
import { FRAME_ARRAY, FRAME_DENSE_ARRAY, FRAME_PROPS, Frame, frameLabel } from './frames.js';
import { Ledger, REASON } from './ledger.js';
import { pushProps } from './props.js';
import { describeProto, type ProtoInfo } from './prototypes.js';
import {
  ArrayIsArray, BigIntPrototypeToString, InitialPrepareStackTrace, ObjectGetOwnPropertyDescriptor,
  ObjectGetOwnPropertyNames, ObjectGetPrototypeOf, ObjectHasOwn, ObjectLookupGetter, ObjectLookupSetter, ObjectPrototype,
  OrigError, SafeMap, SafeSet, isProxy, list,
} from './primordials.js';
import { estimateSize } from './size-estimate.js';
import { ShapeTable } from './shapes.js';
import { StringTable } from './string-table.js';
import {
  TABLE_STRING_CHARS, TAG_BIGINT, TAG_FALSE, TAG_HOLE, TAG_NULL, TAG_OBJECT, TAG_REF, TAG_SKIPPED,
  TAG_STRING, TAG_STRING_REF, TAG_TRUE, TAG_UNDEFINED,
} from './tags.js';
import { ByteWriter } from './writer.js';

/** Options the encoder reads; see EncodeOptions in index.ts. */
export interface EncoderOptions {
  /** The caller's classOf, if any (a throw falls back to the default). */
  classOf: ((ctor: Function) => ClassRef | undefined) | undefined;
  minPartBytes: number;
  path: string;
  maxSkipped: number;
  /** Keep object ids for back-references (the graph shares objects). */
  shared: boolean;
}

/** Thrown by the first pass when an object is met twice: encode again with ids (see Encoder.writeRef). */
export const SHARED: unique symbol = Symbol('chkpt.shared');

/** True when the script replaced Error.prepareStackTrace: formatting a stack would run it. */
function stackIsUnsafe(): boolean {
  const desc = ObjectGetOwnPropertyDescriptor(OrigError, 'prepareStackTrace');
  if (desc === undefined) return false;
  return !ObjectHasOwn(desc, 'value') || (desc.value !== undefined && desc.value !== InitialPrepareStackTrace);
}

/** Encodes one value: the output, the tables (objects, strings, shapes, classes), the frames and the ledger. */
export class Encoder {
  readonly out = new ByteWriter();
  /** Every object and function met so far, while no object was met twice. */
  private readonly seen = new SafeSet<unknown>();
  /** Object ids, kept only on a second pass over a graph that shares objects (see writeRef). */
  private readonly ids: Map<unknown, number> | null;
  private readonly strings = new StringTable();
  nextId = 0;
  readonly vals = list<unknown>();
  top = 0;
  private readonly frames = list<Frame>();
  private depth = 0;
  readonly shapes = new ShapeTable();
  private readonly protos = new SafeMap<object, ProtoInfo>();
  classCount = 0;
  /** The class recorded for the root value, if any. */
  rootClass: ClassRef | undefined = undefined;
  readonly parts = list<BinaryPart>();
  readonly ledger: Ledger;
  /** Reading `stack` would run a replaced Error.prepareStackTrace: leave stacks out. */
  readonly stackUnsafe = stackIsUnsafe();

  constructor(readonly options: EncoderOptions) {
    this.ledger = new Ledger(options.maxSkipped);
    this.ids = options.shared ? new SafeMap<unknown, number>() : null;
  }

  /** Writes `root` and everything it reaches. */
  run(root: unknown): void {
    this.writeValue(root);
    while (this.depth > 0) {
      const f = this.frames[this.depth - 1]!;
      if (f.i < f.n) this.writeChild(f);
      else if (f.j < f.count) this.writeValue(this.vals[f.start + f.j++]);
      else {
        this.top = f.start;
        f.obj = null;
        f.items = null;
        this.depth--;
      }
    }
  }

  /** Starts writing the children of `obj` (its header is already written). */
  pushFrame(kind: number, obj: object, n: number, start: number, keys: readonly string[], items: unknown[] | null = null): void {
    let j = 0;
    if (n === 0) {
      // Leading plain primitives are written at once: a record of numbers and
      // strings never needs a frame.
      const count = this.top - start;
      while (j < count && this.writePrimitive(this.vals[start + j])) j++;
      if (j === count) {
        this.top = start;
        return;
      }
    }
    let f = this.frames[this.depth];
    if (f === undefined) {
      f = new Frame();
      this.frames[this.depth] = f;
    }
    this.depth++;
    f.kind = kind;
    f.obj = obj;
    f.i = 0;
    f.n = n;
    f.items = items;
    f.start = start;
    f.j = j;
    f.count = this.top - start;
    f.keys = keys;
  }

  /** Writes `v` if it is a primitive that needs no id or ledger entry; returns false otherwise. */
  private writePrimitive(v: unknown): boolean {
    switch (typeof v) {
      case 'number': this.out.number(v); return true;
      case 'string': this.writeString(v); return true;
      case 'boolean': this.out.u8(v ? TAG_TRUE : TAG_FALSE); return true;
      case 'undefined': this.out.u8(TAG_UNDEFINED); return true;
      case 'bigint': this.writeBigInt(v); return true;
      case 'object':
        if (v !== null) return false;
        this.out.u8(TAG_NULL);
        return true;
      default: return false;
    }
  }

  /** Writes any value: a primitive at once, an object's header (its children follow from the main loop). */
  writeValue(v: unknown): void {
    if (this.writePrimitive(v)) return;
    if (typeof v === 'object') {
      this.writeObject(v!);
      return;
    }
    // A function or a symbol: an id (so a second reference is a REF), a ledger entry, a placeholder.
    if (this.writeRef(v)) return;
    if (typeof v === 'symbol') this.skip(v, 'symbol', REASON.symbol);
    else if (isProxy(v)) this.skip(v, 'Proxy', REASON.proxy);
    else this.skip(v, 'function', REASON.function);
  }

  /** A string value: a reference into the string table when this short string was written before. */
  private writeString(s: string): void {
    const out = this.out;
    if (s.length <= TABLE_STRING_CHARS) {
      const index = this.strings.find(s);
      if (index >= 0) {
        out.u8(TAG_STRING_REF);
        out.varint(index);
        return;
      }
    }
    out.u8(TAG_STRING);
    out.string(s);
  }

  private writeBigInt(v: bigint): void {
    this.out.u8(TAG_BIGINT);
    this.out.string(BigIntPrototypeToString(v, 16));
  }

  /**
   * Writes a back-reference if `v` was seen; otherwise gives it the next id.
   * Most graphs share no object, and this runs once per object during the
   * pause: the first pass only adds each object to a Set (a Map lookup and
   * insertion, with the id, cost 1.4x as much). When an object is met twice,
   * it throws SHARED, and encodeValue starts again with ids kept in a Map:
   * the walk is deterministic (the script is paused), so the ids of the
   * second pass are those the first would have given.
   */
  private writeRef(v: unknown): boolean {
    const ids = this.ids;
    if (ids === null) {
      const seen = this.seen;
      const size = seen.size;
      seen.add(v);
      if (seen.size === size) throw SHARED;
      this.nextId++;
      return false;
    }
    const id = ids.get(v);
    if (id !== undefined) {
      this.out.u8(TAG_REF);
      this.out.varint(id);
      return true;
    }
    ids.set(v, this.nextId++);
    return false;
  }

  private writeObject(o: object): void {
    if (this.writeRef(o)) return;
    if (isProxy(o)) {
      this.skip(o, 'Proxy', REASON.proxy);
      return;
    }
    if (ArrayIsArray(o)) {
      writeArray(this, o as unknown[]);
      return;
    }
    const proto = ObjectGetPrototypeOf(o);
    if (proto === ObjectPrototype && o !== globalThis) {
      this.out.u8(TAG_OBJECT);
      const start = this.top;
      const keys = pushProps(this, o, ObjectGetOwnPropertyNames(o));
      this.pushFrame(FRAME_PROPS, o, 0, start, keys);
      return;
    }
    writeExotic(this, o, proto);
  }

  /** Writes the next array element, Map key or value, or Set member of `f`. */
  private writeChild(f: Frame): void {
    const i = f.i++;
    if (f.kind === FRAME_DENSE_ARRAY || f.kind === FRAME_ARRAY) {
      this.writeElement(f.obj as unknown[], i, f.kind === FRAME_DENSE_ARRAY);
    } else {
      // A Map's key or value, or a Set's member.
      this.writeValue(f.items![i]);
    }
  }

  /** Writes element `i` (a hole, an accessor left out, or its value); `own` when it is known to exist. */
  private writeElement(arr: unknown[], i: number, own: boolean): void {
    if (!own && !ObjectHasOwn(arr, i)) {
      this.out.u8(TAG_HOLE);
    } else if (ObjectLookupGetter(arr, i) !== undefined || ObjectLookupSetter(arr, i) !== undefined) {
      this.skipAt('', 'accessor', 0, REASON.accessor);
      this.out.u8(TAG_HOLE);
    } else {
      this.writeValue(arr[i]);
    }
  }

  /** Records `v` (which already has its id) in the ledger and writes the placeholder. */
  skip(v: unknown, type: string, reason: string): void {
    if (this.ledger.full()) this.ledger.count(0);
    else this.ledger.add(this.pathHere(), type, typeof v === 'object' ? estimateSize(v, 64) : 0, reason);
    this.out.u8(TAG_SKIPPED);
  }

  /** Records a property or element of the object being written (`label` is relative to it). */
  skipAt(label: string, type: string, size: number, reason: string): void {
    if (this.ledger.full()) this.ledger.count(size);
    else this.ledger.add(this.pathHere() + label, type, size, reason);
  }

  /** The ProtoInfo of a non-null prototype, worked out once per encode. */
  protoInfo(proto: object): ProtoInfo {
    let info = this.protos.get(proto);
    if (info === undefined) {
      info = isProxy(proto)
        ? { ref: undefined, classIndex: -1, opaque: undefined, errorKind: -1, name: '', anonymous: true }
        : describeProto(proto, this);
      this.protos.set(proto, info);
    }
    return info;
  }

  /** Names the class of a constructor with the caller's classOf, or the default when there is none or it throws. */
  classOf(ctor: Function): ClassRef | undefined {
    const given = this.options.classOf;
    if (given === undefined) return defaultClassOf(ctor);
    try {
      return given(ctor);
    } catch {
      return defaultClassOf(ctor);
    }
  }

  /** The path of the value being written, from the root. */
  pathHere(): string {
    let path = this.options.path;
    for (let d = 0; d < this.depth; d++) path += frameLabel(this.frames[d]!);
    return path;
  }
}
