// One value, readable: numeric arrays as statistics, a histogram and a
// sparkline (streamed from the store, never decoded whole); tables as their
// first rows; strings cut with their length; anything else as a tree.
import type { Checkpoint, NumericSummary } from '../../api/open.js';
import { numberText, preview, stringText, typeText } from '../../api/preview.js';
import { summarize } from '../../api/stats.js';
import { asTable, type Table } from '../../api/table.js';
import { histogramLines } from '../format/histogram.js';
import { jsonPreview } from '../format/json-preview.js';
import { sparkline } from '../format/sparkline.js';
import { type Style } from '../format/style.js';
import { tableLines } from '../format/table.js';
import { treeLines } from '../format/tree.js';
import { bytesText, countText } from '../format/units.js';
import { print, printJson, style } from './common.js';
import { intOption } from './options.js';
import { checkpointJson, frameText, type ShowOptions } from './show.js';

function numericLines(sum: NumericSummary, s: Style): string[] {
  const label = (k: string): string => s.color.dim(k.padEnd(10));
  const values = [...sum.head.map(numberText), ...(sum.tail.length ? ['…', ...sum.tail.map(numberText)] : [])];
  const lines = [
    `${label('length')}${countText(sum.length)}`,
    `${label('dtype')}${sum.dtype}`,
  ];
  if (sum.min !== undefined) lines.push(`${label('min')}${numberText(sum.min)}`, `${label('max')}${numberText(sum.max!)}`);
  if (sum.mean !== undefined) lines.push(`${label('mean')}${numberText(sum.mean)}`);
  lines.push(`${label('NaN')}${countText(sum.nan)}`);
  if (sum.infinite > 0) lines.push(`${label('±Infinity')}${countText(sum.infinite)}`);
  if (values.length > 0) lines.push(`${label('values')}[${values.join(', ')}]`);
  if (sum.length > 1 && sum.slices.some((x) => Number.isFinite(x))) {
    lines.push(`${label('trend')}${s.color.cyan(sparkline(sum.slices))}  ${s.color.dim(`mean of ${sum.slices.length} slices by position`)}`);
  }
  if (sum.histogram.counts.length > 0) {
    lines.push(label('histogram').trimEnd(), ...histogramLines(sum.histogram.edges, sum.histogram.counts, Math.max(10, Math.min(40, s.width - 50))).map((l) => `  ${l}`));
  }
  return lines;
}

function tableViewLines(table: Table, rows: number, s: Style): string[] {
  const shown = Math.min(rows, table.rowCount);
  const cell = (v: unknown): string => (typeof v === 'string' ? v : v === undefined || v === null ? '' : preview(v, 24));
  const cells = Array.from({ length: shown }, (_, r) => [String(r), ...table.columns.map((c) => cell(c.values[r]))]);
  const lines = [s.color.dim(`${countText(table.rowCount)} rows x ${countText(table.columns.length)} columns (${table.form})`)];
  lines.push(...tableLines([{ header: '', right: true }, ...table.columns.map((c) => ({ header: c.name, max: 24, right: c.type !== 'string' && c.type !== 'json' }))], cells, s));
  if (table.rowCount > shown) lines.push(s.color.dim(`… ${countText(table.rowCount - shown)} more rows (--rows N shows more)`));
  return lines;
}

function tableJson(table: Table, rows: number): Record<string, unknown> {
  const shown = Math.min(rows, table.rowCount);
  return {
    form: table.form, rowCount: table.rowCount, columns: table.columns.map((c) => ({ name: c.name, type: c.type })),
    rows: Array.from({ length: shown }, (_, r) => Object.fromEntries(table.columns.map((c) => [c.name, jsonPreview(c.values[r], { depth: 1 })]))),
  };
}

/** Shows the value at `path` in `cp`. */
export async function showValue(cp: Checkpoint, path: string, opts: ShowOptions): Promise<void> {
  const depth = intOption(opts.depth, '--depth', 3, 1);
  const rows = intOption(opts.rows, '--rows', 10, 1);
  const items = intOption(opts.items, '--items', 20, 1);
  const s = style();
  const { variable: v, steps } = cp.locate(path);
  const numeric = cp.numeric(path);
  const summary = numeric ? await summarize(numeric) : undefined;
  const value = summary ? undefined : cp.get(path);
  const table = summary || typeof value !== 'object' ? undefined : asTable(value);
  const kind = summary ? 'numeric' : table && (table.form !== 'columns' || table.columns.length > 1) ? 'table' : typeof value === 'string' ? 'string' : 'value';
  const type = steps.length === 0 ? v.type : summary ? summary.kind : typeText(value);

  if (opts.json) {
    printJson({
      checkpoint: checkpointJson(cp), path,
      variable: { name: v.name, scope: v.scope, frameIndex: v.frameIndex ?? null, frameFunction: v.frameFunction ?? null, type: v.type, class: v.class ?? null, shape: v.shape ?? null, byteSize: v.byteSize },
      type, kind,
      ...(summary ? { stats: summary } : {}),
      ...(kind === 'table' ? { table: tableJson(table!, rows) } : {}),
      ...(kind === 'string' ? { length: (value as string).length, value: jsonPreview(value, { chars: 10_000 }) } : {}),
      ...(kind === 'value' ? { value: jsonPreview(value, { depth, items }) } : {}),
    });
    return;
  }
  const where = [v.scope, frameText(v) && `frame ${frameText(v)}`, steps.length === 0 ? bytesText(v.byteSize) : ''].filter(Boolean).join(', ');
  const cls = steps.length === 0 && v.class ? ` (class ${v.class.name}${v.class.module ? ` from ${v.class.module}` : ''})` : '';
  const lines = [`${s.color.bold(path)}  ${type}${cls}  ${s.color.dim(`${where} in ${cp.ref}`)}`];
  if (summary) lines.push(...numericLines(summary, s));
  else if (kind === 'table') lines.push(...tableViewLines(table!, rows, s));
  else if (kind === 'string') {
    const room = Math.max(200, s.width * Math.max(4, s.height - 6));
    lines.push(stringText(value as string, room), s.color.dim(`${countText((value as string).length)} characters`));
  } else lines.push(...treeLines(value, { depth, items, width: s.width, color: s.color }));
  print(lines);
}
