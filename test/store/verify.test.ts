// Corruption: flipped bytes in chunks and in the index are detected and
// reported per variable; what is intact still loads; nothing is silently wrong.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { CHUNK_SIZE, openStore, type Store } from '../../src/store/index.js';
import { ErrorCode, isChkptError } from '../../src/shared/errors.js';
import { metaVariable, seededFloats, seededRandom, tempDir, typedVariable } from './helpers.js';

const chunkFile = (dir: string, hash: string): string => path.join(dir, 'chunks', hash.slice(0, 2), hash.slice(2));

function flipByte(file: string, offset: number): void {
  const fd = fs.openSync(file, 'r+');
  const b = Buffer.alloc(1);
  fs.readSync(fd, b, 0, 1, offset);
  b[0]! ^= 0x20;
  fs.writeSync(fd, b, 0, 1, offset);
  fs.closeSync(fd);
}

test('a damaged chunk is reported for its variable (in every checkpoint using it); the rest still loads', (t) => {
  const { dir, cleanup } = tempDir();
  t.after(cleanup);
  const store = openStore(dir, { autoGc: false });
  t.after(() => store.close());
  const run = store.beginRun({ script: 'a.js' });
  const a = seededFloats(CHUNK_SIZE / 4, 1); // two chunk files
  const b = seededFloats(CHUNK_SIZE / 8, 2); // one
  const vars = [typedVariable('a', a), typedVariable('b', b), metaVariable('c', 'small value')];
  const c1 = store.writeCheckpoint(run.id, { trigger: 'api', variables: vars }).id;
  const c2 = store.writeCheckpoint(run.id, { trigger: 'api', variables: vars }).id;
  const damaged = store.variable(c1, 'a').parts[0]!.chunks[1]!;
  flipByte(chunkFile(dir, damaged), 12345);

  assert.throws(() => store.readPart(c1, 'a', 0), (err: unknown) => {
    assert.ok(isChkptError(err));
    assert.equal(err.code, ErrorCode.INTEGRITY);
    assert.deepEqual([err.data['variable'], err.data['hash'], err.data['part'], err.data['checkpointId']], ['a', damaged, 0, c1]);
    return true;
  });
  assert.deepEqual(new Float64Array(store.readPart(c1, 'b', 0).buffer), b);
  assert.equal(new TextDecoder().decode(store.readMeta(c1, 'c')), 'small value');

  const report = store.verify();
  assert.equal(report.ok, false);
  assert.deepEqual(report.index, []);
  for (const cp of report.checkpoints) {
    assert.deepEqual(cp.variables.map((v) => [v.name, v.ok, v.problems.map((p) => [p.code, p.hash])]), [
      ['a', false, [[ErrorCode.INTEGRITY, damaged]]], ['b', true, []], ['c', true, []],
    ]);
  }
  assert.deepEqual(report.checkpoints.map((c) => c.id), [c1, c2]);

  fs.rmSync(chunkFile(dir, store.variable(c2, 'b').parts[0]!.chunks[0]!));
  assert.throws(() => store.readPart(c2, 'b', 0), { code: ErrorCode.MISSING_CHUNK });
  const raw = new Database(path.join(dir, 'index.sqlite'));
  const small = store.variable(c2, 'c').meta.chunks[0]!;
  raw.prepare('UPDATE chunks SET data = ? WHERE hash = ?').run(Buffer.from('small valuE'), small);
  raw.close();
  assert.throws(() => store.readMeta(c2, 'c'), { code: ErrorCode.INTEGRITY });
  const again = store.verify();
  assert.deepEqual(again.checkpoints[1]!.variables.map((v) => v.problems.map((p) => p.code)), [
    [ErrorCode.INTEGRITY], [ErrorCode.MISSING_CHUNK], [ErrorCode.INTEGRITY],
  ]);
});

/** A store with known contents, closed (so its WAL is folded into index.sqlite). */
function buildStore(dir: string): Map<string, unknown> {
  const store = openStore(dir, { autoGc: false });
  const expected = new Map<string, unknown>();
  const r1 = store.beginRun({ script: '/w/one.js', argv: ['x'], cwd: '/w', startedAt: 1000 });
  const r2 = store.beginRun({ script: '/w/two.js', argv: [], cwd: '/w', startedAt: 2000 });
  const big = seededFloats(CHUNK_SIZE / 8 + 10, 7);
  const steps: [string, string, number][] = [[r1.id, 'label-alpha', 1], [r1.id, 'label-beta', 2], [r2.id, 'label-gamma', 3]];
  for (const [runId, label, k] of steps) {
    const ints = new Int32Array(300).fill(k);
    store.writeCheckpoint(runId, {
      trigger: 'interval', label, time: 10_000 + k, location: { file: '/w/one.js', line: k, column: 1 },
      variables: [typedVariable('weights_unique_name', big), typedVariable(`ints${k}`, ints, 'local'), metaVariable('text', `value ${k}`)],
    });
  }
  store.endRun(r1.id, { status: 'exited', exitCode: 0, endedAt: 5000 });
  expected.set('snapshot', snapshot(store, true));
  store.close();
  return expected;
}

