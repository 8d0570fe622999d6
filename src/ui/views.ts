// What the page shows of one value, as JSON: a numeric array as a downsampled
// line and its statistics, a table as one page of rows, anything else as a
// tree opened a few levels deep (deeper levels are asked for by path). Built
// from the reading API only; nothing here runs the script's code.
import type { Checkpoint } from '../api/checkpoint.js';
import { type ExportInput, fittingFormats } from '../api/export/formats.js';
import { isWholePart, memorySource, storedSource } from '../api/numeric.js';
import { numberText, preview, scalarText, typeText } from '../api/preview.js';
import { summarize } from '../api/stats.js';
import { asTable } from '../api/table.js';
import { type Step, stepText } from '../api/var-path.js';
import { walk } from '../api/walk.js';
import { downsample } from './downsample.js';

/** How many checkpoints' decoded variables are kept, for paging a big table without decoding it again. */
const CACHED_VALUES = 4;
const TREE_DEPTH = 2;
const TREE_ITEMS = 50;
export const MAX_PAGE = 500;

export interface TreeNode {
  type: string;
  preview: string;
  /** The path that opens this node (as `chkpt show` takes it). */
  path: string;
  children?: { key: string; node: TreeNode }[];
  /** Children not listed (past TREE_ITEMS). */
  more?: number;
  /** Whether it has children not loaded at this depth. */
  expandable?: boolean;
  /** Whether the value page has more for it (a plot or a table). */
  viewable?: boolean;
}

/** Decoded variables by `${checkpoint id}\0${name}`, the newest last. */
const cache = new Map<string, unknown>();

/** The value at `path`, its variable decoded once for a few requests. */
function valueAt(cp: Checkpoint, path: string): unknown {
  const { variable, steps } = cp.locate(path);
  const key = `${cp.info.id}\0${variable.name}`;
  let root = cache.get(key);
  if (root === undefined && !cache.has(key)) {
    root = cp.store.readVariable(cp.info.id, variable.idx);
    cache.set(key, root);
    while (cache.size > CACHED_VALUES) cache.delete(cache.keys().next().value!);
  }
  return walk(root, steps, variable.name);
}

/** What an exporter reads for `path`: the stored stream of a whole numeric array, else the decoded value (cached). */
export function exportInputOf(cp: Checkpoint, path: string): ExportInput {
  const located = cp.locate(path);
  if (located.steps.length === 0 && isWholePart(located.variable)) return cp.exportInput(path);
  const value = valueAt(cp, path);
  const input: ExportInput = { name: columnName(located.variable.name, located.steps), label: path, value: () => value };
  const numeric = memorySource(value);
  return numeric ? { ...input, numeric } : input;
}

/** A column name for one-column exports: the last segment of the path. */
function columnName(variable: string, steps: Step[]): string {
  const last = steps[steps.length - 1];
  if (last?.kind === 'prop') return last.key;
  const m = /([^.:[\]/]+)\]?$/.exec(variable);
  return m?.[1] ?? variable;
}

/** Forgets decoded values (the store changed under them, or tests). */
export function clearValueCache(): void {
  cache.clear();
}

function isContainer(v: unknown): v is object {
  return typeof v === 'object' && v !== null && scalarText(v) === undefined;
}

/** The entries of a container, each with its key text and its path step. */
function entriesOf(value: object): { key: string; step: Step; value: unknown }[] {
  if (value instanceof Map) {
    let i = 0;
    return [...value].map(([k, v]) => {
      const step: Step = typeof k === 'string' || typeof k === 'number' || typeof k === 'bigint'
        ? { kind: 'get', key: k } as Step : { kind: 'values', index: i } as Step;
      i++;
      return { key: preview(k, 40), step, value: v };
    });
  }
  if (value instanceof Set) return [...value].map((v, i) => ({ key: String(i), step: { kind: 'index', index: i } as Step, value: v }));
  if (Array.isArray(value)) return value.map((v, i) => ({ key: String(i), step: { kind: 'index', index: i } as Step, value: v }));
  if (ArrayBuffer.isView(value)) return [];
  return Object.keys(value).map((k) => ({ key: k, step: { kind: 'prop', key: k } as Step, value: (Object.getOwnPropertyDescriptor(value, k) as { value?: unknown }).value }));
}

function viewable(v: unknown): boolean {
  return memorySource(v) !== undefined || asTable(v) !== undefined;
}

/** A tree of `value` opened `depth` levels, with at most TREE_ITEMS children per node. */
export function treeOf(value: unknown, path: string, depth = TREE_DEPTH): TreeNode {
  const node: TreeNode = { type: typeText(value), preview: preview(value, 80), path };
  if (!isContainer(value) || ArrayBuffer.isView(value)) {
    if (viewable(value)) node.viewable = true;
    return node;
  }
  if (viewable(value)) node.viewable = true;
  const entries = entriesOf(value);
  if (entries.length === 0) return node;
  if (depth <= 0) {
    node.expandable = true;
    return node;
  }
  node.children = entries.slice(0, TREE_ITEMS).map((e) => ({ key: e.key, node: treeOf(e.value, path + stepText(e.step), depth - 1) }));
  if (entries.length > TREE_ITEMS) node.more = entries.length - TREE_ITEMS;
  return node;
}

