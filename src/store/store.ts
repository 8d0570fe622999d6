// The Store: one open store directory, its index connection and chunk files.
// Every method is synchronous except partStream. One Store per process or
// thread; several processes may open the same directory at once.
import { debug } from '../shared/debug.js';
import { effectiveMaxBytes, storeBytes } from './cap.js';
import { FileChunkStore } from './chunk-files.js';
import type { StoreContext, WriteHooks } from './context.js';
import { type GcOptions, type GcReport, collect } from './gc.js';
import { openIndex } from './index-db.js';
import { type OpenOptions, configuredMaxBytes, prepareStoreDir } from './open-store.js';
import { storeLayout } from './paths.js';
import { type ReadOptions, partOf, readValue } from './read-value.js';
import { type ReadSite, findVariable, listVariables, readBlob, readChunk, streamBlob } from './read-bytes.js';
import { type CheckpointFilter, listCheckpoints, listRuns, readCheckpoint } from './list.js';
import { beginRun, endRun, readRun } from './runs.js';
import { type ImportedCheckpoint, hasCheckpoint, importCheckpoint, importRun } from './import.js';
import { FetchingChunkStore } from './fetching-chunks.js';
import { ReadCache } from './read-cache.js';
import type { CheckpointInfo, CheckpointInput, RunInfo, RunOutcome, RunStart, VariableInfo, VariableRef, WriteResult } from './types.js';
import { type VerifyReport, verifyStore } from './verify.js';
import { writeCheckpoint } from './write-checkpoint.js';

export interface StoreStats {
  dir: string;
  bytes: number;
  maxBytes: number;
  runs: number;
  checkpoints: number;
  chunks: number;
}

export class Store {
  /** Absolute path of the store directory. */
  readonly dir: string;
  private readonly ctx: StoreContext;
  private readonly autoGc: boolean;
  /** The chunks read from a shared store, when this store reads one (fetchChunk). */
  private readonly readCache: ReadCache | undefined;

  constructor(dir: string | undefined, opts: OpenOptions = {}) {
    const maxBytes = configuredMaxBytes(opts);
    this.dir = prepareStoreDir(dir, opts);
    const db = openIndex(storeLayout(this.dir).index, { create: opts.create !== false, busyTimeoutMs: opts.busyTimeoutMs });
    const files = new FileChunkStore(this.dir);
    this.readCache = opts.fetchChunk ? new ReadCache({ root: this.dir, db, maxBytes }, files) : undefined;
    const chunks = opts.fetchChunk ? new FetchingChunkStore(files, opts.fetchChunk, this.readCache!, opts.prefetchChunks) : files;
    this.ctx = { root: this.dir, db, chunks, maxBytes };
    this.autoGc = opts.autoGc !== false;
  }

  /** Records the start of a run; returns it with its new id. */
  beginRun(info: RunStart): RunInfo {
    return beginRun(this.ctx.db, info);
  }

  /** Records a run of another store under its own id, and its end when given (src/remote/ reading a shared store). */
  importRun(start: RunStart & { id: string }, end?: RunOutcome): RunInfo {
    return importRun(this.ctx, start, end);
  }

  /** Whether checkpoint `n` of run `runId` is recorded here. */
  hasCheckpoint(runId: string, n: number): boolean {
    return hasCheckpoint(this.ctx, runId, n);
  }

  /** Records a checkpoint of another store with its number and chunk lists; its chunks come through `fetchChunk` when read. */
  importCheckpoint(runId: string, cp: ImportedCheckpoint): number {
    return importCheckpoint(this.ctx, runId, cp);
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
    return listRuns(this.ctx.db);
  }

  /** The run with this exact id. */
  run(id: string): RunInfo | undefined {
    return readRun(this.ctx.db, id);
  }

  /** Checkpoints by time (all, or one run's), from the time index: cheap for timelines. */
  checkpoints(filter: CheckpointFilter = {}): CheckpointInfo[] {
    return listCheckpoints(this.ctx.db, filter);
  }

  /** One checkpoint by id. */
  checkpoint(id: number): CheckpointInfo | undefined {
    return readCheckpoint(this.ctx.db, id);
  }

  /** Checkpoint number `n` of a run. */
  checkpointAt(runId: string, n: number): CheckpointInfo | undefined {
    return readCheckpoint(this.ctx.db, runId, n);
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
    return readValue(this.ctx, checkpointId, ref, opts);
  }

  /** The raw meta stream of a variable, verified (what decodeValue reads; for debugging and raw export). */
  readMeta(checkpointId: number, ref: VariableRef): Uint8Array {
    const v = findVariable(this.ctx, checkpointId, ref);
    return readBlob(this.ctx, v.meta, { checkpointId, variable: v.name });
  }

  /** One chunk's bytes by its hash and size, verified (INTEGRITY, MISSING_CHUNK otherwise): what a copy to another store sends. */
  readChunk(hash: string, size: number, site: ReadSite): Uint8Array {
    return readChunk(this.ctx, hash, size, site);
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
    // A read cache goes before any checkpoint: its chunks can be read again.
    this.readCache?.trim(opts.maxBytes ?? effectiveMaxBytes(this.ctx));
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

/** Opens (by default creating) the store in `dir`, else in defaultStoreDir(). */
export function openStore(dir?: string, opts: OpenOptions = {}): Store {
  return new Store(dir, opts);
}
