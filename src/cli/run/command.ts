// `chkpt run`: runs the script as node would, as its own true main module,
// with chkpt's preload attached.
import { buildNodeArgs } from './node-args.js';
import { mainResolves } from './resolve-main.js';
import type { RunArgs } from './parse-run-args.js';
import { mirrorOutcome, spawnForeground } from './spawn-foreground.js';

/** Settings for the script's process travel as CHKPT_* environment variables. */
export function runEnv(args: RunArgs, base: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...base };
  if (args.out !== undefined) env['CHKPT_OUT'] = args.out;
  if (args.verbose > 0) env['CHKPT_VERBOSE'] = String(args.verbose);
  if (args.quiet) env['CHKPT_QUIET'] = '1';
  return env;
}

/** Runs the script to its end and mirrors how it ended. */
export async function runCommand(args: RunArgs): Promise<void> {
  const nodeArgs = mainResolves(args.script, process.cwd())
    ? buildNodeArgs(args.script, args.scriptArgs, args.nodeArgs)
    : [...args.nodeArgs, args.script, ...args.scriptArgs];
  const outcome = await spawnForeground(nodeArgs, runEnv(args, process.env));
  mirrorOutcome(outcome);
}
