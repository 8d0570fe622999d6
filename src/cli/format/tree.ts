// Objects as a depth-limited tree: one line per property, containers opened
// down to `depth` levels, at most `items` entries per container, strings cut
// to the line with their length, cycles named.
import { preview, scalarText, typeText } from '../../api/preview.js';
import type { Colors } from './style.js';

export interface TreeOptions {
  depth?: number;
  items?: number;
  /** Line width to fit previews into. */
  width?: number;
  color?: Colors;
}

type Entry = [label: string, value: unknown];

function isLeaf(v: unknown): boolean {
  if (scalarText(v) !== undefined) return true;
  return ArrayBuffer.isView(v) || v instanceof ArrayBuffer || v instanceof SharedArrayBuffer;
}

function entriesOf(v: object, max: number): { entries: Entry[]; total: number; arrow?: boolean } {
  const label = (k: string): string => (/^[A-Za-z_$][\w$]*$/.test(k) ? k : JSON.stringify(k));
  if (Array.isArray(v)) return { entries: v.slice(0, max).map((x, i) => [`[${i}]`, x]), total: v.length };
  if (v instanceof Map) return { entries: [...v].slice(0, max).map(([k, x]) => [`${preview(k, 30)} =>`, x]), total: v.size, arrow: true };
  if (v instanceof Set) return { entries: [...v].slice(0, max).map((x, i) => [`[${i}]`, x]), total: v.size };
  const keys = Object.keys(v);
  return { entries: keys.slice(0, max).map((k) => [label(k), (v as Record<string, unknown>)[k]]), total: keys.length };
}

/** The tree's lines: the root's type, then one line per entry. */
export function treeLines(value: unknown, opts: TreeOptions = {}): string[] {
  const depth = opts.depth ?? 3;
  const items = opts.items ?? 20;
  const width = opts.width ?? 100;
  const dim = opts.color?.dim ?? ((s: string) => s);
  if (isLeaf(value)) return [preview(value, width)];
  const lines = [dim(typeText(value))];
  const ancestors: object[] = [value as object];
  const walk = (v: object, indent: string, level: number): void => {
    const { entries, total, arrow } = entriesOf(v, items);
    const more = total - entries.length;
    // Map entries read `"key" => value`, properties `key: value`.
    const sep = arrow ? ' ' : ': ';
    entries.forEach(([label, child], i) => {
      const last = i === entries.length - 1 && more <= 0;
      const branch = indent + (last ? '└─ ' : '├─ ');
      const room = Math.max(20, width - branch.length - label.length - 2);
      if (typeof child === 'object' && child !== null && ancestors.includes(child)) {
        lines.push(`${branch}${label}${sep}${dim('[Circular]')}`);
      } else if (isLeaf(child) || level >= depth || entriesOf(child as object, 1).total === 0) {
        lines.push(`${branch}${label}${sep}${preview(child, room)}`);
      } else {
        lines.push(`${branch}${label}${sep}${dim(typeText(child))}`);
        ancestors.push(child as object);
        walk(child as object, indent + (last ? '   ' : '│  '), level + 1);
        ancestors.pop();
      }
    });
    if (more > 0) lines.push(`${indent}└─ ${dim(`… ${more.toLocaleString('en-US')} more`)}`);
  };
  walk(value as object, '', 1);
  return lines;
}
