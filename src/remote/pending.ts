// What this machine's local store for a shared store has not sent yet (a run
// whose process ended, or died, before its sending finished) is sent by the
// next command that reads that shared store, before it reads.
import { existsSync } from 'node:fs';
import { openStore, remoteCacheDir } from '../store/index.js';
import { type PushReport, pushRuns } from './push.js';
import type { RemoteStore } from './remote-store.js';

/** Sends what the local store for `remote` lacks there; undefined when this machine has none. */
export async function sendPending(remote: RemoteStore, env: NodeJS.ProcessEnv = process.env): Promise<PushReport | undefined> {
  const dir = remoteCacheDir(remote.url, env);
  if (!existsSync(dir)) return undefined;
  const store = openStore(dir, { create: false, autoGc: false, env });
  try {
    return await pushRuns(store, remote);
  } finally {
    store.close();
  }
}
