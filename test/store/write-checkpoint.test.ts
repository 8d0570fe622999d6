import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { CHUNK_SIZE, openStore } from '../../src/store/index.js';
import { SMALL_CHUNK_MAX } from '../../src/store/format.js';
import { ErrorCode } from '../../src/shared/errors.js';
import { listFiles, metaVariable, seededFloats, tempDir, typedVariable } from './helpers.js';

const chunkFiles = (dir: string): string[] => listFiles(path.join(dir, 'chunks'));

test('a checkpoint round-trips: records, meta streams and parts byte for byte', (t) => {
  const { dir, cleanup } = tempDir();
  t.after(cleanup);
  const store = openStore(dir);
  t.after(() => store.close());
  const run = store.beginRun({ script: '/app/train.ts', argv: ['--epochs', '3'], cwd: '/app', parentRunId: 'abc', extra: { k: 1 } });
  assert.match(run.id, /^[0-9a-f]{12}$/);
  assert.equal(run.status, 'running');
  assert.equal(run.alive, true);
  const big = seededFloats(1_300_000, 1); // 10.4 MB: three chunks
  const view = new Int16Array(new ArrayBuffer(64), 16, 8);
  view.forEach((_, i) => (view[i] = i - 4));
  const empty = new Float32Array(0);
  const res = store.writeCheckpoint(run.id, {
    trigger: 'interval', label: 'epoch 1', time: 1_700_000_000_000, extra: { topLevel: 3 },
    location: { file: '/app/train.ts', line: 42, column: 7, function: 'step' },
    skipped: [{ path: 'handler', type: 'function', size: 0, reason: 'functions are not data' }],
    variables: [
      { ...typedVariable('weights', big), frameIndex: 0, frameFunction: 'step' },
      typedVariable('view', view, 'local'),
      typedVariable('empty', empty, 'block'),
      metaVariable('note', 'x'.repeat(100)),
    ],
  });
  assert.equal(res.status, 'ok');
  assert.equal(res.n, 1);
  const totalBytes = big.byteLength + view.byteLength + 100 + ['typed:weights', 'typed:view', 'typed:empty'].join('').length;
  assert.equal(res.bytesTotal, totalBytes);
  assert.equal(res.bytesNew, totalBytes);
  assert.equal(chunkFiles(dir).length, 3, 'only the 4 MiB chunks of `weights` are files; small ones live in the index');

  const cp = store.checkpoint(res.id)!;
  assert.deepEqual(
    { ...cp, damaged: cp.damaged },
    {
      id: res.id, runId: run.id, n: 1, time: 1_700_000_000_000, trigger: 'interval', label: 'epoch 1', status: 'ok',
      location: { file: '/app/train.ts', line: 42, column: 7, function: 'step' }, variableCount: 4,
      bytesTotal: totalBytes, bytesNew: totalBytes, chunksNew: res.chunksNew, extra: { topLevel: 3 },
      skipped: [{ path: 'handler', type: 'function', size: 0, reason: 'functions are not data' }], damaged: undefined,
    },
  );
  const vars = store.variables(res.id);
  assert.deepEqual(vars.map((v) => [v.idx, v.name, v.scope, v.type, v.frameIndex, v.frameFunction]), [
    [0, 'weights', 'module', 'Float64Array', 0, 'step'], [1, 'view', 'local', 'Int16Array', undefined, undefined],
    [2, 'empty', 'block', 'Float32Array', undefined, undefined], [3, 'note', 'local', 'string', undefined, undefined],
  ]);
  assert.deepEqual(vars[1]!.parts.map(({ id, kind, dtype, length, byteOffset, size }) => ({ id, kind, dtype, length, byteOffset, size })),
    [{ id: 0, kind: 'Int16Array', dtype: 'int16', length: 8, byteOffset: 16, size: 16 }]);
  assert.equal(vars[0]!.parts[0]!.chunks.length, 3);
  assert.deepEqual(vars[0]!.shape, [1_300_000]);

  assert.deepEqual(new Float64Array(store.readPart(res.id, 'weights', 0).buffer), big);
  assert.deepEqual(new Int16Array(store.readPart(res.id, 1, 0).buffer), view);
  assert.equal(store.readPart(res.id, 'empty', 0).byteLength, 0);
  assert.equal(new TextDecoder().decode(store.readMeta(res.id, 'note')), 'x'.repeat(100));
  assert.equal(new TextDecoder().decode(store.readMeta(res.id, { name: 'weights', frameIndex: 0 })), 'typed:weights');

  const ended = store.endRun(run.id, { status: 'crashed', exitCode: 1, signal: null, endedAt: 1_700_000_001_000 });
  assert.deepEqual([ended.status, ended.exitCode, ended.signal, ended.endedAt, ended.alive, ended.extra, ended.parentRunId],
    ['crashed', 1, undefined, 1_700_000_001_000, undefined, { k: 1 }, 'abc']);
  assert.deepEqual(store.runs().map((r) => [r.id, r.script, r.argv, r.cwd, r.damaged]), [[run.id, '/app/train.ts', ['--epochs', '3'], '/app', undefined]]);
});

