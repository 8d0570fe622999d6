// The runtime API a script imports: `import { chkpt } from 'chkpt'`. Under
// `chkpt run` (or `node --import chkpt/register`) it talks to the one bridge
// in the process, whichever copy of this package the script resolved; without
// chkpt every call is a cheap no-op, so the import is always safe.
import { BRIDGE_KEY, type RestoreOptions, type RuntimeBridge, type RuntimeOptions, type SnapshotResult } from '../shared/runtime-bridge.js';

function installed(): RuntimeBridge | undefined {
  return (globalThis as unknown as Record<symbol, RuntimeBridge | undefined>)[BRIDGE_KEY];
}

function bridge(): RuntimeBridge | undefined {
  const found = installed();
  return found?.active ? found : undefined;
}

export type { RestoreOptions, RuntimeOptions, SnapshotResult };

/** Control of checkpointing from inside the script. */
export const chkpt = {
  /** Whether chkpt is capturing this process. */
  get active(): boolean {
    return bridge() !== undefined;
  },
  /** Takes a checkpoint now, with the caller's locals; returns once the state is read. */
  snapshot(label?: string): SnapshotResult {
    return bridge()?.snapshot(label) ?? { taken: false, reason: 'chkpt is not active' };
  },
  /** Always captures `value` (whatever its size) under `name`; returns the name used. */
  track<T>(value: T, name?: string): string {
    const b = bridge();
    return b ? b.track(value, name) : (name ?? '');
  },
  /** Stops tracking a value, or the value tracked under a name. */
  untrack(valueOrName: unknown): boolean {
    return bridge()?.untrack(valueOrName) ?? false;
  },
  /** Whether this run resumes from a checkpoint (`chkpt resume`, `chkpt run --resume`): `chkpt.restore` then reads from it. */
  get restoring(): boolean {
    return installed()?.resuming !== undefined;
  },
  /** The checkpoint this run resumes from (`<run id>@<n>`), or undefined. */
  get resumingFrom(): string | undefined {
    return installed()?.resuming;
  },
  /**
   * The value saved under `path` (a variable as `chkpt show` lists it, and
   * steps into it: `model`, `state.weights`) in the checkpoint this run
   * resumes from; else, or without chkpt, what `init()` returns. Instances
   * come back as instances of the script's live classes (matched by name and
   * defining module). Throws ECHKPT_CLASS_MISSING for a class the script no
   * longer has (see `options`), ECHKPT_INTEGRITY or ECHKPT_MISSING_CHUNK when
   * the value's stored bytes are damaged.
   */
  restore<T>(path: string, init: () => T, options: RestoreOptions = {}): T {
    const b = installed();
    if (b?.resuming === undefined || !b.restore) return init();
    const result = b.restore(String(path), options);
    return result.found ? (result.value as T) : init();
  },
  /** Changes the interval (ms, -1: off), the salient size (bytes) or the time budget (%) at run time. */
  configure(options: RuntimeOptions): void {
    bridge()?.configure(options);
  },
};