/** Everything a reader can get out of a store, including every byte. */
function snapshot(store: Store, withBytes: boolean): unknown {
  return {
    runs: store.runs().map(({ alive: _alive, ...r }) => r),
    checkpoints: store.checkpoints().map((c) => ({
      ...c,
      variables: store.variables(c.id).map((v) => ({
        ...v,
        meta: withBytes ? Buffer.from(store.readMeta(c.id, v.idx)).toString('base64') : v.meta,
        parts: v.parts.map((p) => (withBytes ? Buffer.from(store.readPart(c.id, v.idx, p.id)).toString('hex') : p)),
      })),
    })),
  };
}

test('a flipped byte in a checkpoint or variable record is detected by its checksum', (t) => {
  const { dir, cleanup } = tempDir();
  t.after(cleanup);
  buildStore(dir);
  const indexFile = path.join(dir, 'index.sqlite');
  const text = fs.readFileSync(indexFile);
  flipByte(indexFile, text.indexOf('label-beta') + 6);
  const at = text.indexOf('weights_unique_name');
  assert.ok(at > 0);
  flipByte(indexFile, at + 3);

  const store = openStore(dir, { create: false });
  t.after(() => store.close());
  const cps = store.checkpoints();
  assert.deepEqual(cps.map((c) => c.damaged), [undefined, 'checksum mismatch', undefined]);
  const damagedVars = cps.flatMap((c) => store.variables(c.id).filter((v) => v.damaged).map((v) => [c.id, v.idx]));
  assert.equal(damagedVars.length, 1);
  const [cid, idx] = damagedVars[0]!;
  assert.throws(() => store.readPart(cid!, idx!, 0), { code: ErrorCode.INTEGRITY });
  const report = store.verify();
  assert.equal(report.ok, false);
  assert.deepEqual(report.checkpoints.map((c) => c.ok), [cid !== cps[0]!.id, false, cid !== cps[2]!.id]);
  assert.deepEqual(report.checkpoints[1]!.problems.map((p) => p.code), [ErrorCode.INTEGRITY]);
});

test('random bit flips in the index\'s used bytes: opening fails, verify reports, or every value read is right', (t) => {
  const { dir, cleanup } = tempDir();
  t.after(cleanup);
  const expected = buildStore(dir).get('snapshot');
  const pristine = fs.readFileSync(path.join(dir, 'index.sqlite'));
  const trial = path.join(dir, 'trial');
  fs.mkdirSync(trial);
  fs.symlinkSync(path.join(dir, 'chunks'), path.join(trial, 'chunks'));
  // Flip bits in bytes that hold something (most of a small index is empty pages).
  const used = [...pristine.keys()].filter((i) => pristine[i] !== 0);
  const outcomes = { openFailed: 0, reported: 0, intact: 0 };
  const rand = seededRandom(12345);
  for (let i = 0; i < 80; i++) {
    for (const f of fs.readdirSync(trial)) if (f.startsWith('index.sqlite')) fs.rmSync(path.join(trial, f));
    const bytes = Buffer.from(pristine);
    const offset = used[rand(used.length)]!;
    bytes[offset]! ^= 1 << rand(8);
    fs.writeFileSync(path.join(trial, 'index.sqlite'), bytes);
    let store: Store;
    try {
      store = openStore(trial, { create: false, autoGc: false });
    } catch (err) {
      assert.ok(isChkptError(err), `open threw a non-chkpt error at offset ${offset}: ${String(err)}`);
      outcomes.openFailed++;
      continue;
    }
    try {
      if (!store.verify().ok) {
        outcomes.reported++;
        continue;
      }
      assert.deepEqual(snapshot(store, true), expected, `silently wrong after flipping a bit at offset ${offset}`);
      outcomes.intact++;
    } finally {
      store.close();
    }
  }
  t.diagnostic(JSON.stringify(outcomes));
  assert.equal(outcomes.openFailed + outcomes.reported + outcomes.intact, 80);
});
