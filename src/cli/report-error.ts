// Turns an error into what a person sees: one line naming the problem and
// the fix, and an exit status. Never a stack trace of ours, unless
// CHKPT_DEBUG asks for it.
import { debug } from '../shared/debug.js';
import { ErrorCode, isChkptError } from '../shared/errors.js';

/** Exit status for each error code: 2 for usage, 1 for the rest. */
const USAGE = new Set<string>([ErrorCode.NO_SCRIPT, ErrorCode.UNKNOWN_OPTION, ErrorCode.BAD_OPTION]);

/** Prints `chkpt: message` (plus a hint) and sets process.exitCode. */
export function reportError(err: unknown, hint?: string): void {
  if (isChkptError(err)) {
    process.stderr.write(`chkpt: ${err.message}\n`);
    if (hint && USAGE.has(err.code)) process.stderr.write(`${hint}\n`);
    process.exitCode = USAGE.has(err.code) ? 2 : 1;
  } else {
    const message = err instanceof Error ? err.message : String(err);
    process.stderr.write(`chkpt: internal error: ${message} (CHKPT_DEBUG=1 shows more; please report it)\n`);
    process.exitCode = 70;
  }
  if (err instanceof Error && err.stack) debug('cli', err.stack);
}
