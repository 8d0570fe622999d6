// The one-byte tags of the meta stream. docs/encoding.md lists each tag with
// its payload; keep the two in step and bump ENCODING_VERSION on any change.

// Primitives and markers: no object id.
export const TAG_UNDEFINED = 0x00;
export const TAG_NULL = 0x01;
export const TAG_FALSE = 0x02;
export const TAG_TRUE = 0x03;
/** zigzag varint, an int32 other than -0 */
export const TAG_INT = 0x04;
/** 8 bytes, little-endian IEEE 754 */
export const TAG_FLOAT64 = 0x05;
/** a string of lowercase hex digits, '-' first when negative */
export const TAG_BIGINT = 0x06;
/** a string (see ByteWriter.string) */
export const TAG_STRING = 0x07;
/** array elements only: no element at this index */
export const TAG_HOLE = 0x08;
/** back-reference: varint id of an object (or skipped value) already in the stream */
export const TAG_REF = 0x09;
/** varint index in the string table: a short string already written with TAG_STRING */
export const TAG_STRING_REF = 0x0a;

/**
 * The string table: each TAG_STRING value of at most this many UTF-16 code
 * units takes the next index, until the table holds MAX_TABLE_STRINGS.
 * Repeated short strings (tags, categories, enum-like values) are written once.
 */
export const TABLE_STRING_CHARS = 32;
export const MAX_TABLE_STRINGS = 1 << 16;

// Values that take the next object id.
/** a value that was not stored (see the ledger); decodes to undefined */
export const TAG_SKIPPED = 0x0f;
export const TAG_OBJECT = 0x10;
export const TAG_NULL_PROTO_OBJECT = 0x11;
export const TAG_ARRAY = 0x12;
export const TAG_SPARSE_ARRAY = 0x13;
export const TAG_MAP = 0x14;
export const TAG_SET = 0x15;
export const TAG_DATE = 0x16;
export const TAG_REGEXP = 0x17;
export const TAG_ERROR = 0x18;
export const TAG_BOXED = 0x19;
/** varint part id: the bytes are in parts[id] */
export const TAG_PART = 0x1a;
/** varint kind code, varint byte length, the bytes */
export const TAG_INLINE_BINARY = 0x1b;
/** a class reference, then the object it applies to (which takes the id) */
export const TAG_CLASS = 0x1c;

/** Built-in error constructors by the code written after TAG_ERROR. */
export const ERROR_KINDS = [Error, EvalError, RangeError, ReferenceError, SyntaxError, TypeError, URIError, AggregateError] as const;

// Boxed primitive kinds written after TAG_BOXED.
export const BOXED_NUMBER = 0;
export const BOXED_STRING = 1;
export const BOXED_BOOLEAN = 2;
export const BOXED_BIGINT = 3;
