// Reading a shared store: its index (the runs' and checkpoints' manifests)
// is copied into this machine's local store for it (remoteCacheDir), what is
// not there yet, and its chunks are read from the shared store the first time
// they are needed, then kept locally (a read cache under the local store's
// size cap). Every reading command and `open()` then work on that local
// store as on any other. What is imported is noted as sent in the store's
// journal: it is in the shared store already, and this machine's next push
// (the same local store holds its own runs) neither writes it again nor asks
// for each of its chunks.
import type { Store } from '../store/index.js';
import { openStore, remoteCacheDir } from '../store/index.js';
import { Journal } from './journal.js';
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
    const journal = new Journal(store.dir, remote.url);
    const there = { started: [] as string[], ended: [] as string[], checkpoints: [] as string[] };
    for (const { run, end, checkpoints } of await listRemoteRuns(remote)) {
      there.started.push(run.id);
      if (end) there.ended.push(run.id);
      const { format: _format, ...start } = run;
      store.importRun(start, end ? {
        status: end.status === 'running' ? 'killed' : end.status,
        ...(end.exitCode !== undefined ? { exitCode: end.exitCode } : {}),
        ...(end.signal !== undefined ? { signal: end.signal } : {}),
        ...(end.endedAt !== undefined ? { endedAt: end.endedAt } : {}),
      } : undefined);
      for (const n of checkpoints) {
        if (!store.hasCheckpoint(run.id, n)) {
          const manifest = await remote.getJson<CheckpointManifest>(layout.checkpoint(run.id, n));
          if (manifest?.format !== MANIFEST_FORMAT) continue;
          store.importCheckpoint(run.id, manifest);
        }
        there.checkpoints.push(`${run.id}@${n}`);
      }
    }
    for (const kind of ['started', 'ended', 'checkpoints'] as const) journal.addAll(kind, there[kind]);
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
