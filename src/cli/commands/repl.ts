// `chkpt repl <checkpoint>`: a Node REPL whose globals are the checkpoint's
// variables, each read from the store the first time it is used, with a
// one-screen banner of what is there. node:repl is loaded only here.
import path from 'node:path';
import type { Checkpoint, ChkptStore } from '../../api/open.js';
import { CLASS_SYMBOL } from '../../serialize/index.js';
import type { ClassRef } from '../../shared/encoded.js';
import type { Style } from '../format/style.js';
import { truncate } from '../format/style.js';
import { bytesText, plural, timeText } from '../format/units.js';
import { type StoreOption, openForReading, style } from './common.js';
import { type ClassLinks, linkClasses } from './repl-classes.js';
import { type Installed, bindingOf, installVariables } from './repl-context.js';
import { stepText } from '../../api/var-path.js';
import type { VariableInfo } from '../../store/index.js';
import { shapeText } from './show.js';

export interface ReplOptions extends StoreOption {
  link?: string[];
}

/** The helper object `ckpt` in the REPL. */
function helper(cp: Checkpoint, installed: () => Installed, links: ClassLinks): Record<string, unknown> {
  return {
    ref: cp.ref,
    info: cp.info,
    run: cp.run,
    /** Names of the stored variables. */
    variables: () => cp.variables().map((v) => v.name),
    /** A value by path (a fresh copy each time). */
    get: (p: string) => cp.get(p, { classes: links.resolve }),
    /** Exports a value: ckpt.export('weights', 'weights.npy') or ckpt.export('rows', 'rows.csv', 'csv'). */
    export: (p: string, file: string, format?: string) => cp.export(p, { to: file, ...(format ? { format } : {}), classes: links.resolve }),
    /** Names read from the store so far. */
    loaded: () => [...installed().loaded],
    /** The class an instance was recorded with (name and module). */
    classOf: (x: object) => (x as Record<symbol, ClassRef | undefined>)[CLASS_SYMBOL],
  };
}

function bannerLines(cp: Checkpoint, installed: Installed, links: ClassLinks, s: Style): string[] {
  const i = cp.info;
  const vars = cp.variables();
  const lines = [
    s.color.bold(`chkpt repl: ${cp.ref}`) + s.color.dim(`  ${path.basename(cp.run.script)}, ${i.trigger}, ${timeText(i.time)}`),
    `${plural(vars.length, 'variable')}, ${bytesText(i.bytesTotal)}, each read on first use:`,
  ];
  const room = Math.max(4, s.height - 8);
  const access = vars.map((v) => accessText(v, installed));
  const width = Math.min(32, Math.max(...access.map((a) => a.length), 4));
  const rows = vars.map((v, k) => `  ${access[k]!.padEnd(width)}  ${v.type}${v.shape ? `[${shapeText(v.shape)}]` : ''}  ${s.color.dim(bytesText(v.byteSize))}`);
  lines.push(...rows.slice(0, room).map((r) => truncate(r, s.width)));
  if (rows.length > room) lines.push(s.color.dim(`  … ${rows.length - room} more: ckpt.variables() lists them`));
  if (links.exported.length > 0) lines.push(s.color.dim(truncate(`linked classes: ${links.exported.join(', ')}`, s.width)));
  const classes = [...new Set(vars.flatMap((v) => (v.class && !links.exported.includes(v.class.name) ? [v.class.name] : [])))];
  if (classes.length > 0) lines.push(s.color.dim(truncate(`${classes.join(', ')}: stand-in classes (--link <module> imports the real ones)`, s.width)));
  lines.push(s.color.dim(truncate('ckpt.get(path), ckpt.export(path, file), ckpt.loaded(); .exit to leave', s.width)));
  return lines;
}

/** How a variable is reached in the REPL: `weights`, `frames[0].locals.x`, `modules["lib/m.ts"].p`, `vars["..."]`. */
function accessText(v: VariableInfo, installed: Installed): string {
  if (installed.onlyInVars.includes(v.name)) return `vars[${JSON.stringify(v.name)}]`;
  const b = bindingOf(v);
  if (b.root === 'modules' && !v.name.startsWith('modules')) return `modules${b.steps.map(stepText).join('')}`;
  return v.name.startsWith('globalThis.') ? v.name.slice('globalThis.'.length) : v.name;
}

/** Starts the REPL on checkpoint `ref`; resolves when it exits. */
export async function replCommand(ref: string, opts: ReplOptions): Promise<void> {
  const store: ChkptStore = await openForReading(opts);
  let cp: Checkpoint;
  let links: ClassLinks;
  try {
    cp = store.checkpoint(ref);
    links = await linkClasses(opts.link ?? []);
  } catch (err) {
    store.close();
    throw err;
  }
  const repl = await import('node:repl');
  const s = style();
  const target = globalThis as unknown as Record<string, unknown>;
  const installed = installVariables(target, cp, (name) => cp.get(name, { classes: links.resolve }));
  target['ckpt'] = helper(cp, () => installed, links);
  process.stdout.write(bannerLines(cp, installed, links, s).join('\n') + '\n');
  // useGlobal: values and the REPL share one realm, so `weights instanceof Float64Array` holds.
  const server = repl.start({ prompt: 'chkpt> ', useGlobal: true, ignoreUndefined: true });
  await new Promise<void>((resolve) => server.on('exit', () => resolve()));
  store.close();
}
