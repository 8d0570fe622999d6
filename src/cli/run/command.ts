// `chkpt run`: runs the script as node would, as its own true main module,
// with chkpt's preload attached.
import { readFileSync, rmSync } from 'node:fs';
import { controlDir, crashNote } from '../../shared/control-paths.js';
import { buildNodeArgs } from './node-args.js';
import { mainResolves, needsSelfResolve } from './resolve-main.js';
import type { RunArgs } from './parse-run-args.js';
import { newRunId, runEnv } from './run-env.js';
import { mirrorOutcome, spawnForeground } from './spawn-foreground.js';

/** Runs the script (from `cwd`, default this process's) to its end and mirrors how it ended. */
export async function runCommand(args: RunArgs, cwd = process.cwd()): Promise<void> {
  if (args.resume !== undefined && args.capture.resume === undefined) {
    const { resolveResumePoint } = await import('./resume-point.js');
    args = { ...args, capture: { ...args.capture, resume: await resolveResumePoint(args.resume, args.out) } };
  }
  const nodeArgs = mainResolves(args.script, cwd)
    ? buildNodeArgs(args.script, args.scriptArgs, args.nodeArgs, needsSelfResolve(args.script, cwd))
    : [...args.nodeArgs, args.script, ...args.scriptArgs];
  const outcome = await spawnForeground(nodeArgs, runEnv(args, process.env, newRunId(), { runOwner: process.pid }), cwd);
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
