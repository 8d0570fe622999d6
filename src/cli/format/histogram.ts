// A histogram drawn with block characters: one line per bin, its range, a
// bar proportional to its count (eighths of a cell), and the count.
import { numberText } from '../../api/preview.js';
import { countText } from './units.js';

const EIGHTHS = ['', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];

/** A bar of `fraction` (0..1) of `width` cells, drawn in eighths. */
export function bar(fraction: number, width: number): string {
  const eighths = Math.round(Math.max(0, Math.min(1, fraction)) * width * 8);
  return '█'.repeat(Math.floor(eighths / 8)) + EIGHTHS[eighths % 8];
}

/** Lines `[lo, hi)  ████▌  1,234` for each bin; `width` is the longest bar. */
export function histogramLines(edges: number[], counts: number[], width = 30): string[] {
  if (counts.length === 0) return [];
  const most = Math.max(...counts, 1);
  // Edges computed as lo + k * width carry rounding noise (1.9e-10 for 0): snap it away.
  const span = Math.abs(edges[edges.length - 1]! - edges[0]!);
  const edgeText = (x: number): string => numberText(Math.abs(x) < span * 1e-9 ? 0 : Number(x.toPrecision(12)));
  const labels = counts.map((_, i) => [edgeText(edges[i]!), edgeText(edges[i + 1]!)] as const);
  const loWidth = Math.max(...labels.map(([lo]) => lo.length));
  const hiWidth = Math.max(...labels.map(([, hi]) => hi.length));
  const countWidth = Math.max(...counts.map((c) => countText(c).length));
  return counts.map((c, i) => {
    const [lo, hi] = labels[i]!;
    const close = i === counts.length - 1 ? ']' : ')';
    const range = `[${lo.padStart(loWidth)}, ${hi.padStart(hiWidth)}${close}`;
    return `${range}  ${countText(c).padStart(countWidth)}  ${bar(c / most, width)}`.trimEnd();
  });
}
