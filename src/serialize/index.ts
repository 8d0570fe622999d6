// The value encoding: what capture calls to turn a script's values into
// bytes, and what the store and the reading API call to turn them back.
// Format: docs/encoding.md.

/** The shared types this module produces and consumes (src/shared/encoded.ts). */
export type { BinaryPart, ClassRef, EncodedValue, SkippedValue } from '../shared/encoded.js';
/** The symbol marking decoded values whose class was not supplied, and the shape of DecodeOptions.classes. */
export { CLASS_SYMBOL, type ClassLookup } from './class-ref.js';
/** decodeValue(meta, part, partsInfo, options): a stored value back to a live one, running no code. */
export { decodeValue, type DecodeOptions } from './decode.js';
/** encodeValue(value, options): a value to meta, parts and ledger, running no user code. */
export { DEFAULT_MIN_PART_BYTES, encodeValue, type EncodeOptions } from './encode.js';
/** findLarge(value, minBytes, maxNodes, rootPath): big values inside a graph, with their paths. */
export { findLarge, type LargeValue } from './find-large.js';
/** estimateSize(value, maxNodes): bounded estimate of the bytes a value holds. */
export { estimateSize } from './size-estimate.js';
/** typeName(value) and shapeOf(value): the type and length or size the index shows. */
export { shapeOf, typeName } from './type-name.js';
/** The version of the meta stream layout. */
export { ENCODING_VERSION } from './version.js';
