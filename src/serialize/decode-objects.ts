// Creating each kind of object from its header. Only built-in constructors
// chkpt captured at load are called (Map, Set, Date, RegExp, Error, Object
// for boxing, typed arrays); a class named by the data is only looked up in
// what the caller supplied (see class-ref.ts).
import { readInlineBinary, readPart } from './decode-parts.js';
import { DFRAME_ARRAY, DFRAME_MAP, DFRAME_PROPS, DFRAME_SET, type Decoder } from './decoder.js';
import { readShape } from './decode-props.js';
import {
  ObjectCreate, ObjectDeleteProperty, ObjectSetPrototypeOf, OrigDate, OrigError, OrigMap, OrigObject, OrigRegExp,
  OrigSet, SafeMap, StringPrototypeCharCodeAt, list,
} from './primordials.js';
import {
  BOXED_BIGINT, BOXED_BOOLEAN, BOXED_NUMBER, BOXED_STRING, ERROR_KINDS, TAG_ARRAY, TAG_BOXED, TAG_DATE, TAG_ERROR,
  TAG_INLINE_BINARY, TAG_MAP, TAG_NULL_PROTO_OBJECT, TAG_OBJECT, TAG_PART, TAG_REGEXP, TAG_SET, TAG_SPARSE_ARRAY,
} from './tags.js';

/** The primitive type each boxed kind holds. */
const BOXED_TYPES = list<string>();
BOXED_TYPES[BOXED_NUMBER] = 'number';
BOXED_TYPES[BOXED_STRING] = 'string';
BOXED_TYPES[BOXED_BOOLEAN] = 'boolean';
BOXED_TYPES[BOXED_BIGINT] = 'bigint';
/** Regular expression flag letters (d g i m s u v y) by char code, each with its own bit. */
const FLAG_BITS = new SafeMap<number, number>();
for (let i = 0; i < 8; i++) FLAG_BITS.set('dgimsuvy'.charCodeAt(i), 1 << i);

function register(dec: Decoder, obj: unknown): void {
  dec.refs[dec.refs.length] = obj;
}

function checkFlags(dec: Decoder, flags: string): void {
  let seen = 0;
  for (let i = 0; i < flags.length; i++) {
    const bit = FLAG_BITS.get(StringPrototypeCharCodeAt(flags, i));
    if (bit === undefined || (seen & bit) !== 0) dec.r.fail('bad regular expression flags');
    seen |= bit;
  }
}

function readBoxed(dec: Decoder): object {
  const kind = dec.r.u8();
  const value = dec.readPrimitive();
  if (BOXED_TYPES[kind] === undefined || typeof value !== BOXED_TYPES[kind]) dec.r.fail('boxed value of the wrong type');
  return OrigObject(value);
}

function readError(dec: Decoder): object {
  const kind = dec.r.varint();
  if (kind >= ERROR_KINDS.length) dec.r.fail('unknown error kind');
  const error = new OrigError();
  ObjectDeleteProperty(error, 'stack');
  ObjectSetPrototypeOf(error, ERROR_KINDS[kind]!.prototype);
  return error;
}

/** Creates the object of `tag` (re-linked to class-table entry `classIndex` when >= 0), registers it and opens its frame. */
export function readObject(dec: Decoder, tag: number, classIndex: number): unknown {
  const r = dec.r;
  switch (tag) {
    case TAG_OBJECT: {
      const shape = readShape(r, dec.shapes);
      const templated = shape.instantiate();
      const obj = templated ?? {};
      register(dec, obj);
      dec.open(DFRAME_PROPS, obj, 0, shape, classIndex, templated !== null);
      return obj;
    }
    case TAG_NULL_PROTO_OBJECT: return open(dec, DFRAME_PROPS, ObjectCreate(null) as object, 0, classIndex);
    case TAG_ARRAY: {
      const n = r.count(1);
      return open(dec, DFRAME_ARRAY, [], n, classIndex);
    }
    case TAG_SPARSE_ARRAY: {
      const n = r.varint();
      if (n > 0xffffffff) r.fail('array length out of range');
      const arr: unknown[] = [];
      arr.length = n;
      return open(dec, DFRAME_PROPS, arr, 0, classIndex);
    }
    case TAG_MAP: return open(dec, DFRAME_MAP, new OrigMap(), r.count(2) * 2, classIndex);
    case TAG_SET: return open(dec, DFRAME_SET, new OrigSet(), r.count(1), classIndex);
    case TAG_DATE: return open(dec, DFRAME_PROPS, new OrigDate(r.float64()), 0, classIndex);
    case TAG_REGEXP: {
      const source = r.string();
      const flags = r.string();
      checkFlags(dec, flags);
      let re: RegExp;
      try {
        re = new OrigRegExp(source, flags);
      } catch {
        return r.fail('invalid regular expression');
      }
      return open(dec, DFRAME_PROPS, re, 0, classIndex);
    }
    case TAG_ERROR: return open(dec, DFRAME_PROPS, readError(dec), 0, classIndex);
    case TAG_BOXED: return open(dec, DFRAME_PROPS, readBoxed(dec), 0, classIndex);
    case TAG_PART:
    case TAG_INLINE_BINARY: {
      const value = tag === TAG_PART ? readPart(dec, r.varint()) : readInlineBinary(dec);
      register(dec, value);
      if (classIndex >= 0) dec.applyClass(value as object, classIndex);
      return value;
    }
    default:
      return r.fail(`unknown tag ${tag}`);
  }
}

function open(dec: Decoder, kind: number, obj: object, n: number, classIndex: number): object {
  const shape = readShape(dec.r, dec.shapes);
  register(dec, obj);
  dec.open(kind, obj, n, shape, classIndex);
  return obj;
}
