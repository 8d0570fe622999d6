// CSV (RFC 4180) of tables: arrays of records, columnar objects, arrays of
// rows; a numeric array is one column (streamed). A header line names the
// columns; NaN is written `NaN` (pandas and DuckDB read it back), missing
// values as empty fields, nested values as JSON text.
import { type ExportInput, describeKind, doesNotFit, tableOf } from './formats.js';
import type { Sink } from './sink.js';

/** One CSV field, quoted when it must be. */
export function csvField(v: unknown): string {
  let s: string;
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') s = v;
  else if (typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean') return String(v);
  else if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : v.toISOString();
  else s = JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? x.toString() : ArrayBuffer.isView(x) ? Array.from(x as unknown as ArrayLike<number>) : x)) ?? '';
  return /[",\r\n]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Writes a table (or a one-column list) as CSV. */
export async function exportCsv(input: ExportInput, sink: Sink): Promise<void> {
  if (input.numeric) {
    await sink.text(`${csvField(input.name)}\n`);
    for await (const chunk of input.numeric.chunks()) {
      for (let i = 0; i < chunk.length; i += 8192) {
        await sink.text(Array.from(chunk.subarray(i, i + 8192) as ArrayLike<number | bigint>, String).join('\n') + '\n');
      }
    }
    return;
  }
  const table = tableOf(input);
  if (!table) throw doesNotFit(input, 'csv', `it is ${describeKind(input.value())}; csv writes tables and lists`);
  await sink.text(table.columns.map((c) => csvField(c.name)).join(',') + '\n');
  for (let r = 0; r < table.rowCount; r++) {
    await sink.text(table.columns.map((c) => csvField(c.values[r])).join(',') + '\n');
  }
}
