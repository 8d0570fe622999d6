// `verify`: re-check everything a reader would trust. The index (SQLite's own
// integrity_check, every row's checksum, the reference table gc relies on) and
// every chunk of every listed checkpoint, re-hashed once each.
import { ErrorCode, isChkptError } from '../shared/errors.js';
import type { StoreContext } from './context.js';
import { CHUNK_SIZE } from './format.js';
import { readChunk } from './read-bytes.js';
import { toCheckpoint, toRun, toVariable } from './records.js';
import type { BlobInfo } from './types.js';

export interface VerifyProblem {
  code: string;
  message: string;
  hash?: string;
}

export interface VariableCheck {
  idx: number;
  name: string;
  ok: boolean;
  problems: VerifyProblem[];
}

export interface CheckpointCheck {
  id: number;
  runId: string;
  n: number;
  ok: boolean;
  /** Problems of the checkpoint's own record (its variables have theirs). */
  problems: VerifyProblem[];
  variables: VariableCheck[];
}

export interface VerifyReport {
  ok: boolean;
  /** Problems of the index as a whole (SQLite's check, damaged run records). */
  index: VerifyProblem[];
  checkpoints: CheckpointCheck[];
  chunksChecked: number;
  bytesChecked: number;
}

/** Re-hashes every chunk of every checkpoint (or of `checkpointIds`) and checks every index record. */
export function verifyStore(ctx: StoreContext, opts: { checkpointIds?: number[] } = {}): VerifyReport {
  const report: VerifyReport = { ok: true, index: [], checkpoints: [], chunksChecked: 0, bytesChecked: 0 };
  const seen = new Map<string, VerifyProblem | null>();
  const scratch = new Uint8Array(CHUNK_SIZE);
  try {
    // integrity_check, not quick_check: it also proves every index agrees with
    // its table, so a listing cannot silently miss a row. The index is small.
    const sqliteCheck = ctx.db.pragma('integrity_check', { simple: true });
    if (sqliteCheck !== 'ok') report.index.push({ code: ErrorCode.INTEGRITY, message: `SQLite integrity_check: ${String(sqliteCheck)}` });
    for (const row of ctx.db.prepare('SELECT * FROM runs ORDER BY started_at').all()) {
      const run = toRun(row as Record<string, unknown>);
      if (run.damaged) report.index.push({ code: ErrorCode.INTEGRITY, message: `run ${run.id}: ${run.damaged}` });
    }
    const refs = ctx.db.prepare('SELECT 1 FROM checkpoint_chunks WHERE hash = ? AND checkpoint_id = ?');
    const chunkRow = ctx.db.prepare('SELECT size FROM chunks WHERE hash = ?').pluck();
    const ids = opts.checkpointIds ?? (ctx.db.prepare('SELECT id FROM checkpoints ORDER BY created_at, id').pluck().all() as number[]);
    for (const id of ids) {
      const row = ctx.db.prepare('SELECT * FROM checkpoints WHERE id = ?').get(id) as Record<string, unknown> | undefined;
      if (!row) continue;
      const cp = toCheckpoint(row);
      const check: CheckpointCheck = { id: cp.id, runId: cp.runId, n: cp.n, ok: true, problems: [], variables: [] };
      if (cp.damaged) check.problems.push({ code: ErrorCode.INTEGRITY, message: `checkpoint record: ${cp.damaged}` });
      const vars = ctx.db.prepare('SELECT * FROM variables WHERE checkpoint_id = ? ORDER BY idx').all(id);
      if (!cp.damaged && vars.length !== cp.variableCount) {
        check.problems.push({ code: ErrorCode.INTEGRITY, message: `expected ${cp.variableCount} variables, found ${vars.length}` });
      }
      for (const vrow of vars) {
        const v = toVariable(vrow as Record<string, unknown>);
        const vc: VariableCheck = { idx: v.idx, name: v.name, ok: true, problems: [] };
        if (v.damaged) vc.problems.push({ code: ErrorCode.INTEGRITY, message: `variable record: ${v.damaged}` });
        const blobs: [BlobInfo, number | undefined][] = [[v.meta, undefined], ...v.parts.map((p): [BlobInfo, number] => [p, p.id])];
        for (const [blob, part] of blobs) {
          blob.chunks.forEach((hash, i) => {
            const size = Math.min(blob.size, (i + 1) * blob.chunkSize) - i * blob.chunkSize;
            if (!seen.has(hash)) {
              seen.set(hash, checkChunk(ctx, hash, size, { checkpointId: id, variable: v.name, part }, scratch, report));
            }
            const problem = seen.get(hash);
            if (problem) vc.problems.push(problem);
            if (!refs.get(hash, id)) {
              vc.problems.push({ code: ErrorCode.INTEGRITY, hash, message: `chunk ${hash} is not in the reference table (gc could delete it)` });
            }
            if (chunkRow.get(hash) !== size) {
              vc.problems.push({ code: ErrorCode.INTEGRITY, hash, message: `chunk ${hash} is not registered with its size (${size} bytes)` });
            }
          });
        }
        vc.ok = vc.problems.length === 0;
        check.variables.push(vc);
      }
      check.ok = check.problems.length === 0 && check.variables.every((x) => x.ok);
      report.checkpoints.push(check);
    }
  } catch (err) {
    report.index.push({ code: isChkptError(err) ? err.code : ErrorCode.INTEGRITY, message: `index unreadable: ${String(err)}` });
  }
  report.ok = report.index.length === 0 && report.checkpoints.every((c) => c.ok);
  return report;
}

function checkChunk(
  ctx: StoreContext, hash: string, size: number, site: { checkpointId: number; variable: string; part?: number },
  scratch: Uint8Array, report: VerifyReport,
): VerifyProblem | null {
  try {
    readChunk(ctx, hash, size, site, size <= scratch.byteLength ? scratch.subarray(0, size) : undefined);
    report.chunksChecked++;
    report.bytesChecked += size;
    return null;
  } catch (err) {
    const missing = isChkptError(err) && err.code === ErrorCode.MISSING_CHUNK;
    return {
      code: missing ? ErrorCode.MISSING_CHUNK : ErrorCode.INTEGRITY,
      hash,
      message: missing ? `chunk ${hash} is missing` : `chunk ${hash} is damaged (its bytes do not match its hash)`,
    };
  }
}
