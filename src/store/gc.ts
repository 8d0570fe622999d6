// Garbage collection: enforce the size cap by deleting checkpoints in
// victimOrder, and delete chunks nothing references.
//
// Order matters for crash safety: checkpoint rows are deleted (and committed)
// before any chunk file, so no listed checkpoint ever points at a deleted
// chunk; a chunk row may outlive its file, which is harmless (writers stat the
// file, gc retries). Chunk files are deleted while holding the index's write
// lock, after dropping dead writers' leases, so they cannot race a writer's
// lease (see leases.ts).
import type { StoreContext } from './context.js';
import { effectiveMaxBytes, storeBytes, victimOrder } from './cap.js';
import { dropStaleLeases } from './leases.js';
import { sweepTemp } from './temp-files.js';
import { debug } from '../shared/debug.js';

export interface GcOptions {
  /** Cap to enforce now; defaults to the store's cap. */
  maxBytes?: number;
  /** Checkpoint ids never to delete (the one just written, for the automatic gc). */
  keep?: readonly number[];
  /** Also sweep temp files and chunk files the index does not know (explicit gc). */
  deep?: boolean;
}

export interface GcReport {
  maxBytes: number;
  bytesBefore: number;
  bytesAfter: number;
  checkpointsDeleted: number[];
  chunksDeleted: number;
  chunkBytesFreed: number;
  tempFilesRemoved: number;
}

/** Deletes checkpoints (oldest first, keep-rules applied) until the store fits its cap, then unreferenced chunks. */
export function collect(ctx: StoreContext, opts: GcOptions = {}): GcReport {
  const { db } = ctx;
  const bytesBefore = storeBytes(db);
  const maxBytes = opts.maxBytes ?? effectiveMaxBytes(ctx, bytesBefore);
  const report: GcReport = {
    maxBytes, bytesBefore, bytesAfter: bytesBefore, checkpointsDeleted: [], chunksDeleted: 0, chunkBytesFreed: 0, tempFilesRemoved: 0,
  };
  if (opts.deep) report.tempFilesRemoved = sweepTemp(ctx.root);
  sweepChunks(ctx, report, opts.deep === true);
  const keep = new Set(opts.keep ?? []);
  const deleteOne = db.transaction((id: number): boolean => {
    if (!db.prepare('SELECT 1 FROM checkpoints WHERE id = ?').get(id)) return false;
    db.prepare('DELETE FROM checkpoint_chunks WHERE checkpoint_id = ?').run(id);
    db.prepare('DELETE FROM variables WHERE checkpoint_id = ?').run(id);
    db.prepare('DELETE FROM checkpoints WHERE id = ?').run(id);
    return true;
  });
  if (storeBytes(db) > maxBytes) {
    for (const id of victimOrder(db, keep)) {
      if (deleteOne.immediate(id)) report.checkpointsDeleted.push(id);
      debug('store', `gc: deleted checkpoint ${id} (store ${storeBytes(db)} bytes, cap ${maxBytes})`, 2);
      sweepChunks(ctx, report, false);
      if (storeBytes(db) <= maxBytes) break;
    }
  }
  report.bytesAfter = storeBytes(db);
  return report;
}

/** Deletes every chunk no checkpoint references and no live lease protects, under the write lock. */
function sweepChunks(ctx: StoreContext, report: GcReport, deep: boolean): void {
  const { db, chunks } = ctx;
  db.transaction(() => {
    dropStaleLeases(db);
    const garbage = db.prepare(`
      SELECT hash, size, data IS NULL AS isFile FROM chunks
      WHERE NOT EXISTS (SELECT 1 FROM checkpoint_chunks r WHERE r.hash = chunks.hash)
        AND NOT EXISTS (SELECT 1 FROM lease_chunks l WHERE l.hash = chunks.hash)`).all() as {
      hash: string; size: number; isFile: number;
    }[];
    const drop = db.prepare('DELETE FROM chunks WHERE hash = ?');
    for (const g of garbage) {
      try {
        if (g.isFile) chunks.delete(g.hash);
      } catch {
        continue; // Keep the row; the next gc tries again.
      }
      drop.run(g.hash);
      report.chunksDeleted++;
      report.chunkBytesFreed += g.size;
    }
    if (deep) {
      // Files the index does not list (a restored index, a hand-copied chunk).
      const known = db.prepare('SELECT 1 FROM chunks WHERE hash = ?');
      for (const f of chunks.list()) {
        if (known.get(f.hash)) continue;
        try {
          chunks.delete(f.hash);
          report.chunksDeleted++;
          report.chunkBytesFreed += f.size;
        } catch {
          // Left for next time.
        }
      }
    }
  }).immediate();
}
