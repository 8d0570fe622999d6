// Recording runs: one row when a script starts, updated once when it ends.
import os from 'node:os';
import { randomBytes } from 'node:crypto';
import type Database from 'better-sqlite3';
import { ChkptError, ErrorCode } from '../shared/errors.js';
import { toRun } from './records.js';
import { RUN_COLUMNS, checkRow, checksumRow, insertSql, jsonOrNull, normalizeRow } from './rows.js';
import type { RunInfo, RunOutcome, RunStart } from './types.js';

const STATUSES = new Set(['exited', 'crashed', 'killed']);

/** Records a new run (status 'running') and returns it; its id is 12 random hex digits. */
export function beginRun(db: Database.Database, info: RunStart): RunInfo {
  if (typeof info?.script !== 'string') {
    throw new ChkptError(ErrorCode.INTERNAL, 'beginRun needs the script path.', { info });
  }
  const insert = db.prepare(insertSql('runs', RUN_COLUMNS));
  let wanted = info.id;
  for (;;) {
    const row = normalizeRow(RUN_COLUMNS, {
      id: wanted ?? randomBytes(6).toString('hex'),
      script: info.script,
      argv: JSON.stringify((info.argv ?? process.argv.slice(2)).map(String)),
      cwd: info.cwd ?? process.cwd(),
      node_version: info.nodeVersion ?? process.version,
      pid: info.pid ?? process.pid,
      hostname: info.hostname ?? os.hostname(),
      started_at: info.startedAt ?? Date.now(),
      status: 'running',
      parent_id: info.parentRunId,
      extra: jsonOrNull(info.extra),
    });
    try {
      insert.run({ ...row, checksum: checksumRow('runs', RUN_COLUMNS, row) });
      return readRun(db, String(row['id']))!;
    } catch (err) {
      // 48 random bits: a clash is all but impossible, but cheap to survive.
      if ((err as { code?: string }).code !== 'SQLITE_CONSTRAINT_PRIMARYKEY') throw err;
      wanted = undefined; // The id asked for is taken: a fresh one.
    }
  }
}

/** Records how a run ended. */
export function endRun(db: Database.Database, runId: string, outcome: RunOutcome): RunInfo {
  if (!STATUSES.has(outcome?.status)) {
    throw new ChkptError(ErrorCode.INTERNAL, `endRun: status must be exited, crashed or killed, got \`${String(outcome?.status)}\`.`, { outcome });
  }
  return db.transaction(() => {
    const current = db.prepare('SELECT * FROM runs WHERE id = ?').get(runId) as Record<string, unknown> | undefined;
    if (!current) throw new ChkptError(ErrorCode.NOT_FOUND, `No run \`${runId}\` in this store.`, { runId });
    const row = normalizeRow(RUN_COLUMNS, {
      ...current,
      ended_at: outcome.endedAt ?? Date.now(),
      exit_code: outcome.exitCode,
      signal: outcome.signal,
      status: outcome.status,
      extra: outcome.extra === undefined ? current['extra'] : jsonOrNull(outcome.extra),
    });
    // A damaged row stays damaged: re-checksumming it would launder the damage.
    const intact = checkRow('runs', RUN_COLUMNS, current) === undefined;
    db.prepare(
      'UPDATE runs SET ended_at = @ended_at, exit_code = @exit_code, signal = @signal, status = @status, extra = @extra, checksum = @checksum WHERE id = @id',
    ).run({ ...row, checksum: intact ? checksumRow('runs', RUN_COLUMNS, row) : 'damaged' });
    return readRun(db, runId)!;
  }).immediate();
}

/** The run with this exact id, or undefined. */
export function readRun(db: Database.Database, runId: string): RunInfo | undefined {
  const row = db.prepare('SELECT * FROM runs WHERE id = ?').get(runId) as Record<string, unknown> | undefined;
  return row ? toRun(row) : undefined;
}