test('dedup: an unchanged second checkpoint writes 0 chunk bytes; one changed element rewrites exactly one chunk', (t) => {
  const { dir, cleanup } = tempDir();
  t.after(cleanup);
  const store = openStore(dir);
  t.after(() => store.close());
  const run = store.beginRun({ script: 's.js' });
  const a = seededFloats(3 * CHUNK_SIZE / 8 + 100, 2); // 3 full chunks and a small tail
  const b = new Int32Array(1000).fill(7);
  const vars = (): ReturnType<typeof typedVariable>[] => [typedVariable('a', a), typedVariable('b', b)];
  const first = store.writeCheckpoint(run.id, { trigger: 'api', variables: vars() });
  const filesAfterFirst = chunkFiles(dir);
  assert.equal(first.bytesNew, first.bytesTotal);
  assert.equal(filesAfterFirst.length, 3);

  const second = store.writeCheckpoint(run.id, { trigger: 'api', variables: vars() });
  assert.deepEqual([second.n, second.bytesNew, second.chunksNew], [2, 0, 0]);
  assert.deepEqual(chunkFiles(dir), filesAfterFirst);

  a[CHUNK_SIZE / 8 + 5] = -1; // inside the second chunk
  const third = store.writeCheckpoint(run.id, { trigger: 'api', variables: vars() });
  assert.deepEqual([third.n, third.bytesNew, third.chunksNew], [3, CHUNK_SIZE, 1]);
  assert.equal(chunkFiles(dir).length, 4);
  const [p2, p3] = [store.variables(second.id)[0]!.parts[0]!.chunks, store.variables(third.id)[0]!.parts[0]!.chunks];
  assert.deepEqual(p2.map((h, i) => h === p3[i]), [true, false, true, true]);
  assert.deepEqual(new Float64Array(store.readPart(third.id, 'a', 0).buffer), a);
  assert.notDeepEqual(new Float64Array(store.readPart(second.id, 'a', 0).buffer), a);

  b[3] = 8; // a small part: its new chunk goes into the index, no file
  const fourth = store.writeCheckpoint(run.id, { trigger: 'api', variables: vars() });
  assert.deepEqual([fourth.bytesNew, fourth.chunksNew], [4000, 1]);
  assert.equal(chunkFiles(dir).length, 4);
  assert.ok(4000 <= SMALL_CHUNK_MAX);
});

test('identical chunks inside one checkpoint are stored once', (t) => {
  const { dir, cleanup } = tempDir();
  t.after(cleanup);
  const store = openStore(dir);
  t.after(() => store.close());
  const run = store.beginRun({ script: 's.js' });
  const zeros = new Float64Array(CHUNK_SIZE / 2); // four identical all-zero chunks
  const res = store.writeCheckpoint(run.id, { trigger: 'api', variables: [typedVariable('z', zeros), typedVariable('z2', zeros.slice())] });
  assert.deepEqual([res.bytesNew - 'typed:z'.length - 'typed:z2'.length, res.chunksNew - 2], [CHUNK_SIZE, 1]);
  assert.equal(chunkFiles(dir).length, 1);
  assert.deepEqual(store.readPart(res.id, 'z2', 0), new Uint8Array(zeros.byteLength));
});

