// `chkpt resume <checkpoint> [-- args...]`: runs the checkpoint's script
// again as a new run, from the cwd it ran in, with the arguments it had (or
// those given), the node options and capture options it ran with, and
// `chkpt.restore()` reading from the checkpoint. The new run records the
// checkpoint it resumed from (`chkpt ls` shows it).
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ChkptError, ErrorCode } from '../../shared/errors.js';
import type { RerunOptions } from '../../shared/settings.js';
import type { RunInfo } from '../../store/index.js';
import { withStore } from '../commands/common.js';
import { runCommand } from './command.js';
import type { RunArgs } from './parse-run-args.js';
import { resolveResumePoint } from './resume-point.js';

export interface ResumeOptions {
  store?: string;
  verbose?: number;
  quiet?: boolean;
}

/** chkpt's package directory (this file is in src/cli/run or dist/cli/run): node options pointing into it are chkpt's, not the script's. */
const OWN_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

function isOwn(value: string): boolean {
  let file = value;
  if (value.startsWith('file:')) {
    try {
      file = fileURLToPath(value);
    } catch {
      return false;
    }
  }
  return path.isAbsolute(file) && path.normalize(file).startsWith(path.join(OWN_DIR, 'dist') + path.sep);
}

/** The node options a run was started with, without the ones chkpt added (its preload, its TypeScript loader). */
export function userNodeArgs(execArgv: unknown): string[] {
  if (!Array.isArray(execArgv)) return [];
  const out: string[] = [];
  for (let i = 0; i < execArgv.length; i++) {
    const word = String(execArgv[i]);
    const joined = /^(--require|-r|--import|--loader|--experimental-loader)=(.*)$/.exec(word);
    if (joined) {
      if (!isOwn(joined[2]!)) out.push(word);
      continue;
    }
    if (['--require', '-r', '--import', '--loader', '--experimental-loader'].includes(word) && i + 1 < execArgv.length) {
      const value = String(execArgv[i + 1]);
      i += 1;
      if (!isOwn(value)) out.push(word, value);
      continue;
    }
    out.push(word);
  }
  return out;
}

function rerunOptionsOf(run: RunInfo): Partial<RerunOptions> {
  const options = (run.extra as { options?: unknown } | undefined)?.options;
  if (typeof options !== 'object' || options === null) return {};
  const o = options as Record<string, unknown>;
  const numbers = ['every', 'budget', 'minSize', 'maxStore'] as const;
  const lists = ['include', 'exclude', 'libs'] as const;
  const out: Partial<RerunOptions> = {};
  for (const key of numbers) if (typeof o[key] === 'number') out[key] = o[key];
  for (const key of lists) if (Array.isArray(o[key])) out[key] = (o[key] as unknown[]).map(String);
  if (typeof o['throwSite'] === 'boolean') out.throwSite = o['throwSite'];
  if (typeof o['waitAttach'] === 'boolean') out.waitAttach = o['waitAttach'];
  return out;
}

/** Runs the checkpoint's script again, resuming from it. */
export async function resumeCommand(ref: string, words: string[], opts: ResumeOptions): Promise<void> {
  // `chkpt resume <ref> -- --epochs 60`: the `--` only ends chkpt's options.
  const scriptArgs = words[0] === '--' ? words.slice(1) : words;
  const run = await withStore(opts.store !== undefined ? { store: opts.store } : {}, (store) => store.checkpoint(ref).run);
  if (run.damaged) {
    throw new ChkptError(ErrorCode.INTEGRITY, `The record of run ${run.id} is damaged (${run.damaged}): run the script with \`chkpt run --resume ${ref} <script>\`.`, { run: run.id });
  }
  if (!existsSync(run.cwd)) {
    throw new ChkptError(ErrorCode.NOT_FOUND, `Run ${run.id} ran in ${run.cwd}, which is gone: cd where the script is and use \`chkpt run --resume ${ref} <script>\`.`, { run: run.id, cwd: run.cwd });
  }
  const script = path.resolve(run.cwd, run.script);
  if (!existsSync(script)) {
    throw new ChkptError(ErrorCode.NOT_FOUND, `The script of run ${run.id}, ${script}, is gone: use \`chkpt run --resume ${ref} <script>\` with its new path.`, { run: run.id, script });
  }
  const point = await resolveResumePoint(ref, opts.store);
  const args: RunArgs = {
    script,
    scriptArgs: scriptArgs.length > 0 ? scriptArgs : run.argv,
    nodeArgs: userNodeArgs((run.extra as { execArgv?: unknown } | undefined)?.execArgv),
    ...(opts.store !== undefined ? { out: path.resolve(opts.store) } : {}),
    verbose: opts.verbose ?? 0,
    quiet: opts.quiet ?? false,
    capture: { ...rerunOptionsOf(run), resume: point },
  };
  await runCommand(args, run.cwd);
}
