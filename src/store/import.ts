// Records of another store, taken as they are: a run and its checkpoints with
// their variables' chunk lists, as a shared store's manifests give them
// (src/remote/). The chunks themselves are not copied here: a store opened
// with `fetchChunk` reads a missing one from wherever it came from, the first
// time it is read. Imported checkpoints keep their number in their run.
import type { SkippedValue, SourceLocation, Trigger } from '../shared/encoded.js';
import type { StoreContext } from './context.js';
import { beginRun, endRun, readRun } from './runs.js';
import { CHECKPOINT_COLUMNS, VARIABLE_COLUMNS, checksumRow, insertSql, jsonOrNull, normalizeRow } from './rows.js';
import type { RunInfo, RunOutcome, RunStart, VariableInfo } from './types.js';

export interface ImportedCheckpoint {
  n: number;
  time: number;
  trigger: Trigger;
  label?: string;
  location?: SourceLocation;
  bytesTotal: number;
  skipped: SkippedValue[];
  variables: Omit<VariableInfo, 'checkpointId' | 'damaged'>[];
}

/** Records the run `start` (with its id) unless it is there; then its end, when given and not recorded yet. */
export function importRun(ctx: StoreContext, start: RunStart & { id: string }, end: RunOutcome | undefined): RunInfo {
  const exists = ctx.db.prepare('SELECT status FROM runs WHERE id = ?').get(start.id) as { status: string } | undefined;
  if (!exists) beginRun(ctx.db, start);
  if (end && (!exists || exists.status === 'running')) endRun(ctx.db, start.id, end);
  return readRun(ctx.db, start.id)!;
}

/** Whether checkpoint `n` of `runId` is recorded. */
export function hasCheckpoint(ctx: StoreContext, runId: string, n: number): boolean {
  return ctx.db.prepare('SELECT 1 FROM checkpoints WHERE run_id = ? AND n = ?').get(runId, n) !== undefined;
}

/** Records checkpoint `cp.n` of `runId` and its variables, in one transaction; returns its id. */
export function importCheckpoint(ctx: StoreContext, runId: string, cp: ImportedCheckpoint): number {
  const { db } = ctx;
  const addRef = db.prepare('INSERT OR IGNORE INTO checkpoint_chunks (hash, checkpoint_id) VALUES (?, ?)');
  const addVar = db.prepare(insertSql('variables', VARIABLE_COLUMNS));
  return db.transaction((): number => {
    const loc = cp.location;
    const values = {
      run_id: runId, n: cp.n, created_at: cp.time, trigger: cp.trigger, label: cp.label,
      status: 'ok', file: loc?.file, line: loc?.line, col: loc?.column, func: loc?.function,
      var_count: cp.variables.length, bytes_total: cp.bytesTotal, bytes_new: 0, chunks_new: 0, skipped: JSON.stringify(cp.skipped),
      extra: jsonOrNull({ imported: true }),
    };
    const draft = normalizeRow(CHECKPOINT_COLUMNS, values);
    const id = Number(db.prepare(insertSql('checkpoints', CHECKPOINT_COLUMNS, ['id'])).run({ ...draft, checksum: '' }).lastInsertRowid);
    const row = normalizeRow(CHECKPOINT_COLUMNS, { ...values, id });
    db.prepare('UPDATE checkpoints SET checksum = ? WHERE id = ?').run(checksumRow('checkpoints', CHECKPOINT_COLUMNS, row), id);
    for (const v of cp.variables) {
      const vrow = normalizeRow(VARIABLE_COLUMNS, {
        checkpoint_id: id, idx: v.idx, name: v.name, scope: v.scope, frame_index: v.frameIndex, frame_function: v.frameFunction,
        type: v.type, class_name: v.class?.name, class_module: v.class?.module, shape: jsonOrNull(v.shape), byte_size: v.byteSize,
        meta: JSON.stringify(v.meta), parts: JSON.stringify(v.parts), skipped: JSON.stringify(v.skipped),
      });
      addVar.run({ ...vrow, checksum: checksumRow('variables', VARIABLE_COLUMNS, vrow) });
      for (const blob of [v.meta, ...v.parts]) for (const hash of blob.chunks) addRef.run(hash, id);
    }
    return id;
  }).immediate();
}
