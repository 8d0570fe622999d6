// `chkpt run`: runs the script as node would, as its own true main module,
// with chkpt's preload attached.
import { randomBytes } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { controlDir, crashNote } from '../../shared/control-paths.js';
import path from 'node:path';
import { settingsEnv } from '../../shared/settings.js';
import { buildNodeArgs } from './node-args.js';
import { mainResolves, needsSelfResolve } from './resolve-main.js';
import type { RunArgs } from './parse-run-args.js';
import { mirrorOutcome, spawnForeground } from './spawn-foreground.js';

/** Settings for the script's process travel as CHKPT_* environment variables. */
export function runEnv(args: RunArgs, base: NodeJS.ProcessEnv, runId: string): NodeJS.ProcessEnv {
  return {
    ...base,
    ...settingsEnv({
      ...args.capture,
      ...(args.out !== undefined ? { out: path.resolve(args.out) } : {}),
      ...(args.verbose > 0 ? { verbose: args.verbose } : {}),
      ...(args.quiet ? { quiet: true } : {}),
      runId,
      runOwner: process.pid,
    }),
  };
}

/** Runs the script to its end and mirrors how it ended. */
export async function runCommand(args: RunArgs): Promise<void> {
  const nodeArgs = mainResolves(args.script, process.cwd())
    ? buildNodeArgs(args.script, args.scriptArgs, args.nodeArgs, needsSelfResolve(args.script, process.cwd()))
    : [...args.nodeArgs, args.script, ...args.scriptArgs];
  // The run's id is chosen here so that the script's child processes, which
  // inherit the environment, can name it as their parent run.
  const outcome = await spawnForeground(nodeArgs, runEnv(args, process.env, randomBytes(6).toString('hex')));
  if (outcome.pid !== undefined) printCrashNote(outcome.pid);
  mirrorOutcome(outcome);
}

/** Prints the crash line the script's process left, after all of its own output. */
function printCrashNote(pid: number): void {
  const file = crashNote(controlDir(), pid);
  try {
    process.stderr.write(readFileSync(file, 'utf8'));
    rmSync(file, { force: true });
  } catch {
    // No crash, or nothing to say.
  }
}
