// Several processes writing one store at once (a script and its children,
// parallel runs): nothing is lost, nothing is corrupted, even with gc racing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { CHUNK_SIZE, openStore } from '../../src/store/index.js';
import { tempDir } from './helpers.js';
import { checkStoreContents, startWriter } from './multiprocess.js';

const WRITERS = 4;
const EACH = 8;

async function runWriters(storeDir: string, cap?: number): Promise<string[]> {
  const writers = Array.from({ length: WRITERS }, (_, i) =>
    startWriter([storeDir, String(i + 1), String(EACH), ...(cap ? [String(cap)] : [])]));
  const runIds = await Promise.all(writers.map((w) => w.ready));
  const exits = await Promise.all(writers.map((w) => w.exited));
  for (const [i, e] of exits.entries()) {
    assert.deepEqual(e, { code: 0, signal: null }, `writer ${i + 1} failed`);
    assert.equal(writers[i]!.lines.at(-1), 'done');
    assert.equal(writers[i]!.lines.filter((l) => l.startsWith('wrote ')).length, EACH);
  }
  return runIds;
}

test(`${WRITERS} processes write one store at once; every checkpoint is there and intact`, async (t) => {
  const { dir, cleanup } = tempDir();
  t.after(cleanup);
  const storeDir = path.join(dir, 'store');
  const runIds = await runWriters(storeDir);
  const store = openStore(storeDir, { create: false });
  t.after(() => store.close());
  assert.equal(checkStoreContents(store), WRITERS * EACH);
  for (const id of runIds) {
    assert.deepEqual(store.checkpoints({ runId: id }).map((c) => c.n), [1, 2, 3, 4, 5, 6, 7, 8]);
    assert.equal(store.run(id)!.status, 'exited');
  }
});

test(`${WRITERS} processes write one store at once while their automatic gc deletes each other's checkpoints`, async (t) => {
  const { dir, cleanup } = tempDir();
  t.after(cleanup);
  const storeDir = path.join(dir, 'store');
  const cap = 10 * CHUNK_SIZE;
  const runIds = await runWriters(storeDir, cap);
  const store = openStore(storeDir, { create: false });
  t.after(() => store.close());
  const checked = checkStoreContents(store);
  assert.ok(checked < WRITERS * EACH, 'the cap made gc delete some checkpoints');
  for (const id of runIds) assert.ok(store.checkpointAt(id, EACH), `the newest checkpoint of run ${id} is kept`);
  assert.ok(store.stats().bytes <= cap);
});