test('failed checkpoints are recorded with their reason and take a number', (t) => {
  const { dir, cleanup } = tempDir();
  t.after(cleanup);
  const store = openStore(dir);
  t.after(() => store.close());
  const run = store.beginRun({ script: 's.js' });
  const failed = store.writeCheckpoint(run.id, { trigger: 'crash', failed: 'inspector detached', skipped: [] });
  assert.deepEqual(failed, { id: failed.id, n: 1, status: 'failed', bytesTotal: 0, bytesNew: 0, chunksNew: 0 });
  const ok = store.writeCheckpoint(run.id, { trigger: 'exit', variables: [metaVariable('x', '1')] });
  assert.equal(ok.n, 2);
  const listed = store.checkpoints({ runId: run.id });
  assert.deepEqual(listed.map((c) => [c.n, c.status, c.failure]), [[1, 'failed', 'inspector detached'], [2, 'ok', undefined]]);
  assert.deepEqual(store.variables(failed.id), []);
});

test('a malformed encoded value fails with INTERNAL and is recorded; unknown runs and triggers are refused', (t) => {
  const { dir, cleanup } = tempDir();
  t.after(cleanup);
  const store = openStore(dir);
  t.after(() => store.close());
  const run = store.beginRun({ script: 's.js' });
  assert.throws(() => store.writeCheckpoint(run.id, {
    trigger: 'api', variables: [{ name: 'bad', scope: 'local', encoded: { meta: 'not bytes' } as never }],
  }), { code: ErrorCode.INTERNAL });
  assert.equal(store.checkpoints({ runId: run.id })[0]!.status, 'failed');
  assert.throws(() => store.writeCheckpoint('nope', { trigger: 'api' }), { code: ErrorCode.NOT_FOUND });
  assert.throws(() => store.writeCheckpoint(run.id, { trigger: 'sometimes' as never }), { code: ErrorCode.INTERNAL });
  assert.throws(() => store.endRun(run.id, { status: 'running' as never }), { code: ErrorCode.INTERNAL });
  assert.throws(() => store.endRun('nope', { status: 'exited' }), { code: ErrorCode.NOT_FOUND });
});

test('checkpoints list by time, per run or store-wide, newest first and limited', (t) => {
  const { dir, cleanup } = tempDir();
  t.after(cleanup);
  const store = openStore(dir);
  t.after(() => store.close());
  const r1 = store.beginRun({ script: 'a.js' });
  const r2 = store.beginRun({ script: 'b.js' });
  const times = [[r1, 100], [r2, 150], [r1, 200], [r2, 250], [r1, 300]] as const;
  for (const [r, time] of times) store.writeCheckpoint(r.id, { trigger: 'interval', time, variables: [metaVariable('t', String(time))] });
  assert.deepEqual(store.checkpoints().map((c) => c.time), [100, 150, 200, 250, 300]);
  assert.deepEqual(store.checkpoints({ runId: r2.id }).map((c) => [c.n, c.time]), [[1, 150], [2, 250]]);
  assert.deepEqual(store.checkpoints({ newestFirst: true, limit: 2 }).map((c) => c.time), [300, 250]);
  assert.deepEqual(store.checkpoints({ since: 150, until: 250 }).map((c) => c.time), [150, 200, 250]);
  assert.equal(store.checkpointAt(r1.id, 3)!.time, 300);
  assert.equal(store.checkpointAt(r1.id, 4), undefined);
});

test('beginRun records the run under the id asked for, or a fresh one when it is taken', (t) => {
  const { dir, cleanup } = tempDir();
  t.after(cleanup);
  const store = openStore(dir);
  t.after(() => store.close());
  assert.equal(store.beginRun({ id: 'a1b2c3d4e5f6', script: 'parent.js' }).id, 'a1b2c3d4e5f6');
  const child = store.beginRun({ id: 'a1b2c3d4e5f6', script: 'child.js', parentRunId: 'a1b2c3d4e5f6' });
  assert.notEqual(child.id, 'a1b2c3d4e5f6');
  assert.match(child.id, /^[0-9a-f]{12}$/);
  assert.equal(store.run(child.id)!.parentRunId, 'a1b2c3d4e5f6');
  assert.equal(store.run('a1b2c3d4e5f6')!.script, 'parent.js');
});
