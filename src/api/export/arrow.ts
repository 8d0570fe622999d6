// Arrow IPC file (what pyarrow, polars and DuckDB open as `.arrow`/Feather
// v2), written with apache-arrow. A numeric array streams: one record batch
// per stored chunk, each batch's bytes written before the next is read.
// Loaded only when this format is asked for.
import {
  AsyncByteQueue, Bool, Float64, Int64, RecordBatchFileWriter, Table as ArrowTable, TimestampMillisecond, Utf8,
  type Vector, makeVector, vectorFromArray,
} from 'apache-arrow';
import type { NumArray } from '../numeric.js';
import type { Column } from '../table.js';
import { type ExportInput, describeKind, doesNotFit, tableOf } from './formats.js';
import type { Sink } from './sink.js';

/** Rows per record batch when writing a table held in memory. */
const BATCH_ROWS = 65_536;

/** The writer's byte queue, kept by us so each batch's bytes are written (with backpressure) before the next. */
class Collector extends AsyncByteQueue {
  pending: Uint8Array[] = [];
  override write(value: Uint8Array): void {
    this.pending.push(value);
  }
}

async function drain(queue: Collector, sink: Sink): Promise<void> {
  const out = queue.pending;
  queue.pending = [];
  for (const b of out) await sink.binary(b);
}

function numericVector(chunk: NumArray): Vector {
  return makeVector(chunk instanceof Uint8ClampedArray ? new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.length) : chunk);
}

function columnVector(c: Column, start: number, end: number): Vector {
  const values = Array.prototype.slice.call(c.values, start, end) as unknown[];
  if (ArrayBuffer.isView(c.values)) return numericVector((c.values as NumArray).subarray(start, end));
  switch (c.type) {
    case 'number': return c.nullable ? vectorFromArray(values as (number | null)[], new Float64()) : makeVector(Float64Array.from(values as number[]));
    case 'string': return vectorFromArray(values as (string | null)[], new Utf8());
    case 'boolean': return vectorFromArray(values as (boolean | null)[], new Bool());
    case 'bigint': return vectorFromArray(values as (bigint | null)[], new Int64());
    case 'date': return vectorFromArray(values.map((d) => (d instanceof Date ? d.getTime() : null)), new TimestampMillisecond());
    default: return vectorFromArray(values.map((v) => (v === null || v === undefined ? null : JSON.stringify(v, jsonSafe))), new Utf8());
  }
}

function jsonSafe(_key: string, v: unknown): unknown {
  return typeof v === 'bigint' ? v.toString() : ArrayBuffer.isView(v) ? Array.from(v as unknown as ArrayLike<number>) : v;
}

/** Writes a table, or a numeric array as a one-column table, as an Arrow IPC file. */
export async function exportArrow(input: ExportInput, sink: Sink): Promise<void> {
  const queue = new Collector();
  const writer = new RecordBatchFileWriter();
  writer.reset(queue);
  if (input.numeric) {
    let wrote = false;
    for await (const chunk of input.numeric.chunks()) {
      for (const batch of new ArrowTable({ [input.name]: numericVector(chunk) }).batches) writer.write(batch);
      wrote = true;
      await drain(queue, sink);
    }
    if (!wrote) writer.write(new ArrowTable({ [input.name]: numericVector(new Float64Array(0)) }));
  } else {
    const table = tableOf(input);
    if (!table) throw doesNotFit(input, 'arrow', `it is ${describeKind(input.value())}; arrow writes tables and lists`);
    for (let start = 0; start === 0 || start < table.rowCount; start += BATCH_ROWS) {
      const end = Math.min(table.rowCount, start + BATCH_ROWS);
      const columns = Object.fromEntries(table.columns.map((c) => [c.name, columnVector(c, start, end)]));
      for (const batch of new ArrowTable(columns).batches) writer.write(batch);
      await drain(queue, sink);
    }
  }
  writer.close();
  await drain(queue, sink);
}
