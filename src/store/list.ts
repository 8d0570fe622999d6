// Listing runs and checkpoints from the index (no chunk is read).
import type Database from 'better-sqlite3';
import { toCheckpoint, toRun } from './records.js';
import type { CheckpointInfo, RunInfo } from './types.js';

export interface CheckpointFilter {
  runId?: string;
  /** Only checkpoints taken at or after this time (ms since the epoch). */
  since?: number;
  until?: number;
  /** Newest first (default oldest first). */
  newestFirst?: boolean;
  limit?: number;
}

/** Every run, oldest first. */
export function listRuns(db: Database.Database): RunInfo[] {
  return db.prepare('SELECT * FROM runs ORDER BY started_at, id').all().map((r) => toRun(r as Record<string, unknown>));
}

/** Checkpoints in time order through the (created_at, id) index, filtered. */
export function listCheckpoints(db: Database.Database, filter: CheckpointFilter): CheckpointInfo[] {
  const where: string[] = [];
  const args: (string | number)[] = [];
  if (filter.runId !== undefined) (where.push('run_id = ?'), args.push(filter.runId));
  if (filter.since !== undefined) (where.push('created_at >= ?'), args.push(filter.since));
  if (filter.until !== undefined) (where.push('created_at <= ?'), args.push(filter.until));
  const dir = filter.newestFirst ? 'DESC' : 'ASC';
  const limit = filter.limit !== undefined ? `LIMIT ${Math.max(0, Math.floor(filter.limit))}` : '';
  const sql = `SELECT * FROM checkpoints ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY created_at ${dir}, id ${dir} ${limit}`;
  return db.prepare(sql).all(...args).map((r) => toCheckpoint(r as Record<string, unknown>));
}

/** One checkpoint by id, or by run and number. */
export function readCheckpoint(db: Database.Database, idOrRun: number | string, n?: number): CheckpointInfo | undefined {
  const row = typeof idOrRun === 'number'
    ? db.prepare('SELECT * FROM checkpoints WHERE id = ?').get(idOrRun)
    : db.prepare('SELECT * FROM checkpoints WHERE run_id = ? AND n = ?').get(idOrRun, n);
  return row ? toCheckpoint(row as Record<string, unknown>) : undefined;
}
