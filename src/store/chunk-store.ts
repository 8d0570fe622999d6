// The one interface between the store and wherever chunk bytes live. Today:
// files on the local disk (chunk-files.ts). A shared store on object storage
// would implement the same five operations, keyed by the same relative paths
// (see paths.ts), and is expected to sit behind a local store that writes
// first (a checkpoint taken at a crash must be durable in milliseconds, not
// after an upload), which is why the interface is synchronous.

/** A chunk to store: its address and its bytes (which may alias live memory until put returns). */
export interface ChunkWrite {
  hash: string;
  bytes: Uint8Array;
}

/** Where chunk bytes live. Callers verify hashes; implementations only move bytes. */
export interface ChunkStore {
  /** True when the chunk is present with the expected size (its bytes are not re-hashed). */
  has(hash: string, size: number): boolean;
  /** Stores chunks durably: when it returns, their bytes and names survive a crash or power loss. Returns bytes written. */
  put(chunks: readonly ChunkWrite[]): number;
  /** Reads a chunk (into `into` when given, which must be exactly `size` bytes). Throws MISSING_CHUNK or INTEGRITY (wrong size). */
  get(hash: string, size: number, into?: Uint8Array): Uint8Array;
  /** Removes a chunk; absent chunks are not an error. */
  delete(hash: string): void;
  /** Every chunk present, with its size. */
  list(): Iterable<{ hash: string; size: number }>;
  /** A hint: these chunks are read next, in this order (a store that fetches them reads ahead). */
  willRead?(chunks: readonly { hash: string; size: number }[]): void;
}
