// `--resume <checkpoint>`: the checkpoint is found before the script starts,
// so that a wrong reference is one line of error, not a run that silently
// starts from zero. The script's process gets the store and the checkpoint's
// id (CHKPT_RESUME), and reads values from it only when `chkpt.restore()`
// asks.
import { ChkptError, ErrorCode } from '../../shared/errors.js';
import type { ResumePoint } from '../../shared/settings.js';
import { withStore } from '../commands/common.js';

/** The checkpoint `ref` in the store at `store` (default: $CHKPT_HOME or the shared cache). */
export async function resolveResumePoint(ref: string, store: string | undefined): Promise<ResumePoint> {
  return withStore(store !== undefined ? { store } : {}, (opened) => {
    const cp = opened.checkpoint(ref);
    if (cp.info.status === 'failed' || cp.info.variableCount === 0) {
      throw new ChkptError(ErrorCode.NOT_FOUND, `Checkpoint ${cp.ref} holds no values${cp.info.failure ? ` (it failed: ${cp.info.failure})` : ''}: resume from another one (\`chkpt ls ${cp.run.id}\` lists them).`, {
        checkpoint: cp.ref,
      });
    }
    return { store: opened.dir, checkpointId: cp.info.id, ref: cp.ref };
  });
}
