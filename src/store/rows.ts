// Index rows <-> records, with the self-check: each row's `checksum` is
// XXH3-64 over its other columns in a fixed order (the row's key included, so
// a row cannot move), computed on write and verified on every read.
import { rowChecksum } from './chunk-hash.js';

type Kind = 'text' | 'int';
export type Row = Record<string, string | number | null>;

export const RUN_COLUMNS: [string, Kind][] = [
  ['id', 'text'], ['script', 'text'], ['argv', 'text'], ['cwd', 'text'], ['node_version', 'text'],
  ['pid', 'int'], ['hostname', 'text'], ['started_at', 'int'], ['ended_at', 'int'], ['exit_code', 'int'],
  ['signal', 'text'], ['status', 'text'], ['parent_id', 'text'], ['extra', 'text'],
];

export const CHECKPOINT_COLUMNS: [string, Kind][] = [
  ['id', 'int'], ['run_id', 'text'], ['n', 'int'], ['created_at', 'int'], ['trigger', 'text'], ['label', 'text'],
  ['status', 'text'], ['failure', 'text'], ['file', 'text'], ['line', 'int'], ['col', 'int'], ['func', 'text'],
  ['var_count', 'int'], ['bytes_total', 'int'], ['bytes_new', 'int'], ['chunks_new', 'int'], ['skipped', 'text'],
  ['extra', 'text'],
];

export const VARIABLE_COLUMNS: [string, Kind][] = [
  ['checkpoint_id', 'int'], ['idx', 'int'], ['name', 'text'], ['scope', 'text'], ['frame_index', 'int'],
  ['frame_function', 'text'], ['type', 'text'], ['class_name', 'text'], ['class_module', 'text'], ['shape', 'text'],
  ['byte_size', 'int'], ['meta', 'text'], ['parts', 'text'], ['skipped', 'text'],
];

/** Coerces values to their column's type, so what SQLite hands back is what was checksummed. */
export function normalizeRow(columns: [string, Kind][], row: Record<string, unknown>): Row {
  const out: Row = {};
  for (const [name, kind] of columns) {
    const v = row[name];
    if (v === undefined || v === null) out[name] = null;
    else if (kind === 'int') out[name] = Number.isFinite(Number(v)) ? Math.trunc(Number(v)) : null;
    else out[name] = String(v);
  }
  return out;
}

/** The checksum of a normalized row of `table`. */
export function checksumRow(table: string, columns: [string, Kind][], row: Row): string {
  return rowChecksum(table, columns.map(([name]) => row[name] ?? null));
}

/** Undefined when `row` matches its checksum, else why it does not. */
export function checkRow(table: string, columns: [string, Kind][], row: Record<string, unknown>): string | undefined {
  for (const [name, kind] of columns) {
    const v = row[name];
    if (v === null || v === undefined) continue;
    if (kind === 'int' ? typeof v !== 'number' : typeof v !== 'string') return `column ${name} has the wrong type`;
  }
  if (row['checksum'] !== checksumRow(table, columns, row as Row)) return 'checksum mismatch';
  return undefined;
}

/** `INSERT INTO table (cols..., checksum) VALUES (@cols..., @checksum)` for a column list. */
export function insertSql(table: string, columns: [string, Kind][], skip: string[] = []): string {
  const names = columns.map(([n]) => n).filter((n) => !skip.includes(n)).concat('checksum');
  return `INSERT INTO ${table} (${names.join(', ')}) VALUES (${names.map((n) => '@' + n).join(', ')})`;
}

/** JSON.parse that never throws: undefined for damaged text. JSON.parse runs no code. */
export function parseJson(text: unknown): unknown {
  if (typeof text !== 'string') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** JSON.stringify for an `extra` column: undefined stays NULL. */
export function jsonOrNull(value: unknown): string | null {
  return value === undefined ? null : JSON.stringify(value);
}
