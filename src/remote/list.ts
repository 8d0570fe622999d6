// The runs of a shared store, from its index alone: one listing of `runs/`,
// then each run's start and end manifests. A run whose process has not sent
// its end yet is listed as running.
import { type EndManifest, MANIFEST_FORMAT, type RunManifest } from './manifests.js';
import { type RemoteStore, layout } from './remote-store.js';

export interface RemoteRun {
  run: RunManifest;
  end?: EndManifest;
  /** The checkpoint numbers whose manifests are there. */
  checkpoints: number[];
}

/** The runs, oldest first; `newer` counts those written in a format this chkpt does not know (not listed). */
export async function listRemoteRuns(remote: RemoteStore): Promise<RemoteRun[] & { newer?: number }> {
  const keys = await remote.list(layout.runs);
  const byRun = new Map<string, { start: boolean; end: boolean; checkpoints: number[] }>();
  for (const key of keys) {
    const m = /^runs\/([^/]+)\/(run\.json|end\.json|checkpoints\/(\d+)\.json)$/.exec(key);
    if (!m) continue;
    const entry = byRun.get(m[1]!) ?? { start: false, end: false, checkpoints: [] };
    if (m[2] === 'run.json') entry.start = true;
    else if (m[2] === 'end.json') entry.end = true;
    else entry.checkpoints.push(Number(m[3]));
    byRun.set(m[1]!, entry);
  }
  const runs: RemoteRun[] & { newer?: number } = [];
  let newer = 0;
  for (const [id, entry] of byRun) {
    if (!entry.start) continue; // its start is on its way
    const run = await remote.getJson<RunManifest>(layout.runStart(id));
    if (!run) continue;
    if (run.format !== MANIFEST_FORMAT) {
      newer++;
      continue;
    }
    const end = entry.end ? await remote.getJson<EndManifest>(layout.runEnd(id)) : undefined;
    runs.push({ run, ...(end ? { end } : {}), checkpoints: entry.checkpoints.sort((a, b) => a - b) });
  }
  runs.sort((a, b) => a.run.startedAt - b.run.startedAt || (a.run.id < b.run.id ? -1 : 1));
  if (newer > 0) runs.newer = newer;
  return runs;
}
