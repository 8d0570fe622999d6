// A local chunk store that fills itself from elsewhere: a chunk missing here
// is asked of `fetch` (a shared store's copy, src/remote/), kept here (a read
// cache under the store's size cap: read-cache.ts), and returned. The caller
// verifies its hash as for any chunk.
import type { ChunkStore, ChunkWrite } from './chunk-store.js';
import { ChkptError, ErrorCode, isChkptError } from '../shared/errors.js';
import type { ReadCache } from './read-cache.js';

export type FetchChunk = (hash: string, size: number) => Uint8Array | undefined;
/** Told the chunks missing here that are read next, in order (to read them ahead). */
export type PrefetchChunks = (hashes: string[]) => void;

export class FetchingChunkStore implements ChunkStore {
  constructor(
    private readonly local: ChunkStore, private readonly fetch: FetchChunk, private readonly cache: ReadCache,
    private readonly prefetch?: PrefetchChunks,
  ) {}

  willRead(chunks: readonly { hash: string; size: number }[]): void {
    if (!this.prefetch || chunks.length < 2) return;
    const missing = chunks.filter((c) => !this.local.has(c.hash, c.size)).map((c) => c.hash);
    if (missing.length > 1) this.prefetch(missing);
  }

  has(hash: string, size: number): boolean {
    return this.local.has(hash, size);
  }

  put(chunks: readonly ChunkWrite[]): number {
    return this.local.put(chunks);
  }

  get(hash: string, size: number, into?: Uint8Array): Uint8Array {
    try {
      const bytes = this.local.get(hash, size, into);
      this.cache.touch(hash);
      return bytes;
    } catch (err) {
      if (!isChkptError(err) || err.code !== ErrorCode.MISSING_CHUNK) throw err;
    }
    const bytes = this.fetch(hash, size);
    if (!bytes) throw new ChkptError(ErrorCode.MISSING_CHUNK, `Chunk ${hash} is missing here and from the shared store.`, { hash });
    if (bytes.byteLength !== size) throw new ChkptError(ErrorCode.INTEGRITY, `Chunk ${hash} has the wrong size (expected ${size} bytes).`, { hash, size });
    this.local.put([{ hash, bytes }]);
    this.cache.fetched(hash, size);
    if (into) {
      into.set(bytes);
      return into;
    }
    return bytes;
  }

  delete(hash: string): void {
    this.local.delete(hash);
  }

  list(): Iterable<{ hash: string; size: number }> {
    return this.local.list();
  }
}
