// The JSON objects of a shared store's index (docs/FORMAT.md, "Shared
// store"): what a run was, how it ended, and each checkpoint with its
// variables' chunk lists. Data only: nothing in them is ever run.
import type { BlobInfo, CheckpointInfo, RunInfo, VariableInfo } from '../store/index.js';

export const MANIFEST_FORMAT = 1;

/** A run's start: its record as the local store has it, but how it ended and what is only true on its machine now. */
export type RunManifest = { format: number } & Pick<RunInfo, 'id' | 'script' | 'argv' | 'cwd' | 'nodeVersion' | 'pid' | 'hostname' | 'startedAt' | 'parentRunId' | 'extra'>;

export interface EndManifest {
  format: number;
  status: RunInfo['status'];
  endedAt?: number;
  exitCode?: number;
  signal?: string;
}

export interface CheckpointManifest {
  format: number;
  runId: string;
  n: number;
  time: number;
  trigger: CheckpointInfo['trigger'];
  label?: string;
  location?: CheckpointInfo['location'];
  bytesTotal: number;
  skipped: CheckpointInfo['skipped'];
  variables: Omit<VariableInfo, 'checkpointId' | 'damaged'>[];
}

export function runManifest(run: RunInfo): RunManifest {
  const { id, script, argv, cwd, nodeVersion, pid, hostname, startedAt, parentRunId, extra } = run;
  return {
    format: MANIFEST_FORMAT, id, script, argv, cwd, nodeVersion, pid, hostname, startedAt,
    ...(parentRunId ? { parentRunId } : {}), ...(extra !== undefined ? { extra } : {}),
  };
}

export function endManifest(run: RunInfo): EndManifest {
  return {
    format: MANIFEST_FORMAT, status: run.status,
    ...(run.endedAt !== undefined ? { endedAt: run.endedAt } : {}),
    ...(run.exitCode !== undefined ? { exitCode: run.exitCode } : {}),
    ...(run.signal !== undefined ? { signal: run.signal } : {}),
  };
}

export function checkpointManifest(cp: CheckpointInfo, variables: VariableInfo[]): CheckpointManifest {
  return {
    format: MANIFEST_FORMAT, runId: cp.runId, n: cp.n, time: cp.time, trigger: cp.trigger,
    ...(cp.label !== undefined ? { label: cp.label } : {}), ...(cp.location ? { location: cp.location } : {}),
    bytesTotal: cp.bytesTotal, skipped: cp.skipped,
    variables: variables.map(({ checkpointId: _id, damaged: _damaged, ...v }) => v),
  };
}

/** Every chunk a blob is made of, with its size. */
export function chunksOf(blob: BlobInfo): { hash: string; size: number }[] {
  return blob.chunks.map((hash, i) => ({ hash, size: Math.min(blob.chunkSize, blob.size - i * blob.chunkSize) }));
}
