// A full disk or a write error fails the checkpoint cleanly: WRITE_FAILED with
// the cause, temp files removed, the failure recorded, the store still usable,
// nothing thrown at the script.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openStore } from '../../src/store/index.js';
import { ErrorCode } from '../../src/shared/errors.js';
import { listFiles, metaVariable, seededFloats, tempDir, typedVariable } from './helpers.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const hasPrlimit = spawnSync('prlimit', ['--version']).status === 0;

test('a file-size limit (EFBIG) fails the checkpoint cleanly and the store stays usable', { skip: hasPrlimit ? false : 'prlimit (util-linux) is not installed' }, (t) => {
  const { dir, cleanup } = tempDir();
  t.after(cleanup);
  const storeDir = path.join(dir, 'store');
  openStore(storeDir).close();
  // 2 MiB: the index and WAL stay under it, a 4 MiB chunk file does not.
  const out = execFileSync('prlimit', [`--fsize=${2 * 1024 * 1024}`, process.execPath, '--import', 'tsx', path.join(here, 'fixtures', 'full-writer.ts'), storeDir], {
    encoding: 'utf8',
  });
  const result = JSON.parse(out.trim().split('\n').at(-1)!);
  assert.deepEqual(result.big.code, ErrorCode.WRITE_FAILED);
  assert.equal(result.big.cause, 'EFBIG');
  assert.match(result.big.message, /EFBIG/);
  assert.deepEqual(result.tmp, [], 'temp files removed');
  assert.equal(result.small, 'ok');
  assert.equal(result.uncaught, null);
  const store = openStore(storeDir, { create: false });
  t.after(() => store.close());
  const cps = store.checkpoints();
  assert.deepEqual(cps.map((c) => c.status), ['failed', 'ok']);
  assert.match(cps[0]!.failure!, /EFBIG/);
  assert.equal(store.verify().ok, true);
  assert.equal(new TextDecoder().decode(store.readMeta(cps[1]!.id, 'after')), 'still works');
  // The failed write left no chunk file behind (the limit hit the first one).
  assert.deepEqual(listFiles(path.join(storeDir, 'chunks')), []);
});

function tryMountTmpfs(at: string, size: string): string | undefined {
  if (process.getuid?.() !== 0) return 'needs root to mount a small tmpfs';
  const r = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${size},mode=0700`, 'tmpfs', at], { encoding: 'utf8' });
  return r.status === 0 ? undefined : `cannot mount a tmpfs here (${(r.stderr || r.error?.message || '').trim()})`;
}

test('a really full disk (ENOSPC on a small tmpfs) fails the checkpoint cleanly', (t) => {
  const { dir, cleanup } = tempDir();
  const mnt = path.join(dir, 'mnt');
  fs.mkdirSync(mnt);
  const why = tryMountTmpfs(mnt, '7m');
  if (why) {
    cleanup();
    t.skip(why);
    return;
  }
  const store = openStore(path.join(mnt, 'store'));
  // after-hooks run in the order they were added: close, unmount, then delete.
  t.after(() => {
    store.close();
    spawnSync('umount', [mnt]);
    cleanup();
  });
  const run = store.beginRun({ script: 'a.js' });
  assert.throws(() => store.writeCheckpoint(run.id, { trigger: 'api', variables: [typedVariable('big', seededFloats(2_000_000, 6))] }),
    (err: { code: string; data: Record<string, unknown>; message: string }) =>
      err.code === ErrorCode.WRITE_FAILED && err.data['cause'] === 'ENOSPC' && /ENOSPC/.test(err.message));
  assert.deepEqual(fs.readdirSync(path.join(mnt, 'store', 'tmp')), []);
  const ok = store.writeCheckpoint(run.id, { trigger: 'api', variables: [metaVariable('after', 'fine')] });
  assert.equal(ok.status, 'ok');
  const cps = store.checkpoints();
  assert.deepEqual(cps.map((c) => c.status), ['failed', 'ok']);
  assert.match(cps[0]!.failure!, /ENOSPC/);
  assert.equal(store.verify().ok, true);
});
