// kill -9 at any instant: writers are SIGKILLed at random points (in a chunk
// write, an fsync, an index commit, an automatic gc) and the store must still
// open, verify, and hold exactly what every listed checkpoint says.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { CHUNK_SIZE, openStore } from '../../src/store/index.js';
import { listFiles, seededRandom, tempDir } from './helpers.js';
import { checkStoreContents, startWriter } from './multiprocess.js';

const KILLS = 50;
const PARALLEL = 3;
const CAP = 16 * CHUNK_SIZE; // small enough that automatic gc runs (and gets killed) too

test(`${KILLS} writers killed with SIGKILL at random instants leave every listed checkpoint complete`, async (t) => {
  const { dir, cleanup } = tempDir();
  t.after(cleanup);
  const storeDir = path.join(dir, 'store');
  openStore(storeDir).close();
  let next = 0;
  const finished: { seed: number; runId: string; acked: number[] }[] = [];
  const random = seededRandom(987654321);

  async function killOne(): Promise<void> {
    const seed = ++next;
    const w = startWriter([storeDir, String(seed), '0', String(CAP)]);
    const runId = await w.ready;
    // Random instants from "inside the first write" to "several writes in"
    // (where automatic gc runs too): after 0-3 acknowledged checkpoints, then
    // 0-60 ms, about one write's time. Counting acks keeps the spread the same
    // on a slow, loaded machine.
    const acks = random(4);
    while (w.lines.filter((l) => l.startsWith('wrote ')).length < acks && w.child.exitCode === null) await sleep(2);
    await sleep(random(60));
    w.child.kill('SIGKILL');
    const exit = await w.exited;
    assert.equal(exit.signal, 'SIGKILL', `writer ${seed} was still running when killed`);
    const acked = w.lines.filter((l) => l.startsWith('wrote ')).map((l) => Number(l.split(' ')[1]));
    finished.push({ seed, runId, acked });
  }
  const lanes = Array.from({ length: PARALLEL }, async () => {
    while (next < KILLS) await killOne();
  });
  await Promise.all(lanes);
  assert.equal(finished.length, KILLS);

  const store = openStore(storeDir, { create: false, autoGc: false });
  t.after(() => store.close());
  const checked = checkStoreContents(store);
  t.diagnostic(`kills: ${KILLS}, checkpoints acknowledged: ${finished.reduce((s, f) => s + f.acked.length, 0)}, listed and checked: ${checked}, ` +
    `writers killed before their first checkpoint: ${finished.filter((f) => f.acked.length === 0).length}`);
  assert.ok(checked > 0);
  // The newest acknowledged checkpoint of each of the last writers survives
  // (the cap deletes protected checkpoints oldest first, and these fit), or a
  // newer one of its run does: the kill may land after a commit, before the ack.
  for (const f of finished.slice(-6)) {
    if (f.acked.length === 0) continue;
    const ackedId = f.acked[f.acked.length - 1]!;
    const newest = store.checkpoints({ runId: f.runId, newestFirst: true, limit: 1 })[0];
    assert.ok(store.checkpoint(ackedId) || (newest && newest.id > ackedId), `writer ${f.seed}: acknowledged checkpoint ${ackedId} lost`);
  }
  for (const run of store.runs()) assert.deepEqual([run.status, run.alive], ['running', false]);

  // Dead writers' temp files, leases and orphan chunks are all collected.
  const report = store.gc({ maxBytes: CAP });
  assert.deepEqual(fs.readdirSync(path.join(storeDir, 'tmp')), []);
  const referenced = new Set(store.checkpoints().flatMap((c) => store.variables(c.id).flatMap((v) => [...v.meta.chunks, ...v.parts.flatMap((p) => p.chunks)])));
  for (const f of listFiles(path.join(storeDir, 'chunks'))) assert.ok(referenced.has(f.replace('/', '')), `orphan chunk ${f} left after gc`);
  t.diagnostic(`gc after the kills: ${JSON.stringify({ chunksDeleted: report.chunksDeleted, temp: report.tempFilesRemoved })}`);
  assert.equal(checkStoreContents(store), store.checkpoints().filter((c) => c.status === 'ok').length);
});
