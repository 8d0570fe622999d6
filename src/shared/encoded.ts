// Types shared by serialize/ (which produces and consumes them) and store/
// (which persists them). Types only: nothing here runs.

/** Element type of a binary part, named as numpy names it ('bytes' for untyped). */
export type Dtype =
  | 'int8' | 'uint8' | 'int16' | 'uint16' | 'int32' | 'uint32'
  | 'float32' | 'float64' | 'int64' | 'uint64' | 'bytes';

/**
 * One run of raw little-endian bytes taken out of a value graph: the contents of
 * a TypedArray, Buffer, DataView, ArrayBuffer, SharedArrayBuffer, or a dense
 * array of numbers. The meta stream refers to it by `id`.
 */
export interface BinaryPart {
  /** Index of this part in `EncodedValue.parts`, as written in the meta stream. */
  id: number;
  /** What the script held: 'Float64Array', 'Buffer', 'DataView', 'ArrayBuffer', 'SharedArrayBuffer', 'Array', ... */
  kind: string;
  dtype: Dtype;
  /** Number of elements (bytes for 'bytes'). */
  length: number;
  /** Byte offset of the view inside its original buffer (informational; stored bytes start at 0). */
  byteOffset: number;
  /** The bytes to store. May alias the script's live memory: copy before the script runs again if it must be stable. */
  bytes: Uint8Array;
}

/** A value that was not encoded, and why: the checkpoint's ledger. */
export interface SkippedValue {
  /** Path from the variable, e.g. `state.onTick` or `rows[3].socket`. */
  path: string;
  /** What it was: 'function', 'Promise', 'WeakMap', 'Proxy', 'accessor', 'Socket', ... */
  type: string;
  /** Estimated size in bytes (0 when unknown). */
  size: number;
  reason: string;
}

/** The class a value was an instance of, as recorded in the encoding. */
export interface ClassRef {
  name: string;
  /** URL of the module that defines it (file:// for the script's own files), when known. */
  module?: string;
}

/** A value encoded for storage: a small meta stream plus its big binary parts. */
export interface EncodedValue {
  /** The value graph, with every binary part replaced by a reference to `parts[id]`. */
  meta: Uint8Array;
  parts: BinaryPart[];
  skipped: SkippedValue[];
  /** Summary for the index: 'Float64Array', 'Array', 'Map', 'object', 'string', 'number', ... */
  type: string;
  class?: ClassRef;
  /** Length or shape: [length] for arrays, typed arrays, strings; [size] for Maps and Sets. */
  shape?: number[];
  /** Estimated bytes the value holds in memory (parts plus meta). */
  byteSize: number;
}

/** Where a checkpoint was taken, after source-map mapping. */
export interface SourceLocation {
  file: string;
  line: number;
  column: number;
  function?: string;
}

export type Trigger = 'interval' | 'api' | 'crash' | 'signal' | 'exit' | 'request';

export type ScopeKind = 'module' | 'local' | 'closure' | 'block' | 'global' | 'tracked';
