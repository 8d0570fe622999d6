// A shared store's size cap, enforced by `chkpt gc --store s3://...`: the
// oldest checkpoints' manifests go first until the chunks the others name fit
// the cap, then every chunk no manifest names, once it is older than a grace
// period (a push in flight has sent chunks whose manifest is not there yet:
// they must stay). Many machines may write meanwhile: a manifest written
// after the listing keeps its chunks if they are younger than the grace.
import { type CheckpointManifest, chunksOf } from './manifests.js';
import { type RemoteStore, layout } from './remote-store.js';

export interface RemoteGcReport {
  url: string;
  checkpointsDeleted: string[];
  chunksDeleted: number;
  bytesBefore: number;
  bytesAfter: number;
  maxBytes: number;
}

/** Deletes from `remote` until its chunks fit `maxBytes`; chunks no checkpoint names go once older than `graceMs`. */
export async function gcRemote(remote: RemoteStore, maxBytes: number, graceMs: number, now = Date.now()): Promise<RemoteGcReport> {
  const chunks = new Map<string, { size: number; modified: number }>();
  for (const o of await remote.listDetailed('chunks/')) {
    const hash = /^chunks\/[0-9a-f]{2}\/([0-9a-f]{32})$/.exec(o.key)?.[1];
    if (hash) chunks.set(hash, { size: o.size, modified: o.modified });
  }
  const checkpoints: { key: string; ref: string; time: number; hashes: string[] }[] = [];
  for (const key of await remote.list('runs/')) {
    const m = /^runs\/([^/]+)\/checkpoints\/(\d+)\.json$/.exec(key);
    if (!m) continue;
    const manifest = await remote.getJson<CheckpointManifest>(key);
    // Unreadable (being written, or of a newer format): kept, with what it names.
    const hashes = manifest?.variables?.flatMap((v) => [v.meta, ...v.parts].flatMap((b) => chunksOf(b).map((c) => c.hash))) ?? [];
    checkpoints.push({ key, ref: `${m[1]}@${Number(m[2])}`, time: manifest?.time ?? now, hashes: [...new Set(hashes)] });
  }
  checkpoints.sort((a, b) => a.time - b.time);
  const refs = new Map<string, number>();
  for (const cp of checkpoints) for (const h of cp.hashes) refs.set(h, (refs.get(h) ?? 0) + 1);
  const sweepable = (hash: string): boolean => !refs.has(hash) && now - (chunks.get(hash)?.modified ?? now) >= graceMs;
  const bytesBefore = [...chunks.values()].reduce((sum, c) => sum + c.size, 0);
  // The cap bounds what the checkpoints name; what none names goes (after the grace).
  let named = [...refs.keys()].reduce((sum, h) => sum + (chunks.get(h)?.size ?? 0), 0);
  const dropped: typeof checkpoints = [];
  while (named > maxBytes && checkpoints.length > 0) {
    const cp = checkpoints.shift()!;
    dropped.push(cp);
    for (const h of cp.hashes) {
      const left = (refs.get(h) ?? 1) - 1;
      if (left > 0) refs.set(h, left);
      else {
        refs.delete(h);
        named -= chunks.get(h)?.size ?? 0;
      }
    }
  }
  // Manifests first: a checkpoint is never listed with a chunk gone.
  for (const cp of dropped) await remote.delete(cp.key);
  let chunksDeleted = 0;
  let bytesAfter = bytesBefore;
  for (const [hash, c] of chunks) {
    if (!sweepable(hash)) continue;
    await remote.delete(layout.chunk(hash));
    chunksDeleted++;
    bytesAfter -= c.size;
  }
  return { url: remote.url, checkpointsDeleted: dropped.map((cp) => cp.ref), chunksDeleted, bytesBefore, bytesAfter, maxBytes };
}
