import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ensureChunkDirs } from '../../src/store/chunk-files.js';
import { HOST_TAG, sweepTemp, tempName } from '../../src/store/temp-files.js';
import { tempDir } from './helpers.js';

function setup(): { dir: string; cleanup: () => void } {
  const { dir, cleanup } = tempDir();
  ensureChunkDirs(dir);
  return { dir, cleanup };
}

test('temp names carry the pid and this host\'s tag', () => {
  assert.match(tempName(), new RegExp(`^${process.pid}-${HOST_TAG}-[0-9a-f]{8}\\.tmp$`));
  assert.notEqual(tempName(), tempName());
});

test('sweepTemp removes temp files of dead writers on this host and old ones, not live ones', (t) => {
  const { dir, cleanup } = setup();
  t.after(cleanup);
  const tmp = path.join(dir, 'tmp');
  const dead = path.join(tmp, `999999999-${HOST_TAG}-00aa.tmp`);
  const live = path.join(tmp, `${process.pid}-${HOST_TAG}-00bb.tmp`);
  const otherHost = path.join(tmp, `999999999-0badc0de-00cc.tmp`);
  const oldOther = path.join(tmp, `999999998-0badc0de-00dd.tmp`);
  for (const f of [dead, live, otherHost, oldOther]) fs.writeFileSync(f, 'x');
  const old = new Date(Date.now() - 2 * 3600_000);
  fs.utimesSync(oldOther, old, old);
  assert.equal(sweepTemp(dir), 2);
  assert.deepEqual(fs.readdirSync(tmp).sort(), [path.basename(live), path.basename(otherHost)].sort());
});
