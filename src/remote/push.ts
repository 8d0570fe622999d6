// Sending a local store's runs to a shared store: for each checkpoint, its
// chunks the shared store lacks (a HEAD first: a chunk another machine sent
// is not sent again), then its manifest, which makes it visible; each run's
// start before its checkpoints and its end once it has ended. Idempotent and
// resumable: stopped anywhere (a killed process, the server gone), the next
// push sends what is missing, and a reader never sees a checkpoint whose
// chunks are not all there.
import type { Store } from '../store/index.js';
import { Journal } from './journal.js';
import { checkpointManifest, chunksOf, endManifest, runManifest } from './manifests.js';
import { type RemoteStore, layout } from './remote-store.js';

/** Requests in flight at once while sending chunks. */
const PARALLEL = 4;

export interface PushReport {
  url: string;
  runs: number;
  checkpoints: number;
  chunksSent: number;
  chunksPresent: number;
  bytesSent: number;
}

/** Runs `jobs` with at most `limit` at a time; the first failure rejects (after those running settle). */
async function pool<T>(items: T[], limit: number, job: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failed: unknown;
  const worker = async (): Promise<void> => {
    while (failed === undefined && next < items.length) {
      const item = items[next++]!;
      try {
        await job(item);
      } catch (err) {
        failed ??= err;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  if (failed !== undefined) throw failed;
}

/** Sends the runs `runIds` (default: every run) of `store` to `remote`. */
export async function pushRuns(store: Store, remote: RemoteStore, runIds?: string[]): Promise<PushReport> {
  const journal = new Journal(store.dir, remote.url);
  const report: PushReport = { url: remote.url, runs: 0, checkpoints: 0, chunksSent: 0, chunksPresent: 0, bytesSent: 0 };
  const runs = store.runs().filter((r) => !runIds || runIds.includes(r.id)).sort((a, b) => a.startedAt - b.startedAt);
  for (const run of runs) {
    if (run.damaged) continue;
    let sent = false;
    if (!journal.has('started', run.id)) {
      await remote.putJson(layout.runStart(run.id), runManifest(run));
      journal.add('started', run.id);
      sent = true;
    }
    for (const cp of store.checkpoints({ runId: run.id }).sort((a, b) => a.n - b.n)) {
      const key = `${run.id}@${cp.n}`;
      if (cp.status !== 'ok' || cp.damaged || journal.has('checkpoints', key)) continue;
      const variables = store.variables(cp.id);
      const chunks = new Map<string, { hash: string; size: number; variable: string }>();
      for (const v of variables) {
        for (const blob of [v.meta, ...v.parts]) for (const c of chunksOf(blob)) chunks.set(c.hash, { ...c, variable: v.name });
      }
      await pool([...chunks.values()], PARALLEL, async (c) => {
        if (await remote.has(layout.chunk(c.hash), c.size)) {
          report.chunksPresent++;
          return;
        }
        const bytes = store.readChunk(c.hash, c.size, { checkpointId: cp.id, variable: c.variable });
        await remote.put(layout.chunk(c.hash), bytes);
        report.chunksSent++;
        report.bytesSent += c.size;
      });
      // Last: the manifest makes the checkpoint visible, its chunks all there.
      await remote.putJson(layout.checkpoint(run.id, cp.n), checkpointManifest(cp, variables));
      journal.add('checkpoints', key);
      report.checkpoints++;
      sent = true;
    }
    if (run.status !== 'running' && !journal.has('ended', run.id)) {
      await remote.putJson(layout.runEnd(run.id), endManifest(run));
      journal.add('ended', run.id);
      sent = true;
    }
    if (sent) report.runs++;
  }
  return report;
}