/** A table cell as JSON: numbers and strings as they are, others as their preview. */
function cell(v: unknown): string | number | boolean | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return Number.isFinite(v) ? v : numberText(v);
  if (typeof v === 'string') return v.length > 200 ? `${v.slice(0, 200)}…` : v;
  if (typeof v === 'boolean') return v;
  return preview(v, 60);
}

export type ValueView =
  | { kind: 'scalar'; path: string; type: string; text: string; formats: string[] }
  | { kind: 'numeric'; path: string; type: string; dtype: string; length: number; plot: Awaited<ReturnType<typeof downsample>>;
    summary: Awaited<ReturnType<typeof summarize>>; formats: string[] }
  | { kind: 'table'; path: string; type: string; rowCount: number; offset: number; columns: { name: string; type: string }[];
    rows: (string | number | boolean | null)[][]; formats: string[] }
  | { kind: 'tree'; path: string; type: string; tree: TreeNode; formats: string[] };

export interface ViewOptions {
  offset?: number;
  limit?: number;
  /** Plot buckets (min/max pairs) at most. */
  buckets?: number;
}

/** The view of the value at `path` in `cp`. */
export async function valueView(cp: Checkpoint, path: string, opts: ViewOptions = {}): Promise<ValueView> {
  const located = cp.locate(path);
  const formats = (): string[] => fittingFormats(exportInputOf(cp, path));
  // A whole stored numeric array: read chunk by chunk, never decoded whole.
  if (located.steps.length === 0 && isWholePart(located.variable)) {
    const source = storedSource(cp.store, cp.info.id, located.variable);
    const [plot, summary] = [await downsample(source, opts.buckets), await summarize(source, { bins: 40, slices: 0, head: 0, tail: 0 })];
    return { kind: 'numeric', path, type: located.variable.type, dtype: source.dtype, length: source.length, plot, summary, formats: formats() };
  }
  const value = valueAt(cp, path);
  const type = typeText(value);
  const numeric = memorySource(value);
  if (numeric) {
    const plot = await downsample(numeric, opts.buckets);
    const summary = await summarize(numeric, { bins: 40, slices: 0, head: 0, tail: 0 });
    return { kind: 'numeric', path, type, dtype: numeric.dtype, length: numeric.length, plot, summary, formats: formats() };
  }
  const text = scalarText(value, 10_000);
  if (text !== undefined) return { kind: 'scalar', path, type, text, formats: formats() };
  const table = asTable(value);
  if (table) {
    const offset = Math.max(0, Math.min(opts.offset ?? 0, table.rowCount));
    const limit = Math.max(1, Math.min(opts.limit ?? 100, MAX_PAGE));
    const rows: (string | number | boolean | null)[][] = [];
    for (let r = offset; r < Math.min(table.rowCount, offset + limit); r++) rows.push(table.columns.map((c) => cell(c.values[r])));
    return {
      kind: 'table', path, type, rowCount: table.rowCount, offset, rows, formats: formats(),
      columns: table.columns.map((c) => ({ name: c.name, type: c.type })),
    };
  }
  return { kind: 'tree', path, type, tree: treeOf(value, path), formats: formats() };
}

/** The subtree at `path`, for opening a node the page has not loaded. */
export function subtree(cp: Checkpoint, path: string): TreeNode {
  return treeOf(valueAt(cp, path), path);
}

/** A point of a value's history across a run: a number, or the summary of a numeric array. */
export type SeriesPoint = { ref: string; n: number; time: number; trigger: string } &
  ({ value: number } | { min: number | null; max: number | null; mean: number | null; length: number } | { missing: true });

/** The value at `path` in each checkpoint of a run. */
export async function seriesOf(checkpoints: Checkpoint[], path: string): Promise<SeriesPoint[]> {
  const points: SeriesPoint[] = [];
  for (const cp of checkpoints) {
    const base = { ref: cp.ref, n: cp.info.n, time: cp.info.time, trigger: cp.info.trigger };
    let value: unknown;
    try {
      const located = cp.locate(path);
      if (located.steps.length === 0 && isWholePart(located.variable)) {
        const s = await summarize(storedSource(cp.store, cp.info.id, located.variable), { bins: 1, slices: 0, head: 0, tail: 0 });
        points.push({ ...base, min: s.min ?? null, max: s.max ?? null, mean: s.mean ?? null, length: s.length });
        continue;
      }
      value = valueAt(cp, path);
    } catch {
      points.push({ ...base, missing: true });
      continue;
    }
    if (typeof value === 'number' || typeof value === 'bigint') {
      points.push({ ...base, value: Number(value) });
      continue;
    }
    const numeric = memorySource(value);
    if (numeric) {
      const s = await summarize(numeric, { bins: 1, slices: 0, head: 0, tail: 0 });
      points.push({ ...base, min: s.min ?? null, max: s.max ?? null, mean: s.mean ?? null, length: s.length });
    } else {
      points.push({ ...base, missing: true });
    }
  }
  return points;
}

