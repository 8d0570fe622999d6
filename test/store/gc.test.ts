import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import Database from 'better-sqlite3';
import { CHUNK_SIZE, openStore, type Store } from '../../src/store/index.js';
import { ErrorCode } from '../../src/shared/errors.js';
import { listFiles, seededFloats, tempDir, typedVariable } from './helpers.js';

/** Exactly one chunk file of distinct content per seed. */
const oneChunk = (seed: number): ReturnType<typeof typedVariable> => typedVariable('v', seededFloats(CHUNK_SIZE / 8, seed));
const chunkFiles = (dir: string): number => listFiles(path.join(dir, 'chunks')).length;
const indexBytes = (store: Store, files: number): number => store.stats().bytes - files * CHUNK_SIZE;

test('the cap deletes oldest first, keeping each run\'s newest and every crash checkpoint while anything else can go', (t) => {
  const { dir, cleanup } = tempDir();
  t.after(cleanup);
  const store = openStore(dir, { autoGc: false });
  t.after(() => store.close());
  const a = store.beginRun({ script: 'a.js' });
  const b = store.beginRun({ script: 'b.js' });
  const plan = [
    ['A1', a, 'interval', 100], ['B1', b, 'interval', 150], ['A2', a, 'crash', 200],
    ['A3', a, 'interval', 300], ['B2', b, 'exit', 350], ['A4', a, 'exit', 400],
  ] as const;
  const ids = new Map<string, number>();
  plan.forEach(([name, run, trigger, time], i) => {
    ids.set(name, store.writeCheckpoint(run.id, { trigger, time, label: name, variables: [oneChunk(i + 1)] }).id);
  });
  const labels = (): string[] => store.checkpoints().map((c) => c.label!);
  const idx = indexBytes(store, 6);
  const cap = (chunks: number): number => idx + chunks * CHUNK_SIZE + CHUNK_SIZE / 2;

  const r1 = store.gc({ maxBytes: cap(4) });
  assert.deepEqual(r1.checkpointsDeleted, [ids.get('A1'), ids.get('B1')]);
  assert.deepEqual(labels(), ['A2', 'A3', 'B2', 'A4']);
  assert.equal(r1.chunksDeleted, 2);
  assert.equal(chunkFiles(dir), 4);
  assert.ok(r1.bytesAfter <= cap(4));

  store.gc({ maxBytes: cap(3) });
  assert.deepEqual(labels(), ['A2', 'B2', 'A4'], 'the last unprotected one goes before any protected one');

  // Only protected checkpoints are left: now they go too, oldest first.
  store.gc({ maxBytes: cap(2) });
  assert.deepEqual(labels(), ['B2', 'A4']);
  const r4 = store.gc({ maxBytes: cap(2) });
  assert.deepEqual(r4.checkpointsDeleted, [], 'under the cap: nothing to do');
  assert.equal(store.verify().ok, true);
});

test('a chunk shared with a kept checkpoint survives the deletion of another', (t) => {
  const { dir, cleanup } = tempDir();
  t.after(cleanup);
  const store = openStore(dir, { autoGc: false });
  t.after(() => store.close());
  const run = store.beginRun({ script: 'a.js' });
  const shared = seededFloats(CHUNK_SIZE / 8, 9);
  const first = store.writeCheckpoint(run.id, { trigger: 'api', variables: [typedVariable('s', shared), oneChunk(10)] });
  const second = store.writeCheckpoint(run.id, { trigger: 'api', variables: [typedVariable('s', shared)] });
  const r = store.gc({ maxBytes: indexBytes(store, 2) + CHUNK_SIZE + 1000 });
  assert.deepEqual(r.checkpointsDeleted, [first.id]);
  assert.equal(r.chunksDeleted, 2, 'the unshared chunk and the first checkpoint\'s meta stream');
  assert.deepEqual(new Float64Array(store.readPart(second.id, 's', 0).buffer), shared);
});

test('after each checkpoint the cap is enforced automatically; the one just written is always kept', (t) => {
  const { dir, cleanup } = tempDir();
  t.after(cleanup);
  const probe = openStore(dir);
  const idx = probe.stats().bytes;
  probe.close();
  const cap = idx + 64 * 1024 + 2.5 * CHUNK_SIZE;
  const store = openStore(dir, { maxBytes: cap });
  t.after(() => store.close());
  const run = store.beginRun({ script: 'a.js' });
  for (let i = 1; i <= 5; i++) {
    store.writeCheckpoint(run.id, { trigger: 'interval', label: `c${i}`, variables: [oneChunk(20 + i)] });
    assert.ok(store.stats().bytes <= cap, `after c${i}: ${store.stats().bytes} > ${cap}`);
  }
  assert.deepEqual(store.checkpoints().map((c) => c.label), ['c4', 'c5']);
  // A checkpoint bigger than the whole cap still stays: it is the newest thing there is.
  const huge = store.writeCheckpoint(run.id, { trigger: 'exit', label: 'huge', variables: [typedVariable('h', seededFloats(3 * CHUNK_SIZE / 8, 99))] });
  assert.deepEqual(store.checkpoints().map((c) => c.label), ['huge']);
  assert.equal(store.verify().ok, true);
  assert.equal(store.readPart(huge.id, 'h', 0).byteLength, 3 * CHUNK_SIZE);
});

