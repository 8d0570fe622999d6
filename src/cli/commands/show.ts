// `chkpt show <checkpoint> [variable]`: the variables of a checkpoint and
// what was skipped, or one value in a readable form (show-value.ts).
import path from 'node:path';
import type { Checkpoint } from '../../api/open.js';
import type { VariableInfo } from '../../store/index.js';
import { tableLines } from '../format/table.js';
import { bytesText, plural, timeText } from '../format/units.js';
import { type JsonOption, type StoreOption, isoTime, print, printJson, style, withStore } from './common.js';
import { locationText } from './ls.js';
import { showValue } from './show-value.js';

export interface ShowOptions extends StoreOption, JsonOption {
  depth?: string;
  rows?: string;
  items?: string;
}

/** `[100000]`, `[3x4]`, or ''. */
export function shapeText(shape: number[] | undefined): string {
  return shape ? shape.join('x') : '';
}

/** `0 train` (frame index and function), or ''. */
export function frameText(v: VariableInfo): string {
  if (v.frameIndex === undefined) return '';
  return `${v.frameIndex}${v.frameFunction ? ` ${v.frameFunction}` : ''}`;
}

function variableJson(v: VariableInfo): Record<string, unknown> {
  return {
    name: v.name, scope: v.scope, frameIndex: v.frameIndex ?? null, frameFunction: v.frameFunction ?? null, type: v.type,
    class: v.class ?? null, shape: v.shape ?? null, byteSize: v.byteSize, storedBytes: v.storedBytes,
    ...(v.damaged ? { damaged: v.damaged } : {}),
  };
}

/** The checkpoint's facts, for `show` headers and JSON. */
export function checkpointJson(cp: Checkpoint): Record<string, unknown> {
  const i = cp.info;
  return {
    ref: cp.ref, id: i.id, run: { id: cp.run.id, script: cp.run.script, argv: cp.run.argv }, n: i.n, time: isoTime(i.time),
    trigger: i.trigger, label: i.label ?? null, status: i.status, failure: i.failure ?? null, location: i.location ?? null,
    variables: i.variableCount, bytesTotal: i.bytesTotal, bytesNew: i.bytesNew,
  };
}

/** `54ca2d6f0c25@3  train.ts  exit  2025-11-25 14:06:21  train.ts:42 in step` */
export function checkpointHeading(cp: Checkpoint): string {
  const i = cp.info;
  const where = i.location ? `  ${locationText(i)}` : '';
  return `${cp.ref}  ${path.basename(cp.run.script)}  ${i.trigger}${i.label ? ` "${i.label}"` : ''}  ${timeText(i.time)}${where}`;
}

function overview(cp: Checkpoint, opts: ShowOptions): void {
  const vars = cp.variables();
  const skipped = cp.info.skipped;
  if (opts.json) {
    printJson({ checkpoint: checkpointJson(cp), variables: vars.map(variableJson), skipped });
    return;
  }
  const s = style();
  const rows = vars.map((v) => [
    v.name, v.scope, frameText(v), v.damaged ? 'damaged' : v.type, v.class?.name ?? '', shapeText(v.shape), bytesText(v.byteSize),
  ]);
  const lines: string[] = [];
  if (s.tty) {
    lines.push(s.color.bold(checkpointHeading(cp)));
    const status = cp.info.status === 'failed' ? `  ${s.color.red(`failed: ${cp.info.failure ?? '?'}`)}` : '';
    lines.push(s.color.dim(`${plural(vars.length, 'variable')}, ${bytesText(cp.info.bytesTotal)} (${bytesText(cp.info.bytesNew)} new)`) + status, '');
  }
  lines.push(...tableLines([
    { header: 'NAME', max: 48 }, { header: 'SCOPE' }, { header: 'FRAME', max: 24 }, { header: 'TYPE', max: 24 }, { header: 'CLASS', max: 24 },
    { header: 'SHAPE', right: true }, { header: 'SIZE', right: true },
  ], rows, s));
  if (skipped.length > 0) {
    const skippedRows = skipped.map((k) => [k.path, k.type, bytesText(k.size), k.reason]);
    if (s.tty) {
      lines.push('', s.color.bold(`skipped (${skipped.length})`));
      lines.push(...tableLines([{ header: 'PATH', max: 48 }, { header: 'TYPE' }, { header: 'SIZE', right: true }, { header: 'REASON', max: 60 }], skippedRows, s));
    } else {
      lines.push(...skippedRows.map((r) => ['skipped', ...r].join('\t')));
    }
  }
  if (s.tty && vars.length > 0) {
    lines.push('', s.color.dim(`chkpt show ${cp.ref} <name> for one value; chkpt export ${cp.ref} <name> -o file.npy to save one`));
  }
  print(lines);
}

/** Shows a checkpoint, or one value in it. */
export async function showCommand(ref: string, variable: string | undefined, opts: ShowOptions): Promise<void> {
  await withStore(opts, async (store) => {
    const cp = store.checkpoint(ref);
    if (variable === undefined) overview(cp, opts);
    else await showValue(cp, variable, opts);
  });
}

