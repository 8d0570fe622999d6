// encodeValue: one value (and everything it reaches) to a meta stream, its
// binary parts and the ledger of what was skipped.
import type { ClassRef, EncodedValue } from '../shared/encoded.js';
import { Encoder, SHARED } from './encoder.js';
import { DEFAULT_MAX_SKIPPED } from './ledger.js';
import { ArrayPrototype, ObjectSetPrototypeOf, TypedArrayPrototypeGetByteLength } from './primordials.js';
import { shapeOf, typeName } from './type-name.js';
import { ENCODING_VERSION, MAGIC } from './version.js';

export interface EncodeOptions {
  /** Resolve the class of an instance: given its constructor, return its name and defining module URL. Called only with real (non-Proxy) functions; must not run user code. Default: name from the constructor's own `name` data property, no module. */
  classOf?: (ctor: Function) => ClassRef | undefined;
  /** Parts smaller than this stay inline in meta (default 4096 bytes). */
  minPartBytes?: number;
  /** Path prefix used in ledger entries, e.g. the variable name. */
  path?: string;
  /** Ledger entries kept before the rest are counted in one summary entry (default 1000). */
  maxSkipped?: number;
}

/** Parts smaller than this stay inline in meta unless EncodeOptions.minPartBytes says otherwise. */
export const DEFAULT_MIN_PART_BYTES = 4096;

function encodeWith(value: unknown, options: EncodeOptions, shared: boolean): Encoder {
  const enc = new Encoder({
    classOf: options.classOf,
    minPartBytes: options.minPartBytes ?? DEFAULT_MIN_PART_BYTES,
    path: options.path ?? '',
    maxSkipped: options.maxSkipped ?? DEFAULT_MAX_SKIPPED,
    shared,
  });
  for (let i = 0; i < MAGIC.length; i++) enc.out.u8(MAGIC[i]!);
  enc.out.u8(ENCODING_VERSION);
  enc.run(value);
  return enc;
}

/** Encodes `value` and everything it reaches; never runs user code and never throws on what it cannot store. */
export function encodeValue(value: unknown, options: EncodeOptions = {}): EncodedValue {
  let enc: Encoder;
  try {
    enc = encodeWith(value, options, false);
  } catch (err) {
    if (err !== SHARED) throw err;
    enc = encodeWith(value, options, true);
  }
  const meta = enc.out.finish();
  const parts = enc.parts;
  ObjectSetPrototypeOf(parts, ArrayPrototype);
  let byteSize = enc.out.pos;
  for (let i = 0; i < parts.length; i++) byteSize += TypedArrayPrototypeGetByteLength(parts[i]!.bytes);
  const shape = shapeOf(value);
  return {
    meta, parts, skipped: enc.ledger.finish(options.path ?? ''), type: typeName(value), byteSize,
    ...(enc.rootClass === undefined ? {} : { class: enc.rootClass }),
    ...(shape === undefined ? {} : { shape }),
  };
}
