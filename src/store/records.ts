// Index rows turned into the records the API returns. Rows are checked
// (checksum, JSON shape, chunk addresses) and anything odd marks the record
// `damaged` instead of being trusted or thrown at a listing.
import type { ClassRef, Dtype, ScopeKind, SkippedValue, Trigger } from '../shared/encoded.js';
import { pidAlive } from './fs-private.js';
import { isChunkHash } from './paths.js';
import { CHECKPOINT_COLUMNS, RUN_COLUMNS, VARIABLE_COLUMNS, checkRow, parseJson } from './rows.js';
import type { BlobInfo, CheckpointInfo, PartInfo, RunInfo, RunStatus, VariableInfo } from './types.js';
import os from 'node:os';

const DTYPES = new Set(['int8', 'uint8', 'int16', 'uint16', 'int32', 'uint32', 'float32', 'float64', 'int64', 'uint64', 'bytes']);
const HOST = os.hostname();

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;

/** A run row as a RunInfo. */
export function toRun(row: Record<string, unknown>): RunInfo {
  const argv = parseJson(row['argv']);
  const run: RunInfo = {
    id: String(row['id']),
    script: String(row['script']),
    argv: Array.isArray(argv) ? argv.map(String) : [],
    cwd: String(row['cwd']),
    nodeVersion: String(row['node_version']),
    pid: Number(row['pid']),
    hostname: String(row['hostname']),
    startedAt: Number(row['started_at']),
    status: String(row['status']) as RunStatus,
  };
  if (row['ended_at'] != null) run.endedAt = Number(row['ended_at']);
  if (row['exit_code'] != null) run.exitCode = Number(row['exit_code']);
  if (row['signal'] != null) run.signal = String(row['signal']);
  if (row['parent_id'] != null) run.parentRunId = String(row['parent_id']);
  if (row['extra'] != null) run.extra = parseJson(row['extra']);
  const from = (run.extra as { resumedFrom?: unknown } | undefined)?.resumedFrom;
  if (typeof from === 'string') run.resumedFrom = from;
  if (run.status === 'running' && run.hostname === HOST) run.alive = pidAlive(run.pid);
  const bad = checkRow('runs', RUN_COLUMNS, row);
  if (bad) run.damaged = bad;
  return run;
}

/** A checkpoint row as a CheckpointInfo. */
export function toCheckpoint(row: Record<string, unknown>): CheckpointInfo {
  const skipped = parseSkipped(row['skipped']);
  const cp: CheckpointInfo = {
    id: Number(row['id']),
    runId: String(row['run_id']),
    n: Number(row['n']),
    time: Number(row['created_at']),
    trigger: String(row['trigger']) as Trigger,
    status: row['status'] === 'ok' ? 'ok' : 'failed',
    variableCount: Number(row['var_count']),
    bytesTotal: Number(row['bytes_total']),
    bytesNew: Number(row['bytes_new']),
    chunksNew: Number(row['chunks_new']),
    skipped: skipped ?? [],
  };
  if (row['label'] != null) cp.label = String(row['label']);
  if (row['failure'] != null) cp.failure = String(row['failure']);
  if (row['file'] != null) {
    cp.location = { file: String(row['file']), line: Number(row['line'] ?? 0), column: Number(row['col'] ?? 0) };
    if (row['func'] != null) cp.location.function = String(row['func']);
  }
  if (row['extra'] != null) cp.extra = parseJson(row['extra']);
  const bad = checkRow('checkpoints', CHECKPOINT_COLUMNS, row) ?? (skipped ? undefined : 'ledger is not valid JSON');
  if (bad) cp.damaged = bad;
  return cp;
}

/** A variable row as a VariableInfo. */
export function toVariable(row: Record<string, unknown>): VariableInfo {
  const meta = parseBlob(parseJson(row['meta']));
  const partsJson = parseJson(row['parts']);
  const parts = Array.isArray(partsJson) ? partsJson.map(parsePart) : undefined;
  const skipped = parseSkipped(row['skipped']);
  const shape = parseJson(row['shape']);
  const v: VariableInfo = {
    checkpointId: Number(row['checkpoint_id']),
    idx: Number(row['idx']),
    name: String(row['name']),
    scope: String(row['scope']) as ScopeKind,
    type: String(row['type']),
    byteSize: Number(row['byte_size']),
    storedBytes: 0,
    meta: meta ?? { size: 0, chunkSize: 1, chunks: [] },
    parts: parts?.every((p) => p !== undefined) ? (parts as PartInfo[]) : [],
    skipped: skipped ?? [],
  };
  v.storedBytes = v.meta.size + v.parts.reduce((sum, p) => sum + p.size, 0);
  if (row['frame_index'] != null) v.frameIndex = Number(row['frame_index']);
  if (row['frame_function'] != null) v.frameFunction = String(row['frame_function']);
  if (row['class_name'] != null) {
    const cls: ClassRef = { name: String(row['class_name']) };
    if (row['class_module'] != null) cls.module = String(row['class_module']);
    v.class = cls;
  }
  if (Array.isArray(shape) && shape.every((d) => typeof d === 'number')) v.shape = shape as number[];
  const bad = checkRow('variables', VARIABLE_COLUMNS, row)
    ?? (meta ? undefined : 'meta chunk list is malformed')
    ?? (parts?.every((p) => p !== undefined) ? undefined : 'part list is malformed')
    ?? (skipped ? undefined : 'ledger is not valid JSON');
  if (bad) v.damaged = bad;
  return v;
}

/** A chunk list from the index, or undefined when it is inconsistent or names anything but chunk addresses. */
export function parseBlob(j: unknown): BlobInfo | undefined {
  if (typeof j !== 'object' || j === null) return undefined;
  const o = j as Record<string, unknown>;
  const { size, chunkSize, chunks } = o;
  if (!isCount(size) || !isCount(chunkSize) || chunkSize === 0 || !Array.isArray(chunks)) return undefined;
  if (chunks.length !== Math.ceil(size / chunkSize) || !chunks.every(isChunkHash)) return undefined;
  return { size, chunkSize, chunks: chunks as string[] };
}

function parsePart(j: unknown): PartInfo | undefined {
  const blob = parseBlob(j);
  if (!blob) return undefined;
  const o = j as Record<string, unknown>;
  const id = num(o['id']);
  const kind = str(o['kind']);
  const dtype = str(o['dtype']);
  if (!isCount(id) || kind === undefined || dtype === undefined || !DTYPES.has(dtype)) return undefined;
  if (!isCount(o['length']) || !isCount(o['byteOffset'])) return undefined;
  return { id, kind, dtype: dtype as Dtype, length: o['length'], byteOffset: o['byteOffset'], ...blob };
}

function parseSkipped(text: unknown): SkippedValue[] | undefined {
  const j = parseJson(text);
  if (!Array.isArray(j)) return undefined;
  return j.map((e: Record<string, unknown>) => ({
    path: String(e?.['path'] ?? ''),
    type: String(e?.['type'] ?? ''),
    size: Number(e?.['size'] ?? 0),
    reason: String(e?.['reason'] ?? ''),
  }));
}
