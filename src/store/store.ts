// The Store: one open store directory, its index connection and chunk files.
// Every method is synchronous except partStream. One Store per process or
// thread; several processes may open the same directory at once.
import type { ClassRef } from '../shared/encoded.js';
import { ChkptError, ErrorCode, isChkptError } from '../shared/errors.js';
import { debug } from '../shared/debug.js';
import { decodeValue } from '../serialize/index.js';
import { effectiveMaxBytes, storeBytes } from './cap.js';
import { FileChunkStore } from './chunk-files.js';
import type { StoreContext, WriteHooks } from './context.js';
import { type GcOptions, type GcReport, collect } from './gc.js';
import { openIndex } from './index-db.js';
import { type OpenOptions, configuredMaxBytes, prepareStoreDir } from './open-store.js';
import { storeLayout } from './paths.js';
import { findVariable, listVariables, readBlob, streamBlob } from './read-bytes.js';
import { toCheckpoint, toRun } from './records.js';
import { beginRun, endRun, readRun } from './runs.js';
import type { CheckpointInfo, CheckpointInput, PartInfo, RunInfo, RunOutcome, RunStart, VariableInfo, VariableRef, WriteResult } from './types.js';
import { type VerifyReport, verifyStore } from './verify.js';
import { writeCheckpoint } from './write-checkpoint.js';

export interface CheckpointFilter {
  runId?: string;
  /** Only checkpoints taken at or after this time (ms since the epoch). */
  since?: number;
  until?: number;
  /** Newest first (default oldest first). */
  newestFirst?: boolean;
  limit?: number;
}

export interface StoreStats {
  dir: string;
  bytes: number;
  maxBytes: number;
  runs: number;
  checkpoints: number;
  chunks: number;
}

/** Decoding options: the classes to re-link instances to (by name, or a resolver); never imported by the store. */
export interface ReadOptions {
  classes?: Map<string, Function> | ((ref: ClassRef) => Function | undefined);
}

export class Store {
  /** Absolute path of the store directory. */
  readonly dir: string;
  private readonly ctx: StoreContext;
  private readonly autoGc: boolean;

  constructor(dir: string | undefined, opts: OpenOptions = {}) {
    const maxBytes = configuredMaxBytes(opts);
    this.dir = prepareStoreDir(dir, opts);
    const db = openIndex(storeLayout(this.dir).index, { create: opts.create !== false, busyTimeoutMs: opts.busyTimeoutMs });
    this.ctx = { root: this.dir, db, chunks: new FileChunkStore(this.dir), maxBytes };
    this.autoGc = opts.autoGc !== false;
  }

  /** Records the start of a run; returns it with its new id. */
  beginRun(info: RunStart): RunInfo {
    return beginRun(this.ctx.db, info);
  }

  /** Records how a run ended. */
  endRun(runId: string, outcome: RunOutcome): RunInfo {
    return endRun(this.ctx.db, runId, outcome);
  }

  /** Writes a checkpoint durably, then enforces the cap; throws WRITE_FAILED (recorded as a failed checkpoint when possible). */
  writeCheckpoint(runId: string, input: CheckpointInput): WriteResult {
    const result = writeCheckpoint(this.ctx, runId, input);
    if (this.autoGc && result.status === 'ok') {
      try {
        const used = storeBytes(this.ctx.db);
        if (used > effectiveMaxBytes(this.ctx, used)) collect(this.ctx, { keep: [result.id] });
      } catch (err) {
        debug('store', `automatic gc failed: ${String(err)}`);
      }
    }
    return result;
  }

  /** Every run, oldest first. */
  runs(): RunInfo[] {
    return this.ctx.db.prepare('SELECT * FROM runs ORDER BY started_at, id').all().map((r) => toRun(r as Record<string, unknown>));
  }

  /** The run with this exact id. */
  run(id: string): RunInfo | undefined {
    return readRun(this.ctx.db, id);
  }

  /** Checkpoints by time (all, or one run's), from the time index: cheap for timelines. */
  checkpoints(filter: CheckpointFilter = {}): CheckpointInfo[] {
    const where: string[] = [];
    const args: (string | number)[] = [];
    if (filter.runId !== undefined) (where.push('run_id = ?'), args.push(filter.runId));
    if (filter.since !== undefined) (where.push('created_at >= ?'), args.push(filter.since));
    if (filter.until !== undefined) (where.push('created_at <= ?'), args.push(filter.until));
    const dir = filter.newestFirst ? 'DESC' : 'ASC';
    const sql = `SELECT * FROM checkpoints ${where.length ? 'WHERE ' + where.join(' AND ') : ''}
      ORDER BY created_at ${dir}, id ${dir} ${filter.limit !== undefined ? 'LIMIT ' + Math.max(0, Math.floor(filter.limit)) : ''}`;
    return this.ctx.db.prepare(sql).all(...args).map((r) => toCheckpoint(r as Record<string, unknown>));
  }

