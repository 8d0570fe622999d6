// Reading a shared store: its index (the runs' and checkpoints' manifests)
// is copied into this machine's local store for it (remoteCacheDir), what is
// not there yet, and its chunks are read from the shared store the first time
// they are needed, then kept locally (a read cache under the local store's
// size cap). Every reading command and `open()` then work on that local
// store as on any other.
import type { Store } from '../store/index.js';
import { openStore, remoteCacheDir } from '../store/index.js';
import { listRemoteRuns } from './list.js';
import { sendPending } from './pending.js';
import { type CheckpointManifest, MANIFEST_FORMAT } from './manifests.js';
import { RemoteStore, layout } from './remote-store.js';
import { SyncFetcher } from './sync-fetch.js';

export interface SharedStore {
  store: Store;
  url: string;
  close(): void;
}

/** Opens the shared store `url` for reading, its index brought up to date. */
export async function openShared(url: string, env: NodeJS.ProcessEnv = process.env, maxBytes?: number | string): Promise<SharedStore> {
  const remote = new RemoteStore(url, env);
  const fetcher = new SyncFetcher(remote.url);
  const store = openStore(remoteCacheDir(remote.url, env), {
    create: true, autoGc: false, env, ...(maxBytes !== undefined ? { maxBytes } : {}),
    fetchChunk: (hash) => fetcher.fetch(hash),
    prefetchChunks: (hashes) => fetcher.prefetch(hashes),
  });
  try {
    await sendPending(remote, env);
    for (const { run, end, checkpoints } of await listRemoteRuns(remote)) {
      const { format: _format, ...start } = run;
      store.importRun(start, end ? {
        status: end.status === 'running' ? 'killed' : end.status,
        ...(end.exitCode !== undefined ? { exitCode: end.exitCode } : {}),
        ...(end.signal !== undefined ? { signal: end.signal } : {}),
        ...(end.endedAt !== undefined ? { endedAt: end.endedAt } : {}),
      } : undefined);
      for (const n of checkpoints) {
        if (store.hasCheckpoint(run.id, n)) continue;
        const manifest = await remote.getJson<CheckpointManifest>(layout.checkpoint(run.id, n));
        if (manifest?.format !== MANIFEST_FORMAT) continue;
        store.importCheckpoint(run.id, manifest);
      }
    }
  } catch (err) {
    store.close();
    fetcher.close();
    throw err;
  } finally {
    remote.close();
  }
  return {
    store, url: remote.url,
    close: () => {
      store.close();
      fetcher.close();
    },
  };
}
