// The settings of a run, as the CHKPT_* environment variables the script's
// process reads (and its own child processes inherit).
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { settingsEnv } from '../../shared/settings.js';
import type { RunArgs } from './parse-run-args.js';

/** Who owns the run id: the parent `chkpt run` (two processes) or the process itself (one). */
export type RunOwnership = { runOwner: number } | { runSelf: number };

/** A new run's id, chosen before the script starts so that its child processes can name it as their parent run. */
export function newRunId(): string {
  return randomBytes(6).toString('hex');
}

/** Settings for the script's process as CHKPT_* variables, over `base`. */
export function runEnv(args: RunArgs, base: NodeJS.ProcessEnv, runId: string, ownership: RunOwnership): NodeJS.ProcessEnv {
  return {
    ...base,
    ...settingsEnv({
      ...args.capture,
      ...(args.out !== undefined ? { out: path.resolve(args.out) } : {}),
      ...(args.verbose > 0 ? { verbose: args.verbose } : {}),
      ...(args.quiet ? { quiet: true } : {}),
      runId,
      ...ownership,
    }),
  };
}
