// How big the store is, how big it may get, and which checkpoints go first
// when it is too big.
import fs from 'node:fs';
import type Database from 'better-sqlite3';
import type { StoreContext } from './context.js';
import { DEFAULT_MAX_BYTES } from './format.js';

/** Bytes the store occupies: chunk files plus the index's pages in use (which hold the small chunks). */
export function storeBytes(db: Database.Database): number {
  const files = (db.prepare('SELECT COALESCE(SUM(size), 0) AS s FROM chunks WHERE data IS NULL').get() as { s: number }).s;
  const pages = (db.pragma('page_count', { simple: true }) as number) - (db.pragma('freelist_count', { simple: true }) as number);
  return files + pages * (db.pragma('page_size', { simple: true }) as number);
}

/**
 * The cap in force: the configured one, else 5 GiB or a quarter of what the
 * store could grow into (free space plus its own size), whichever is less,
 * so a near-full disk gets a smaller store instead of an ENOSPC.
 */
export function effectiveMaxBytes(ctx: Pick<StoreContext, 'root' | 'maxBytes' | 'db'>, used = storeBytes(ctx.db)): number {
  if (ctx.maxBytes !== undefined) return ctx.maxBytes;
  try {
    const st = fs.statfsSync(ctx.root);
    return Math.min(DEFAULT_MAX_BYTES, Math.floor((st.bavail * st.bsize + used) / 4));
  } catch {
    return DEFAULT_MAX_BYTES;
  }
}

/**
 * Checkpoint ids in the order gc deletes them: oldest first among those
 * not protected, then (only if still over the cap) the protected ones, oldest
 * first. Protected: the newest complete checkpoint of each run and every
 * crash checkpoint. Ids in `keep` are never listed.
 */
export function victimOrder(db: Database.Database, keep: ReadonlySet<number>): number[] {
  const rows = db.prepare(`
    SELECT c.id AS id,
      (c.trigger = 'crash' OR c.id = (
        SELECT c2.id FROM checkpoints c2 WHERE c2.run_id = c.run_id AND c2.status = 'ok' ORDER BY c2.n DESC LIMIT 1
      )) AS protected
    FROM checkpoints c
    ORDER BY protected, c.created_at, c.id`).all() as { id: number }[];
  return rows.map((r) => r.id).filter((id) => !keep.has(id));
}