  /** One checkpoint by id. */
  checkpoint(id: number): CheckpointInfo | undefined {
    const row = this.ctx.db.prepare('SELECT * FROM checkpoints WHERE id = ?').get(id);
    return row ? toCheckpoint(row as Record<string, unknown>) : undefined;
  }

  /** Checkpoint number `n` of a run. */
  checkpointAt(runId: string, n: number): CheckpointInfo | undefined {
    const row = this.ctx.db.prepare('SELECT * FROM checkpoints WHERE run_id = ? AND n = ?').get(runId, n);
    return row ? toCheckpoint(row as Record<string, unknown>) : undefined;
  }

  /** The variables of a checkpoint, in capture order (damaged records flagged, not thrown). */
  variables(checkpointId: number): VariableInfo[] {
    return listVariables(this.ctx, checkpointId);
  }

  /** One variable's record; NOT_FOUND lists the names there are, INTEGRITY when the record is damaged. */
  variable(checkpointId: number, ref: VariableRef): VariableInfo {
    return findVariable(this.ctx, checkpointId, ref);
  }

  /** A variable as a live value: typed arrays as typed arrays, classes re-linked from `opts.classes` only. */
  readVariable(checkpointId: number, ref: VariableRef, opts: ReadOptions = {}): unknown {
    const v = findVariable(this.ctx, checkpointId, ref);
    const meta = readBlob(this.ctx, v.meta, { checkpointId, variable: v.name });
    const part = (id: number): Uint8Array => readBlob(this.ctx, partOf(v, id), { checkpointId, variable: v.name, part: id });
    const info = v.parts.map(({ id, kind, dtype, length, byteOffset }) => ({ id, kind, dtype, length, byteOffset }));
    try {
      return decodeValue(meta, part, info, opts.classes ? { classes: opts.classes } : {});
    } catch (err) {
      if (isChkptError(err)) throw err;
      throw new ChkptError(ErrorCode.BAD_ENCODING, `\`${v.name}\` in checkpoint ${checkpointId} cannot be decoded: ${String(err)}`, {
        checkpointId, variable: v.name,
      }, { cause: err });
    }
  }

  /** The raw meta stream of a variable, verified (what decodeValue reads; for debugging and raw export). */
  readMeta(checkpointId: number, ref: VariableRef): Uint8Array {
    const v = findVariable(this.ctx, checkpointId, ref);
    return readBlob(this.ctx, v.meta, { checkpointId, variable: v.name });
  }

  /** The whole bytes of one binary part, verified (a fresh buffer, so any typed array view fits). */
  readPart(checkpointId: number, ref: VariableRef, partId: number): Uint8Array {
    const v = findVariable(this.ctx, checkpointId, ref);
    return readBlob(this.ctx, partOf(v, partId), { checkpointId, variable: v.name, part: partId });
  }

  /** One binary part chunk by chunk (each verified, at most 4 MiB): a 2 GiB array reads in bounded memory. */
  partStream(checkpointId: number, ref: VariableRef, partId: number): AsyncIterable<Uint8Array> {
    const v = findVariable(this.ctx, checkpointId, ref);
    return streamBlob(this.ctx, partOf(v, partId), { checkpointId, variable: v.name, part: partId });
  }

  /** Re-hashes every chunk and checks every record; see VerifyReport. */
  verify(opts: { checkpointIds?: number[] } = {}): VerifyReport {
    return verifyStore(this.ctx, opts);
  }

  /** Enforces a cap now (default: the store's) and collects unreferenced chunks and stale temp files. */
  gc(opts: Omit<GcOptions, 'deep'> = {}): GcReport {
    return collect(this.ctx, { ...opts, deep: true });
  }

  /** Size, cap and counts. */
  stats(): StoreStats {
    const count = (table: string): number => this.ctx.db.prepare(`SELECT COUNT(*) FROM ${table}`).pluck().get() as number;
    const bytes = storeBytes(this.ctx.db);
    return {
      dir: this.dir, bytes, maxBytes: effectiveMaxBytes(this.ctx, bytes),
      runs: count('runs'), checkpoints: count('checkpoints'), chunks: count('chunks'),
    };
  }

  /** Closes the index. The store stays valid for other processes. */
  close(): void {
    if (this.ctx.db.open) this.ctx.db.close();
  }

  /** Test hooks between the phases of a write (see WriteHooks). Not for production use. */
  setWriteHooks(hooks: WriteHooks | undefined): void {
    this.ctx.hooks = hooks;
  }
}

function partOf(v: VariableInfo, id: number): PartInfo {
  const p = v.parts.find((x) => x.id === id);
  if (!p) {
    throw new ChkptError(ErrorCode.NOT_FOUND, `\`${v.name}\` has no binary part ${id}.`, { variable: v.name, part: id, parts: v.parts.map((x) => x.id) });
  }
  return p;
}

/** Opens (by default creating) the store in `dir`, else in defaultStoreDir(). */
export function openStore(dir?: string, opts: OpenOptions = {}): Store {
  return new Store(dir, opts);
}
