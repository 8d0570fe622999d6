// The value encoding: what capture calls to turn a script's values into
// bytes, and what the store and the reading API call to turn them back.
// Format: docs/encoding.md.
export type { BinaryPart, ClassRef, EncodedValue, SkippedValue } from '../shared/encoded.js';
export { CLASS_SYMBOL, type ClassLookup } from './class-ref.js';
export { decodeValue, type DecodeOptions } from './decode.js';
export { DEFAULT_MIN_PART_BYTES, encodeValue, type EncodeOptions } from './encode.js';
export { findLarge, type LargeValue } from './find-large.js';
export { estimateSize } from './size-estimate.js';
export { shapeOf, typeName } from './type-name.js';
export { ENCODING_VERSION } from './version.js';
