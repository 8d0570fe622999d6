// The chunks a local store read from a shared store (fetching-chunks.ts) are
// a read cache: each can be read again from where it came, so they, and only
// they, go when the store is over its cap (the checkpoints this machine wrote
// and may not have sent yet keep theirs). Least recently used first. Which
// chunks were fetched, and when each was last used, is the table read_cache
// of the local store's index (docs/FORMAT.md, "Shared store").
import type Database from 'better-sqlite3';
import { debug } from '../shared/debug.js';
import type { ChunkStore } from './chunk-store.js';
import { effectiveMaxBytes, storeBytes } from './cap.js';
import type { StoreContext } from './context.js';

/** Trimmed to this share of the cap, so that the next fetches do not trim again at once. */
const TRIM_TO = 0.75;
/** A chunk's time of use is written again only when older than this (a read is no index write, mostly). */
const TOUCH_EVERY_MS = 60_000;

export class ReadCache {
  private readonly db: Database.Database;
  /** Bytes the store holds, counted from the index once, then kept up to date here. */
  private used: number | undefined;

  constructor(private readonly ctx: Pick<StoreContext, 'root' | 'db' | 'maxBytes'>, private readonly files: ChunkStore) {
    this.db = ctx.db;
    this.db.exec('CREATE TABLE IF NOT EXISTS read_cache (hash TEXT PRIMARY KEY, used_at INTEGER NOT NULL) WITHOUT ROWID');
  }

  /** A chunk was fetched and kept: registered, then the cache trimmed if the store is over its cap. */
  fetched(hash: string, size: number): void {
    const now = Date.now();
    this.db.transaction(() => {
      this.db.prepare('INSERT OR IGNORE INTO chunks (hash, size, data) VALUES (?, ?, NULL)').run(hash, size);
      this.db.prepare('INSERT OR REPLACE INTO read_cache (hash, used_at) VALUES (?, ?)').run(hash, now);
    })();
    this.used = (this.used ?? storeBytes(this.db)) + size;
    const cap = effectiveMaxBytes(this.ctx, this.used);
    if (this.used > cap) this.trim(Math.floor(cap * TRIM_TO), hash);
  }

  /** A chunk was read from the cache: it goes later. */
  touch(hash: string): void {
    const now = Date.now();
    const at = this.db.prepare('SELECT used_at FROM read_cache WHERE hash = ?').pluck().get(hash) as number | undefined;
    if (at !== undefined && now - at > TOUCH_EVERY_MS) this.db.prepare('UPDATE read_cache SET used_at = ? WHERE hash = ?').run(now, hash);
  }

  /** Removes fetched chunks, least recently used first (never `keep`), until the store holds at most `target` bytes. */
  trim(target: number, keep?: string): { chunks: number; bytes: number } {
    const freed = { chunks: 0, bytes: 0 };
    let used = storeBytes(this.db);
    const victims = this.db.prepare(`
      SELECT r.hash AS hash, c.size AS size FROM read_cache r JOIN chunks c ON c.hash = r.hash
      WHERE c.data IS NULL ORDER BY r.used_at, r.hash`).all() as { hash: string; size: number }[];
    // A writer of this store that found the chunk here holds a lease on it
    // (leases.ts): under the write lock, a leased chunk stays.
    const leased = this.db.prepare('SELECT 1 FROM lease_chunks WHERE hash = ?');
    const forget = this.db.prepare('DELETE FROM chunks WHERE hash = ?');
    const unlist = this.db.prepare('DELETE FROM read_cache WHERE hash = ?');
    for (const v of victims) {
      if (used <= target) break;
      if (v.hash === keep) continue;
      const gone = this.db.transaction(() => {
        if (leased.get(v.hash)) return false;
        forget.run(v.hash);
        unlist.run(v.hash);
        // A reader that finds no file reads the chunk again.
        this.files.delete(v.hash);
        return true;
      }).immediate();
      if (!gone) continue;
      used -= v.size;
      freed.chunks++;
      freed.bytes += v.size;
    }
    this.db.prepare('DELETE FROM read_cache WHERE hash NOT IN (SELECT hash FROM chunks)').run();
    this.used = used;
    if (freed.chunks > 0) debug('store', `read cache trimmed: ${freed.chunks} chunk(s), ${freed.bytes} bytes`);
    return freed;
  }
}
