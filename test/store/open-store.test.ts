import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { STORE_FORMAT_VERSION, openStore } from '../../src/store/index.js';
import { ErrorCode } from '../../src/shared/errors.js';
import { listFiles, metaVariable, seededFloats, tempDir, typedVariable } from './helpers.js';

function modes(root: string): Map<string, number> {
  const out = new Map<string, number>();
  const walk = (d: string): void => {
    out.set(path.relative(root, d) || '.', fs.statSync(d).mode & 0o777);
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.set(path.relative(root, p), fs.statSync(p).mode & 0o777);
    }
  };
  walk(root);
  return out;
}

for (const umask of [0o000, 0o022, 0o077]) {
  test(`directories are 0700 and files 0600 with umask ${umask.toString(8).padStart(3, '0')}`, (t) => {
    const { dir, cleanup } = tempDir();
    t.after(cleanup);
    const old = process.umask(umask);
    t.after(() => process.umask(old));
    const root = path.join(dir, 'a', 'b', 'store'); // parents created too
    const store = openStore(root);
    const run = store.beginRun({ script: 's.js' });
    store.writeCheckpoint(run.id, { trigger: 'api', variables: [typedVariable('w', seededFloats(600_000, 3)), metaVariable('m', 'x')] });
    const found = modes(root);
    assert.ok(found.has('index.sqlite-wal') && found.has('index.sqlite-shm'), 'WAL files exist while the store is open');
    assert.ok([...found.keys()].some((k) => k.startsWith('chunks/') && k.split('/').length === 3), 'a chunk file exists');
    for (const [name, mode] of found) {
      const isDir = fs.statSync(path.join(root, name)).isDirectory();
      assert.equal(mode, isDir ? 0o700 : 0o600, `${name} has mode ${mode.toString(8)}`);
    }
    assert.equal(fs.statSync(path.join(dir, 'a')).mode & 0o777, 0o700);
    assert.equal(fs.statSync(path.join(dir, 'a', 'b')).mode & 0o777, 0o700);
    store.close();
  });
}

test('readers can refuse to create a store; a non-empty foreign directory is never turned into one', (t) => {
  const { dir, cleanup } = tempDir();
  t.after(cleanup);
  assert.throws(() => openStore(path.join(dir, 'none'), { create: false }), (err: { code: string; data: Record<string, unknown> }) =>
    err.code === ErrorCode.STORE_OPEN && err.data['missing'] === true);
  assert.equal(fs.existsSync(path.join(dir, 'none')), false);
  fs.mkdirSync(path.join(dir, 'project'));
  fs.writeFileSync(path.join(dir, 'project', 'package.json'), '{}');
  assert.throws(() => openStore(path.join(dir, 'project')), (err: { code: string; message: string }) =>
    err.code === ErrorCode.STORE_OPEN && /not empty/.test(err.message));
  assert.deepEqual(fs.readdirSync(path.join(dir, 'project')), ['package.json']);
  fs.writeFileSync(path.join(dir, 'file'), 'x');
  assert.throws(() => openStore(path.join(dir, 'file')), { code: ErrorCode.STORE_OPEN });
  // An existing empty directory is fine, and a second open (another reader) sees the same store.
  fs.mkdirSync(path.join(dir, 'empty'));
  const a = openStore(path.join(dir, 'empty'));
  const run = a.beginRun({ script: 'x.js' });
  const b = openStore(path.join(dir, 'empty'), { create: false });
  assert.equal(b.run(run.id)!.script, 'x.js');
  a.close();
  b.close();
});

test('a store of a newer format is refused with STORE_VERSION; a file that is no index with STORE_OPEN', (t) => {
  const { dir, cleanup } = tempDir();
  t.after(cleanup);
  openStore(dir).close();
  const db = new Database(path.join(dir, 'index.sqlite'));
  assert.equal(db.pragma('user_version', { simple: true }), STORE_FORMAT_VERSION);
  db.pragma(`user_version = ${STORE_FORMAT_VERSION + 1}`);
  db.close();
  assert.throws(() => openStore(dir), (err: { code: string; message: string }) =>
    err.code === ErrorCode.STORE_VERSION && err.message.includes(String(STORE_FORMAT_VERSION + 1)));

  const { dir: other, cleanup: c2 } = tempDir();
  t.after(c2);
  fs.writeFileSync(path.join(other, 'index.sqlite'), Buffer.alloc(8192, 0x41));
  assert.throws(() => openStore(other), { code: ErrorCode.STORE_OPEN });
});

test('the cap comes from maxBytes, else CHKPT_MAX_STORE; a bad value is a BAD_OPTION naming it', (t) => {
  const { dir, cleanup } = tempDir();
  t.after(cleanup);
  const s1 = openStore(dir, { maxBytes: '2G', env: { CHKPT_MAX_STORE: '1M' } });
  assert.equal(s1.stats().maxBytes, 2 * 1024 ** 3);
  s1.close();
  const s2 = openStore(dir, { env: { CHKPT_MAX_STORE: '500M' } });
  assert.equal(s2.stats().maxBytes, 500 * 1024 ** 2);
  s2.close();
  assert.throws(() => openStore(dir, { env: { CHKPT_MAX_STORE: 'lots' } }), (err: { code: string; message: string }) =>
    err.code === ErrorCode.BAD_OPTION && err.message.includes('CHKPT_MAX_STORE') && err.message.includes('`lots`'));
  const s3 = openStore(dir, { env: {} });
  const free = fs.statfsSync(dir);
  const stats = s3.stats();
  const expected = Math.min(5 * 1024 ** 3, Math.floor((free.bavail * free.bsize + stats.bytes) / 4));
  // Free space moves while other processes write: allow a little drift.
  assert.ok(Math.abs(stats.maxBytes - expected) < 64 * 1024 ** 2, `${stats.maxBytes} vs ${expected}`);
  assert.ok(stats.maxBytes <= 5 * 1024 ** 3);
  s3.close();
});

test('the store dir defaults to $CHKPT_HOME', (t) => {
  const { dir, cleanup } = tempDir();
  t.after(cleanup);
  const store = openStore(undefined, { env: { CHKPT_HOME: path.join(dir, 'home') } });
  assert.equal(store.dir, path.join(dir, 'home'));
  store.close();
  assert.deepEqual(listFiles(path.join(dir, 'home')), ['index.sqlite']);
});
