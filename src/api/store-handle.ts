// A store opened for reading: runs and checkpoints by reference (the same
// syntax as the command line), values, exports, verify and gc.
import type { GcReport, RunInfo, Store, StoreStats, VerifyReport, CheckpointInfo } from '../store/index.js';
import { Checkpoint, type ExportOptions } from './checkpoint.js';
import { resolveCheckpoint } from './checkpoint-ref.js';
import { type DiffOptions, type DiffReport, diffCheckpoints } from './diff.js';
import type { ExportResult } from './export/index.js';
import { resolveRun } from './run-ref.js';

export class ChkptStore {
  constructor(
    /** The low-level store (see docs/FORMAT.md); closed by `close()`. */
    readonly raw: Store,
    /** Directory that relative script paths in references are resolved against. */
    private readonly cwd = process.cwd(),
    /** Closes what the store needed besides itself (a shared store's chunk reader). */
    private readonly closeAlso?: () => void,
  ) {}

  /** Absolute path of the store directory. */
  get dir(): string {
    return this.raw.dir;
  }

  /** Every run, newest first. */
  runs(): RunInfo[] {
    return this.raw.runs().sort((a, b) => b.startedAt - a.startedAt || (a.id < b.id ? 1 : -1));
  }

  /** The run named by `ref`: `latest`, an id or id prefix, or a script name or path (its latest run). */
  run(ref: string): RunInfo {
    return resolveRun(this.raw, ref, this.cwd);
  }

  /** The checkpoints of a run (or of every run), oldest first. */
  checkpoints(runRef?: string): CheckpointInfo[] {
    if (runRef === undefined) return this.raw.checkpoints();
    return this.raw.checkpoints({ runId: this.run(runRef).id }).sort((a, b) => a.n - b.n);
  }

  /** The checkpoint named by `ref`: `latest`, `crash`, `<run>`, `<run>@<n>`, `<run>@-1`, `<run>@latest`, `<run>@crash`. */
  checkpoint(ref: string): Checkpoint {
    const info = resolveCheckpoint(this.raw, ref, this.cwd);
    return new Checkpoint(this.raw, info, this.raw.run(info.runId)!);
  }

  /** The value at `path` in the checkpoint `ref`, live. */
  get(ref: string, path: string): unknown {
    return this.checkpoint(ref).get(path);
  }

  /** Exports the value at `path` in checkpoint `ref`. */
  export(ref: string, path: string, opts: ExportOptions): Promise<ExportResult> {
    return this.checkpoint(ref).export(path, opts);
  }

  /** Compares checkpoint `a` with checkpoint `b`: variables appeared, disappeared, changed (numeric arrays element by element). */
  diff(a: string, b: string, opts: DiffOptions = {}): Promise<DiffReport> {
    return diffCheckpoints(this.checkpoint(a), this.checkpoint(b), opts);
  }

  /** Re-hashes every chunk of every checkpoint (or of `checkpointIds`). */
  verify(opts: { checkpointIds?: number[] } = {}): VerifyReport {
    return this.raw.verify(opts);
  }

  /** Deletes the oldest checkpoints until the store fits `maxBytes` (default: its cap), then unreferenced chunks. */
  gc(opts: { maxBytes?: number } = {}): GcReport {
    return this.raw.gc(opts);
  }

  /** Size, cap and counts. */
  stats(): StoreStats {
    return this.raw.stats();
  }

  close(): void {
    this.raw.close();
    this.closeAlso?.();
  }
}
