// `chkpt diff <a> <b> [variable...]`: what appeared, disappeared and changed
// between two checkpoints; for numeric arrays, how many elements changed and
// the largest difference.
import type { DiffReport, VariableBrief, VariableChange } from '../../api/diff.js';
import { numberText } from '../../api/preview.js';
import { type Style } from '../format/style.js';
import { bytesText, countText, plural } from '../format/units.js';
import { type JsonOption, type StoreOption, print, printJson, style, withStore } from './common.js';

export type DiffOptions = StoreOption & JsonOption;

function briefText(v: VariableBrief): string {
  return `${v.type}${v.shape ? `[${v.shape.join('x')}]` : ''}, ${bytesText(v.bytes)}`;
}

function changeLines(c: VariableChange, s: Style): string[] {
  const typeChange = c.a.type !== c.b.type || c.a.shape?.join() !== c.b.shape?.join() ? `  ${briefText(c.a)} -> ${briefText(c.b)}` : '';
  const head = `${s.color.yellow('~')} ${c.name}${typeChange}`;
  if (c.numeric) {
    const d = c.numeric;
    const length = d.lengthA !== d.lengthB ? `; length ${countText(d.lengthA)} -> ${countText(d.lengthB)}` : '';
    const max = d.changed > 0 ? `, largest difference ${numberText(d.maxAbsDiff)}${d.maxAt !== undefined ? ` at [${d.maxAt}]` : ''}` : '';
    const skipped = d.chunksSkipped > 0 ? s.color.dim(` (${plural(d.chunksSkipped, 'chunk')} unchanged by hash)`) : '';
    return [`${head}: ${countText(d.changed)} of ${countText(d.compared)} elements changed${max}${length}${skipped}`];
  }
  if (c.note) return [`${head}: ${c.note}`];
  const paths = c.paths ?? [];
  if (paths.length === 0) return [`${head}: same value, different encoding`];
  if (paths.length === 1 && paths[0]!.path === c.name) return [`${head}: ${paths[0]!.a} -> ${paths[0]!.b}`];
  return [head, ...paths.map((p) => `    ${p.path}: ${p.a} -> ${p.b}`)];
}

function reportLines(r: DiffReport, s: Style): string[] {
  const lines = s.tty ? [s.color.bold(`${r.a} -> ${r.b}`)] : [];
  for (const v of r.appeared) lines.push(`${s.color.green('+')} ${v.name}  ${briefText(v)}`);
  for (const v of r.disappeared) lines.push(`${s.color.red('-')} ${v.name}  ${briefText(v)}`);
  for (const c of r.changed) lines.push(...changeLines(c, s));
  const summary = `${plural(r.appeared.length, 'appeared', 'appeared')}, ${plural(r.disappeared.length, 'disappeared', 'disappeared')}, `
    + `${plural(r.changed.length, 'changed', 'changed')}, ${plural(r.unchanged.length, 'unchanged', 'unchanged')}`;
  lines.push(s.color.dim(summary));
  return lines;
}

/** Compares two checkpoints (optionally only some variables). */
export async function diffCommand(a: string, b: string, only: string[], opts: DiffOptions): Promise<void> {
  await withStore(opts, async (store) => {
    const report = await store.diff(a, b, only.length > 0 ? { only } : {});
    if (opts.json) printJson(report);
    else print(reportLines(report, style()));
  });
}
