// Writing one checkpoint: plan the chunks, lease them, write the missing ones
// durably, then commit every index row in one transaction. A checkpoint is
// visible only after that commit, so a writer killed at any instant leaves
// either nothing or a complete checkpoint (plus, at worst, orphan chunks that
// gc collects).
import type { SkippedValue, Trigger } from '../shared/encoded.js';
import { ChkptError, ErrorCode, isChkptError } from '../shared/errors.js';
import type { StoreContext } from './context.js';
import { dropLease, takeLease } from './leases.js';
import { type ChunkPlan, planChunks } from './plan-chunks.js';
import { CHECKPOINT_COLUMNS, VARIABLE_COLUMNS, checksumRow, insertSql, jsonOrNull, normalizeRow } from './rows.js';
import type { CheckpointInput, WriteResult } from './types.js';

const TRIGGERS = new Set<Trigger>(['interval', 'api', 'crash', 'signal', 'exit', 'request']);

/** Writes a checkpoint of run `runId`; throws WRITE_FAILED (after recording the failure when it can). Synchronous. */
export function writeCheckpoint(ctx: StoreContext, runId: string, input: CheckpointInput): WriteResult {
  if (!TRIGGERS.has(input?.trigger)) {
    throw new ChkptError(ErrorCode.INTERNAL, `Unknown checkpoint trigger \`${String(input?.trigger)}\`.`, { trigger: input?.trigger });
  }
  let known: unknown;
  try {
    known = ctx.db.prepare('SELECT 1 FROM runs WHERE id = ?').get(runId);
    if (known && input.failed !== undefined) return commitFailed(ctx, runId, input, String(input.failed));
  } catch (err) {
    throw asWriteFailed(err, runId); // a closed or unwritable index
  }
  if (!known) throw new ChkptError(ErrorCode.NOT_FOUND, `No run \`${runId}\` in this store.`, { runId });
  let lease: string | undefined;
  try {
    const plan = planChunks(input.variables ?? []);
    const big = [...plan.big.values()];
    if (big.length > 0) lease = takeLease(ctx.db, big);
    ctx.hooks?.afterLease?.();
    const missing = big.filter((c) => !ctx.chunks.has(c.hash, c.size));
    const written = ctx.chunks.put(missing);
    ctx.hooks?.beforeCommit?.();
    return commit(ctx, runId, input, plan, lease, written, missing.length);
  } catch (err) {
    const failure = asWriteFailed(err, runId);
    try {
      if (lease !== undefined) ctx.db.transaction(() => dropLease(ctx.db, lease!)).immediate();
      commitFailed(ctx, runId, input, failure.message);
    } catch {
      // The index may be the thing that failed (disk full): the error below says it all.
    }
    throw failure;
  }
}

function commit(
  ctx: StoreContext, runId: string, input: CheckpointInput, plan: ChunkPlan,
  lease: string | undefined, written: number, chunksNew: number,
): WriteResult {
  const { db } = ctx;
  const putSmall = db.prepare(
    'INSERT INTO chunks (hash, size, data) VALUES (?, ?, ?) ON CONFLICT (hash) DO UPDATE SET data = excluded.data WHERE chunks.data IS NULL',
  );
  const addRef = db.prepare('INSERT OR IGNORE INTO checkpoint_chunks (hash, checkpoint_id) VALUES (?, ?)');
  const addVar = db.prepare(insertSql('variables', VARIABLE_COLUMNS));
  const ledger: SkippedValue[] = [...(input.skipped ?? []), ...plan.variables.flatMap((v) => v.input.encoded.skipped ?? [])];
  return db.transaction((): WriteResult => {
    let bytesNew = written;
    for (const c of plan.small.values()) {
      if (putSmall.run(c.hash, c.size, c.bytes).changes > 0) {
        bytesNew += c.size;
        chunksNew++;
      }
    }
    const { id, n } = insertCheckpoint(ctx, runId, input, {
      status: 'ok', var_count: plan.variables.length, bytes_total: plan.bytesTotal,
      bytes_new: bytesNew, chunks_new: chunksNew, skipped: JSON.stringify(ledger),
    });
    plan.variables.forEach((v, idx) => {
      const enc = v.input.encoded;
      const row = normalizeRow(VARIABLE_COLUMNS, {
        checkpoint_id: id, idx, name: v.input.name, scope: v.input.scope,
        frame_index: v.input.frameIndex, frame_function: v.input.frameFunction,
        type: enc.type, class_name: enc.class?.name, class_module: enc.class?.module,
        shape: jsonOrNull(enc.shape), byte_size: enc.byteSize,
        meta: JSON.stringify(v.meta), parts: JSON.stringify(v.parts), skipped: JSON.stringify(enc.skipped ?? []),
      });
      addVar.run({ ...row, checksum: checksumRow('variables', VARIABLE_COLUMNS, row) });
    });
    for (const hash of plan.big.keys()) addRef.run(hash, id);
    for (const hash of plan.small.keys()) addRef.run(hash, id);
    if (lease !== undefined) dropLease(db, lease);
    return { id, n, status: 'ok', bytesTotal: plan.bytesTotal, bytesNew, chunksNew };
  }).immediate();
}

function commitFailed(ctx: StoreContext, runId: string, input: CheckpointInput, reason: string): WriteResult {
  return ctx.db.transaction((): WriteResult => {
    const { id, n } = insertCheckpoint(ctx, runId, input, {
      status: 'failed', failure: reason, var_count: 0, bytes_total: 0, bytes_new: 0, chunks_new: 0,
      skipped: JSON.stringify(input.skipped ?? []),
    });
    return { id, n, status: 'failed', bytesTotal: 0, bytesNew: 0, chunksNew: 0 };
  }).immediate();
}

/** Inserts the checkpoint row with the next n of its run; call inside a write transaction. */
function insertCheckpoint(
  ctx: StoreContext, runId: string, input: CheckpointInput, fields: Record<string, unknown>,
): { id: number; n: number } {
  const { db } = ctx;
  const n = (db.prepare('SELECT COALESCE(MAX(n), 0) + 1 AS n FROM checkpoints WHERE run_id = ?').get(runId) as { n: number }).n;
  const loc = input.location;
  const values = {
    run_id: runId, n, created_at: input.time ?? Date.now(), trigger: input.trigger, label: input.label,
    file: loc?.file, line: loc?.line, col: loc?.column, func: loc?.function, extra: jsonOrNull(input.extra), ...fields,
  };
  // The checksum covers the id, which SQLite assigns on insert.
  const draft = normalizeRow(CHECKPOINT_COLUMNS, values);
  const id = Number(db.prepare(insertSql('checkpoints', CHECKPOINT_COLUMNS, ['id'])).run({ ...draft, checksum: '' }).lastInsertRowid);
  const row = normalizeRow(CHECKPOINT_COLUMNS, { ...values, id });
  db.prepare('UPDATE checkpoints SET checksum = ? WHERE id = ?').run(checksumRow('checkpoints', CHECKPOINT_COLUMNS, row), id);
  return { id, n };
}

/** Wraps any failure of a write as WRITE_FAILED with its cause (an INTERNAL error stays INTERNAL). */
function asWriteFailed(err: unknown, runId: string): ChkptError {
  if (isChkptError(err) && (err.code === ErrorCode.WRITE_FAILED || err.code === ErrorCode.INTERNAL)) return err as ChkptError;
  const code = (err as { code?: string }).code;
  const why = err instanceof Error ? err.message : String(err);
  return new ChkptError(ErrorCode.WRITE_FAILED, `Checkpoint of run ${runId} failed: ${why}`, { runId, cause: code }, { cause: err });
}