test('chunks of a write that failed before its commit are collected', (t) => {
  const { dir, cleanup } = tempDir();
  t.after(cleanup);
  const store = openStore(dir, { autoGc: false });
  t.after(() => store.close());
  const run = store.beginRun({ script: 'a.js' });
  store.setWriteHooks({ beforeCommit: () => { throw new Error('simulated crash before the index commit'); } });
  assert.throws(() => store.writeCheckpoint(run.id, { trigger: 'api', variables: [oneChunk(30)] }), (err: { code: string; message: string }) =>
    err.code === ErrorCode.WRITE_FAILED && /simulated crash/.test(err.message));
  store.setWriteHooks(undefined);
  assert.equal(chunkFiles(dir), 1, 'the chunk file was durable before the failure');
  assert.equal(store.checkpoints()[0]!.status, 'failed');
  const r = store.gc();
  assert.equal(r.chunksDeleted, 1);
  assert.equal(chunkFiles(dir), 0);
});

test('gc/writer race: a chunk a writer saw present is not deleted before its checkpoint commits', (t) => {
  const { dir, cleanup } = tempDir();
  t.after(cleanup);
  const writer = openStore(dir, { autoGc: false });
  const collector = openStore(dir, { autoGc: false }); // another process, as far as SQLite knows
  t.after(() => (writer.close(), collector.close()));
  const run = writer.beginRun({ script: 'a.js' });
  const data = seededFloats(CHUNK_SIZE / 8, 40);
  writer.writeCheckpoint(run.id, { trigger: 'api', variables: [typedVariable('d', data)] });
  writer.writeCheckpoint(run.id, { trigger: 'api', variables: [oneChunk(41)] });

  let report: ReturnType<Store['gc']> | undefined;
  // The window: after the writer decided the chunk is present, before its commit.
  writer.setWriteHooks({ beforeCommit: () => { report = collector.gc({ maxBytes: 0 }); } });
  const res = writer.writeCheckpoint(run.id, { trigger: 'api', variables: [typedVariable('d', data)] });
  assert.equal(report!.checkpointsDeleted.length, 2, 'gc ran in the window and deleted both older checkpoints');
  assert.equal(res.bytesNew - 'typed:d'.length, 0, 'the writer found the chunk present and skipped it');
  assert.deepEqual(new Float64Array(writer.readPart(res.id, 'd', 0).buffer), data);
  assert.equal(writer.verify().ok, true);
});

test('gc/writer race, control: without the lease the same interleaving loses the chunk', (t) => {
  const { dir, cleanup } = tempDir();
  t.after(cleanup);
  const writer = openStore(dir, { autoGc: false });
  const collector = openStore(dir, { autoGc: false });
  t.after(() => (writer.close(), collector.close()));
  const run = writer.beginRun({ script: 'a.js' });
  const data = seededFloats(CHUNK_SIZE / 8, 50);
  writer.writeCheckpoint(run.id, { trigger: 'api', variables: [typedVariable('d', data)] });
  writer.writeCheckpoint(run.id, { trigger: 'api', variables: [oneChunk(51)] });
  writer.setWriteHooks({
    beforeCommit: () => {
      const raw = new Database(path.join(dir, 'index.sqlite'));
      raw.exec('DELETE FROM lease_chunks; DELETE FROM leases;');
      raw.close();
      collector.gc({ maxBytes: 0 });
    },
  });
  const res = writer.writeCheckpoint(run.id, { trigger: 'api', variables: [typedVariable('d', data)] });
  assert.throws(() => writer.readPart(res.id, 'd', 0), { code: ErrorCode.MISSING_CHUNK });
  assert.equal(writer.verify().ok, false);
});

test('leases of dead writers on this host stop protecting chunks; young leases of other hosts still do', (t) => {
  const { dir, cleanup } = tempDir();
  t.after(cleanup);
  const store = openStore(dir, { autoGc: false });
  t.after(() => store.close());
  const run = store.beginRun({ script: 'a.js' });
  store.writeCheckpoint(run.id, { trigger: 'api', variables: [oneChunk(60)] });
  const [h1] = store.variables(1)[0]!.parts[0]!.chunks;
  store.writeCheckpoint(run.id, { trigger: 'api', variables: [oneChunk(61)] });
  const [h2] = store.variables(2)[0]!.parts[0]!.chunks;
  store.writeCheckpoint(run.id, { trigger: 'api', variables: [oneChunk(62)] });
  const raw = new Database(path.join(dir, 'index.sqlite'));
  const host = (raw.prepare('SELECT hostname FROM runs').pluck().get() as string);
  raw.prepare('INSERT INTO leases VALUES (?, ?, ?, ?)').run('dead', 999_999_999, host, Date.now());
  raw.prepare('INSERT INTO lease_chunks VALUES (?, ?)').run(h1, 'dead');
  raw.prepare('INSERT INTO leases VALUES (?, ?, ?, ?)').run('remote', 999_999_999, 'some-other-host', Date.now());
  raw.prepare('INSERT INTO lease_chunks VALUES (?, ?)').run(h2, 'remote');
  raw.close();
  const r = store.gc({ maxBytes: 0 });
  assert.equal(r.checkpointsDeleted.length, 3);
  const left = listFiles(path.join(dir, 'chunks')).map((f) => f.replace('/', ''));
  assert.deepEqual(left, [h2], 'only the chunk leased by a live-looking remote writer is left');
});
