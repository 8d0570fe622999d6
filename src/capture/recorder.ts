// Writes what the main thread collected into the store, from the worker
// thread. The store is opened, and the run recorded, only at the first
// checkpoint that has something to keep: a script with no salient state
// leaves no trace. A failed write never reaches the script.
import { randomBytes } from 'node:crypto';
import { debug } from '../shared/debug.js';
import { Uploader } from './uploader.js';
import type { CollectResult } from '../shared/capture-protocol.js';
import type { EncodedValue, SourceLocation, Trigger } from '../shared/encoded.js';
import { type CaptureSettings, ownsRun, rerunOptions } from '../shared/settings.js';
import type { WorkerStart } from '../shared/worker-protocol.js';
import type { Store } from '../store/index.js';
import type { RunOutcome, WriteResult } from '../store/types.js';

export interface CheckpointMeta {
  trigger: Trigger;
  label?: string;
  location?: SourceLocation;
  extra?: unknown;
}

export class Recorder {
  private store: Store | undefined;
  private runId: string;
  private readonly parentRun: () => string | undefined;
  private recorded = false;
  private broken = false;
  private warned = false;
  /** The checkpoint this run resumes from, when it does (the run's own process only). */
  private readonly resumedFrom: string | undefined;
  /** Sends the store to its shared store (settings.remote), from the main thread's recorder only. */
  private readonly uploader: Uploader | undefined;

  /**
   * `parentRun`: the run of the script's main thread, for a worker thread of
   * the script (recorded as a child run of it).
   */
  constructor(private readonly settings: CaptureSettings, private readonly start: WorkerStart, parentRun?: () => string) {
    // The process `chkpt run` started, or became, owns the run id it chose;
    // processes the script starts in turn inherit that id and record child
    // runs of it.
    const owner = parentRun === undefined && ownsRun(settings);
    this.resumedFrom = owner ? settings.resume?.ref : undefined;
    this.uploader = settings.remote && parentRun === undefined ? new Uploader(settings.remote, settings.verbose) : undefined;
    this.runId = owner ? settings.runId! : randomBytes(6).toString('hex');
    this.parentRun = parentRun ?? (() => settings.runId);
  }

  /** The store's directory once opened. */
  get dir(): string | undefined {
    return this.store?.dir;
  }

  /** This process's run id (recorded in the store at the first checkpoint). */
  get run(): string {
    return this.runId;
  }

  private storeModule: Promise<typeof import('../store/index.js')> | undefined;

  /** Starts loading the store's code in the background. */
  prepare(): void {
    this.storeModule ??= import('../store/index.js');
    this.storeModule.catch(() => {});
  }

  /** Records the run now rather than at its first checkpoint: a resumed run shows its lineage from the start. */
  async begin(): Promise<void> {
    await this.open();
  }

  /** Whether this run resumes from a checkpoint. */
  get resuming(): boolean {
    return this.resumedFrom !== undefined;
  }

  private async open(): Promise<Store | undefined> {
    if (this.store || this.broken) return this.store;
    try {
      this.prepare();
      const { openStore } = await this.storeModule!;
      const store = openStore(this.settings.out, this.settings.maxStore !== undefined ? { maxBytes: this.settings.maxStore } : {});
      const parentRunId = this.parentRun();
      const run = store.beginRun({
        id: this.runId,
        script: this.start.entry,
        argv: this.start.argv.slice(2),
        cwd: this.start.cwd,
        startedAt: Math.round(this.start.startedAt),
        ...(parentRunId && parentRunId !== this.runId ? { parentRunId } : {}),
        // What `chkpt resume` runs the script again with, and where this run came from.
        extra: {
          ppid: process.ppid, execArgv: process.execArgv, options: rerunOptions(this.settings),
          ...(this.resumedFrom ? { resumedFrom: this.resumedFrom } : {}),
        },
      });
      this.store = store;
      this.runId = run.id;
      this.recorded = true;
      debug('recorder', `run ${run.id} in ${store.dir}`);
    } catch (err) {
      this.broken = true;
      this.warn(`cannot open the store: ${(err as Error).message}`);
    }
    return this.store;
  }

  private warn(message: string): void {
    debug('recorder', message);
    if (this.settings.verbose > 0 && !this.warned) {
      this.warned = true;
      process.stderr.write(`chkpt: ${message}\n`);
    }
  }

  /** Writes one checkpoint from a collect result; undefined when nothing was kept or writing failed. */
  async write(meta: CheckpointMeta, result: CollectResult): Promise<WriteResult | undefined> {
    if (result.variables.length === 0 && result.skipped.length === 0) return undefined;
    const store = await this.open();
    if (!store) return undefined;
    const staging = new Uint8Array(result.staging);
    const variables = result.variables.map((v) => {
      const encoded: EncodedValue = {
        // A copy: the staging buffer is reused by the next checkpoint.
        meta: staging.slice(v.meta.offset, v.meta.offset + v.meta.byteLength),
        parts: v.parts.map(({ offset, byteLength, ...info }) => ({ ...info, bytes: staging.subarray(offset, offset + byteLength) })),
        skipped: v.skipped,
        type: v.type,
        ...(v.class ? { class: v.class } : {}),
        ...(v.shape ? { shape: v.shape } : {}),
        byteSize: v.byteSize,
      };
      return {
        name: v.name,
        scope: v.scope,
        ...(v.frameIndex !== undefined ? { frameIndex: v.frameIndex } : {}),
        ...(v.frameFunction !== undefined ? { frameFunction: v.frameFunction } : {}),
        encoded,
      };
    });
    try {
      const written = store.writeCheckpoint(this.runId, {
        trigger: meta.trigger,
        ...(meta.label !== undefined ? { label: meta.label } : {}),
        ...(meta.location ? { location: meta.location } : {}),
        variables,
        skipped: result.skipped,
        ...(meta.extra !== undefined ? { extra: meta.extra } : {}),
      });
      this.uploader?.kick(store, this.runId);
      return written;
    } catch (err) {
      this.warn(`checkpoint not saved: ${(err as Error).message}`);
      return undefined;
    }
  }

  /** Records how the run ended, when it was recorded at all. */
  end(outcome: RunOutcome): void {
    if (!this.store || !this.recorded) return;
    try {
      this.store.endRun(this.runId, outcome);
    } catch (err) {
      debug('recorder', `could not record the end of the run: ${String(err)}`);
    }
  }

  /** At exit: what the shared store still lacks is sent by a detached process (uploader.ts). */
  handOffUploads(): void {
    if (this.uploader && this.store) this.uploader.handOff(this.store.dir);
  }
}
