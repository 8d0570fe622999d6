// The records the store takes and gives back. Types only.
import type { ClassRef, Dtype, EncodedValue, ScopeKind, SkippedValue, SourceLocation, Trigger } from '../shared/encoded.js';

export type RunStatus = 'running' | 'exited' | 'crashed' | 'killed';

/** What `beginRun` records; everything but `script` defaults to this process. */
export interface RunStart {
  /** The id to record the run under (e.g. chosen by `chkpt run` before the process started); a random one when absent or taken. */
  id?: string;
  script: string;
  argv?: string[];
  cwd?: string;
  nodeVersion?: string;
  pid?: number;
  hostname?: string;
  startedAt?: number;
  /** The run of the parent process, when this run is a child process of another chkpt run. */
  parentRunId?: string;
  /** JSON-serializable data for later features (resume). */
  extra?: unknown;
}

/** How a run ended. */
export interface RunOutcome {
  status: Exclude<RunStatus, 'running'>;
  exitCode?: number | null;
  signal?: string | null;
  endedAt?: number;
  extra?: unknown;
}

export interface RunInfo {
  id: string;
  script: string;
  argv: string[];
  cwd: string;
  nodeVersion: string;
  pid: number;
  hostname: string;
  startedAt: number;
  endedAt?: number;
  exitCode?: number;
  signal?: string;
  /** As recorded. A run whose process died without a word stays 'running': see `alive`. */
  status: RunStatus;
  /** For a 'running' run on this host: whether its process still exists. Undefined when it cannot be told. */
  alive?: boolean;
  parentRunId?: string;
  /** The checkpoint (`<run id>@<n>`) this run resumed from (`chkpt resume`), from `extra`. */
  resumedFrom?: string;
  extra?: unknown;
  /** Set when the row fails its checksum: its fields cannot be trusted. */
  damaged?: string;
}

/** One variable of a checkpoint, as the capture side encoded it. */
export interface VariableInput {
  name: string;
  scope: ScopeKind;
  frameIndex?: number;
  frameFunction?: string;
  encoded: EncodedValue;
}

export interface CheckpointInput {
  trigger: Trigger;
  label?: string;
  location?: SourceLocation;
  /** ms since the epoch; defaults to now. */
  time?: number;
  variables?: VariableInput[];
  /** Values skipped outside any variable's encoding (the variables' own ledgers are added). */
  skipped?: SkippedValue[];
  /** Records a failed checkpoint with this reason instead of data. */
  failed?: string;
  extra?: unknown;
}

export interface WriteResult {
  id: number;
  n: number;
  status: 'ok' | 'failed';
  /** Bytes of all variables (meta streams plus parts). */
  bytesTotal: number;
  /** Chunk bytes this checkpoint had to store (0 when nothing changed). */
  bytesNew: number;
  chunksNew: number;
}

/** Where a byte stream's chunks are: chunk i holds bytes [i * chunkSize, min(size, (i + 1) * chunkSize)). */
export interface BlobInfo {
  size: number;
  chunkSize: number;
  /** XXH128 hex addresses: equal lists mean equal bytes, without reading them. */
  chunks: string[];
}

export interface PartInfo extends BlobInfo {
  id: number;
  kind: string;
  dtype: Dtype;
  length: number;
  byteOffset: number;
}

export interface CheckpointInfo {
  id: number;
  runId: string;
  n: number;
  time: number;
  trigger: Trigger;
  label?: string;
  status: 'ok' | 'failed';
  failure?: string;
  location?: SourceLocation;
  variableCount: number;
  bytesTotal: number;
  bytesNew: number;
  chunksNew: number;
  /** The whole ledger: checkpoint-level entries and every variable's. */
  skipped: SkippedValue[];
  extra?: unknown;
  damaged?: string;
}

export interface VariableInfo {
  checkpointId: number;
  /** Position in the checkpoint; names can repeat across frames. */
  idx: number;
  name: string;
  scope: ScopeKind;
  frameIndex?: number;
  frameFunction?: string;
  type: string;
  class?: ClassRef;
  shape?: number[];
  /** In-memory size estimate from the encoder. */
  byteSize: number;
  /** Bytes stored: meta stream plus parts. */
  storedBytes: number;
  meta: BlobInfo;
  parts: PartInfo[];
  skipped: SkippedValue[];
  damaged?: string;
}

/** A variable named by name (first match in frame order) or by its position. */
export type VariableRef = string | number | { name: string; frameIndex?: number };
