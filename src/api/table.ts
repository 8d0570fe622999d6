// Tables in decoded values: arrays of records (`[{id, x}, ...]`), columnar
// objects (`{x: Float64Array, y: Float64Array, label: [...]}`, all columns of
// one length), arrays of equal-length rows (`[[1, 2], [3, 4]]`) and data
// frames (frames.ts). `show` prints their first rows; csv, arrow and parquet
// exports write them.
import { frameColumns } from './frames.js';
import { dtypeOf } from './numeric.js';

/** What a column holds, decided from its values. */
export type ColumnType =
  | 'int8' | 'uint8' | 'int16' | 'uint16' | 'int32' | 'uint32' | 'float32' | 'float64' | 'int64' | 'uint64'
  | 'number' | 'string' | 'boolean' | 'bigint' | 'date' | 'json' | 'null';

export interface Column {
  name: string;
  /** A typed array for typed columns, else the values (null or undefined where a row has none). */
  values: ArrayLike<unknown>;
  type: ColumnType;
  /** True when some rows have no value. */
  nullable: boolean;
}

export interface Table {
  form: 'records' | 'columns' | 'rows' | 'frame';
  rowCount: number;
  columns: Column[];
}

const MAX_COLUMNS = 1000;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !ArrayBuffer.isView(v)
    && !(v instanceof Map) && !(v instanceof Set) && !(v instanceof Date) && !(v instanceof RegExp)
    && !(v instanceof ArrayBuffer) && !(v instanceof Error);
}

/** The type of a column of plain values. */
export function columnType(values: ArrayLike<unknown>): { type: ColumnType; nullable: boolean } {
  const typed = dtypeOf(values);
  if (typed) return { type: typed, nullable: false };
  let type: ColumnType | undefined;
  let nullable = false;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null || v === undefined) {
      nullable = true;
      continue;
    }
    const t: ColumnType = typeof v === 'number' ? 'number' : typeof v === 'string' ? 'string' : typeof v === 'boolean' ? 'boolean'
      : typeof v === 'bigint' ? 'bigint' : v instanceof Date ? 'date' : 'json';
    if (type === undefined) type = t;
    else if (type !== t) type = 'json';
  }
  return { type: type ?? 'null', nullable };
}

function column(name: string, values: ArrayLike<unknown>): Column {
  return { name, values, ...columnType(values) };
}

function fromRecords(rows: unknown[]): Table | undefined {
  const names = new Map<string, number>();
  for (const row of rows) {
    if (row === undefined || row === null) continue;
    if (!isRecord(row)) return undefined;
    for (const key of Object.keys(row)) if (!names.has(key) && names.size < MAX_COLUMNS) names.set(key, names.size);
  }
  if (names.size === 0) return undefined;
  const columns = [...names.keys()].map((name) => column(name, rows.map((r) => (isRecord(r) ? r[name] : undefined))));
  return { form: 'records', rowCount: rows.length, columns };
}

function fromRows(rows: unknown[]): Table | undefined {
  const width = Array.isArray(rows[0]) ? rows[0].length : -1;
  if (width <= 0 || width > MAX_COLUMNS) return undefined;
  for (const row of rows) if (!Array.isArray(row) || row.length !== width || row.some((x) => typeof x === 'object' && x !== null)) return undefined;
  const columns = Array.from({ length: width }, (_, k) => column(String(k), rows.map((r) => (r as unknown[])[k])));
  return { form: 'rows', rowCount: rows.length, columns };
}

function fromColumns(obj: Record<string, unknown>): Table | undefined {
  const entries = Object.entries(obj);
  if (entries.length === 0 || entries.length > MAX_COLUMNS) return undefined;
  let length = -1;
  for (const [, v] of entries) {
    const isColumn = Array.isArray(v) || dtypeOf(v) !== undefined;
    if (!isColumn) return undefined;
    const n = (v as ArrayLike<unknown>).length;
    if (length >= 0 && n !== length) return undefined;
    length = n;
  }
  if (entries.length === 1 && length === 0) return undefined;
  return { form: 'columns', rowCount: length, columns: entries.map(([k, v]) => column(k, v as ArrayLike<unknown>)) };
}

/** The value as a table, or undefined when it is not one. */
export function asTable(value: unknown): Table | undefined {
  if (Array.isArray(value)) {
    if (value.length === 0) return undefined;
    return fromRecords(value) ?? fromRows(value);
  }
  if (!isRecord(value)) return undefined;
  const frame = frameColumns(value);
  if (frame && frame.length > 0) {
    const rowCount = frame[0]!.values.length;
    if (frame.every((c) => c.values.length === rowCount)) return { form: 'frame', rowCount, columns: frame.map((c) => column(c.name, c.values)) };
  }
  return fromColumns(value);
}

/** One column holding a list of plain values (numbers, strings, ...), for csv, arrow and parquet of an array. */
export function asSingleColumn(value: unknown, name: string): Table | undefined {
  if (!Array.isArray(value) && dtypeOf(value) === undefined) return undefined;
  const c = column(name, value as ArrayLike<unknown>);
  if (c.type === 'json' && !dtypeOf(value)) return undefined;
  return { form: 'columns', rowCount: c.values.length, columns: [c] };
}
