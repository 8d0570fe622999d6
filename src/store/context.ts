// What the store's operations share: the index connection, the chunk store
// and the settings of this open store. Internal.
import type Database from 'better-sqlite3';
import type { ChunkStore } from './chunk-store.js';

export interface StoreContext {
  root: string;
  db: Database.Database;
  chunks: ChunkStore;
  /** Size cap from options or environment; undefined means the default (DEFAULT_MAX_BYTES, lowered by free space). */
  maxBytes?: number;
  /** Test hooks between the phases of a write, to stage races deterministically. */
  hooks?: WriteHooks;
}

export interface WriteHooks {
  /** After the lease is committed, before chunk files are checked and written. */
  afterLease?: () => void;
  /** After the present chunks were found and the missing ones written durably, before the index commit. */
  beforeCommit?: () => void;
}
