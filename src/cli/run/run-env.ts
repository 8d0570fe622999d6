// The settings of a run, as the CHKPT_* environment variables the script's
// process reads (and its own child processes inherit).
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { parseRemote } from '../../remote/url.js';
import { settingsEnv } from '../../shared/settings.js';
import { remoteCacheDir } from '../../store/paths.js';
import type { RunArgs } from './parse-run-args.js';

/** Who owns the run id: the parent `chkpt run` (two processes) or the process itself (one). */
export type RunOwnership = { runOwner: number } | { runSelf: number };

/** A new run's id, chosen before the script starts so that its child processes can name it as their parent run. */
export function newRunId(): string {
  return randomBytes(6).toString('hex');
}

/** Settings for the script's process as CHKPT_* variables, over `base`. */
export function runEnv(args: RunArgs, base: NodeJS.ProcessEnv, runId: string, ownership: RunOwnership, env = process.env): NodeJS.ProcessEnv {
  // A shared store, from --store or CHKPT_HOME=s3://...: written locally first (-o, else its local store).
  const home = env['CHKPT_HOME'];
  const remote = args.remote ?? (args.out === undefined && home && /^s3:\/\//i.test(home) ? parseRemote(home).url : undefined);
  const out = args.out !== undefined ? path.resolve(args.out) : remote !== undefined ? remoteCacheDir(remote, env) : undefined;
  return {
    ...base,
    ...settingsEnv({
      ...args.capture,
      ...(out !== undefined ? { out } : {}),
      ...(remote !== undefined ? { remote } : {}),
      ...(args.verbose > 0 ? { verbose: args.verbose } : {}),
      ...(args.quiet ? { quiet: true } : {}),
      runId,
      ...ownership,
    }),
  };
}
