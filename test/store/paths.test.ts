import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { chunkRelPath, defaultStoreDir, isChunkHash, storeLayout } from '../../src/store/paths.js';
import { ErrorCode } from '../../src/shared/errors.js';

test('defaultStoreDir: CHKPT_HOME, else XDG_CACHE_HOME/chkpt, else ~/.cache/chkpt', () => {
  assert.equal(defaultStoreDir({ CHKPT_HOME: '/data/ck', XDG_CACHE_HOME: '/x', HOME: '/home/a' }), '/data/ck');
  assert.equal(defaultStoreDir({ XDG_CACHE_HOME: '/var/cache/u', HOME: '/home/a' }), '/var/cache/u/chkpt');
  assert.equal(defaultStoreDir({ HOME: '/home/a' }), '/home/a/.cache/chkpt');
  // A relative XDG_CACHE_HOME is invalid per the spec and ignored; an empty CHKPT_HOME is unset.
  assert.equal(defaultStoreDir({ CHKPT_HOME: '', XDG_CACHE_HOME: 'rel/cache', HOME: '/home/b' }), '/home/b/.cache/chkpt');
  assert.equal(defaultStoreDir({ CHKPT_HOME: 'relative/store' }), path.resolve('relative/store'));
});

test('chunk paths follow the worked example in paths.ts', () => {
  assert.equal(chunkRelPath('3f2a9c04d1e85b7760aa19c2e4f0b8d1'), path.join('chunks', '3f', '2a9c04d1e85b7760aa19c2e4f0b8d1'));
  const layout = storeLayout('/home/ana/.cache/chkpt');
  assert.equal(layout.index, '/home/ana/.cache/chkpt/index.sqlite');
  assert.equal(layout.tmp, '/home/ana/.cache/chkpt/tmp');
});

test('a chunk address from the index can never name a path outside chunks/', () => {
  for (const bad of ['../../../etc/passwd', '3F2A9C04D1E85B7760AA19C2E4F0B8D1', '3f2a9c04d1e85b7760aa19c2e4f0b8d', '/etc/passwd', '', 'zz2a9c04d1e85b7760aa19c2e4f0b8d1']) {
    assert.equal(isChunkHash(bad), false);
    assert.throws(() => chunkRelPath(bad), { code: ErrorCode.INTEGRITY });
  }
});
