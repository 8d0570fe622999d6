// The decoder's state and its main loop, mirroring the encoder: an explicit
// stack of frames (one per container being filled), so depth never reaches
// the call stack, and every count is checked against the bytes left before
// anything is allocated. Decoding creates data only: no eval, no Function,
// no setter or constructor chosen by the data.
import type { BinaryPart, ClassRef } from '../shared/encoded.js';
import { type ClassLookup, cleanClassRef, findClass, relink } from './class-ref.js';
import { readObject } from './decode-objects.js';
import { DShape, setProp } from './decode-props.js';
import { checkParts } from './decode-parts.js';
import { MapPrototypeSet, type SafeMap, SetPrototypeAdd, list } from './primordials.js';
import { ByteReader } from './reader.js';
import {
  MAX_TABLE_STRINGS, TABLE_STRING_CHARS, TAG_BIGINT, TAG_CLASS, TAG_FALSE, TAG_FLOAT64, TAG_HOLE, TAG_INT, TAG_NULL,
  TAG_REF, TAG_SKIPPED, TAG_STRING, TAG_STRING_REF,
  TAG_TRUE, TAG_UNDEFINED,
} from './tags.js';

export type PartInfo = Pick<BinaryPart, 'id' | 'kind' | 'dtype' | 'length' | 'byteOffset'>;

export const DFRAME_PROPS = 0;
export const DFRAME_ARRAY = 1;
export const DFRAME_MAP = 2;
export const DFRAME_SET = 3;

/** A container being filled: `n` elements or entry values first, then the properties of `shape`. */
export class DFrame {
  kind = DFRAME_PROPS;
  obj: object = {};
  i = 0;
  n = 0;
  shape: DShape = DShape.EMPTY;
  j = 0;
  pendingKey: unknown = undefined;
  /** True when `obj` was cloned from the shape's template: properties exist and are set by assignment. */
  templated = false;
  classIndex = -1;
}

/** Decodes one meta stream: its tables (objects, strings, shapes, classes) and its frames. */
export class Decoder {
  readonly r: ByteReader;
  readonly refs = list<unknown>();
  private readonly strings = list<string>();
  readonly shapes = list<DShape>();
  private readonly classRefs = list<ClassRef>();
  private readonly classFound = list<Function | undefined>();
  private readonly frames = list<DFrame>();
  private depth = 0;
  private parts: SafeMap<number, PartInfo> | null = null;

  constructor(
    meta: Uint8Array,
    readonly part: (id: number) => Uint8Array,
    readonly partsInfo: readonly PartInfo[],
    private readonly classes: ClassLookup | undefined,
  ) {
    this.r = new ByteReader(meta);
  }

  /** The parts by id, checked the first time a part is referenced. */
  partsById(): SafeMap<number, PartInfo> {
    if (this.parts === null) this.parts = checkParts(this.r, this.partsInfo);
    return this.parts;
  }

  /** Reads the root value and fills every container it opens. */
  run(): unknown {
    const root = this.readValue();
    while (this.depth > 0) {
      const f = this.frames[this.depth - 1]!;
      if (f.i < f.n) this.readChild(f);
      else if (f.j < f.shape.keys.length) {
        const j = f.j++;
        setProp(f, f.shape, j, this.readValue());
      } else this.finish(f);
    }
    if (this.r.remaining() !== 0) this.r.fail('trailing bytes');
    return root;
  }

  /** Registers a new container and starts filling it. */
  open(kind: number, obj: object, n: number, shape: DShape, classIndex: number, templated = false): void {
    let f = this.frames[this.depth];
    if (f === undefined) {
      f = new DFrame();
      this.frames[this.depth] = f;
    }
    this.depth++;
    f.kind = kind;
    f.obj = obj;
    f.i = 0;
    f.n = n;
    f.shape = shape;
    f.j = 0;
    f.pendingKey = undefined;
    f.templated = templated;
    f.classIndex = classIndex;
  }

  private readChild(f: DFrame): void {
    const i = f.i++;
    if (f.kind === DFRAME_ARRAY) {
      if (this.r.peek() === TAG_HOLE) this.r.pos++;
      else (f.obj as unknown[])[i] = this.readValue();
    } else if (f.kind === DFRAME_MAP) {
      const v = this.readValue();
      if (i % 2 === 0) f.pendingKey = v;
      else MapPrototypeSet(f.obj as Map<unknown, unknown>, f.pendingKey, v);
    } else {
      SetPrototypeAdd(f.obj as Set<unknown>, this.readValue());
    }
  }

  private finish(f: DFrame): void {
    if (f.kind === DFRAME_ARRAY && (f.obj as unknown[]).length !== f.n) (f.obj as unknown[]).length = f.n;
    if (f.classIndex >= 0) this.applyClass(f.obj, f.classIndex);
    this.depth--;
  }

  /** Re-links `obj` to the supplied class of class-table entry `index`, or marks it. */
  applyClass(obj: object, index: number): void {
    relink(obj, this.classRefs[index]!, this.classFound[index]);
  }

  /** Reads one value; a container is returned at once and filled by the main loop. */
  readValue(): unknown {
    const r = this.r;
    const tag = r.u8();
    switch (tag) {
      case TAG_UNDEFINED: return undefined;
      case TAG_NULL: return null;
      case TAG_FALSE: return false;
      case TAG_TRUE: return true;
      case TAG_INT: {
        const z = r.varint();
        if (z > 0xffffffff) r.fail('int out of range');
        return z % 2 === 1 ? -(z + 1) / 2 : z / 2;
      }
      case TAG_FLOAT64: return r.float64();
      case TAG_STRING: {
        const s = r.string();
        if (s.length <= TABLE_STRING_CHARS && this.strings.length < MAX_TABLE_STRINGS) this.strings[this.strings.length] = s;
        return s;
      }
      case TAG_STRING_REF: {
        const index = r.varint();
        if (index >= this.strings.length) r.fail(`reference to string ${index} before it was defined`);
        return this.strings[index];
      }
      case TAG_BIGINT: return r.bigint();
      case TAG_REF: {
        const id = r.varint();
        if (id >= this.refs.length) r.fail(`reference to object ${id} before it was defined`);
        return this.refs[id];
      }
      case TAG_SKIPPED:
        this.refs[this.refs.length] = undefined;
        return undefined;
      case TAG_CLASS: {
        const index = this.classIndex();
        const next = r.u8();
        if (next === TAG_CLASS || next === TAG_SKIPPED) r.fail('class reference without an object');
        return readObject(this, next, index);
      }
      default:
        return readObject(this, tag, -1);
    }
  }

  /** Reads a primitive value (the payload of a boxed primitive). */
  readPrimitive(): unknown {
    const tag = this.r.peek();
    if (tag !== TAG_INT && tag !== TAG_FLOAT64 && tag !== TAG_STRING && tag !== TAG_STRING_REF && tag !== TAG_BIGINT
      && tag !== TAG_TRUE && tag !== TAG_FALSE) {
      this.r.fail('boxed value is not a primitive');
    }
    return this.readValue();
  }

  /** Reads a class-table reference (defining the entry the first time) and returns its index. */
  private classIndex(): number {
    const r = this.r;
    const index = r.varint();
    if (index < this.classRefs.length) return index;
    if (index !== this.classRefs.length) r.fail('class reference out of order');
    const name = r.string();
    const hasModule = r.u8();
    if (hasModule > 1) r.fail('bad class module flag');
    const ref = cleanClassRef(hasModule === 1 ? { name, module: r.string() } : { name });
    this.classRefs[index] = ref;
    this.classFound[index] = findClass(ref, this.classes);
    return index;
  }
}
