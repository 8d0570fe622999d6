// Tables: aligned columns under a header on a terminal; tab-separated lines
// without a header when piped (so `cut -f` and `awk -F'\t'` work).
import { type Style, truncate, visibleLength } from './style.js';

export interface TableColumn {
  header: string;
  /** Right-align (numbers, sizes). */
  right?: boolean;
  /** Cut cells longer than this on a terminal. */
  max?: number;
}

/** The lines of a table for `style`: header and aligned cells on a terminal, tab-separated cells otherwise. */
export function tableLines(columns: TableColumn[], rows: string[][], style: Style): string[] {
  if (!style.tty) return rows.map((r) => r.map((c) => c.replace(/[\t\n]/g, ' ')).join('\t'));
  const cells = rows.map((r) => r.map((c, i) => truncate(c.replace(/\n/g, ' '), columns[i]?.max ?? 60)));
  const widths = columns.map((col, i) => Math.max(visibleLength(col.header), ...cells.map((r) => visibleLength(r[i] ?? ''))));
  // Drop trailing columns that do not fit the terminal rather than wrap every line.
  let shown = columns.length;
  while (shown > 1 && widths.slice(0, shown).reduce((a, w) => a + w + 2, -2) > style.width) shown--;
  const line = (r: string[], color = (s: string): string => s): string =>
    columns.slice(0, shown).map((col, i) => {
      const c = r[i] ?? '';
      const gap = ' '.repeat(Math.max(0, widths[i]! - visibleLength(c)));
      return color(col.right ? gap + c : i === shown - 1 ? c : c + gap);
    }).join('  ').trimEnd();
  return [line(columns.map((c) => c.header), style.color.bold), ...cells.map((r) => line(r))];
}
