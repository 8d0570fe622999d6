// The runtime API a script imports: `import { chkpt } from 'chkpt'`. Under
// `chkpt run` (or `node --import chkpt/register`) it talks to the one bridge
// in the process, whichever copy of this package the script resolved; without
// chkpt every call is a cheap no-op, so the import is always safe.
import { BRIDGE_KEY, type RuntimeBridge, type RuntimeOptions, type SnapshotResult } from '../shared/runtime-bridge.js';

function bridge(): RuntimeBridge | undefined {
  const found = (globalThis as unknown as Record<symbol, RuntimeBridge | undefined>)[BRIDGE_KEY];
  return found?.active ? found : undefined;
}

export type { RuntimeOptions, SnapshotResult };

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
  /** Changes the interval (ms, -1: off), the salient size (bytes) or the time budget (%) at run time. */
  configure(options: RuntimeOptions): void {
    bridge()?.configure(options);
  },
};
