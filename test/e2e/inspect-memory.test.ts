// Exports stream: exporting a 1 GiB array to .npy keeps the exporting
// process's peak RSS under 1.3x the array's size (it is in fact a small
// fraction of it), and so does `show` summarizing it. The store is written
// directly through the store API to keep the test fast; needs 3 GiB of free
// disk (the store, the export, slack) and is skipped with a reason otherwise.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { encodeValue } from '../../src/serialize/index.js';
import { openStore } from '../../src/store/index.js';
import { chkptCli, runProcess } from '../helpers/run-process.js';
import { fixturesDir } from '../fixtures/inspect/helpers.js';

const GiB = 1024 ** 3;
const LENGTH = GiB / 8;

function freeBytes(dir: string): number {
  const s = fs.statfsSync(dir);
  return s.bavail * s.bsize;
}

/** Runs the built CLI with a preload that reports the peak RSS; returns it in bytes. */
async function peakRss(args: string[], cwd: string): Promise<{ rss: number; stdout: string; code: number | null }> {
  const r = await runProcess(process.execPath, ['--import', path.join(fixturesDir, 'report-rss.mjs'), chkptCli, ...args], { cwd, timeoutMs: 300_000 });
  const m = /chkpt-test-maxrss=(\d+)/.exec(r.stderr);
  assert.ok(m, `no RSS report: ${r.stderr}`);
  return { rss: Number(m[1]), stdout: r.stdout, code: r.code };
}

describe('exporting a 1 GiB array', () => {
  let dir = '';
  let skip: string | undefined;

  before(() => {
    const free = freeBytes(os.tmpdir());
    if (free < 3 * GiB) {
      skip = `needs 3 GiB free in ${os.tmpdir()}, has ${(free / GiB).toFixed(1)} GiB`;
      return;
    }
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chkpt-memory-'));
    const store = openStore(path.join(dir, 'store'), { autoGc: false, maxBytes: 4 * GiB });
    const run = store.beginRun({ script: path.join(dir, 'train.js') });
    const weights = new Float64Array(LENGTH);
    for (let i = 0; i < LENGTH; i += 65_536) weights[i] = i;
    weights[LENGTH - 1] = -1;
    store.writeCheckpoint(run.id, { trigger: 'exit', variables: [{ name: 'weights', scope: 'module', encoded: encodeValue(weights, { path: 'weights' }) }] });
    store.endRun(run.id, { status: 'exited', exitCode: 0 });
    store.close();
  });
  after(() => dir && fs.rmSync(dir, { recursive: true, force: true }));

  it('to .npy: peak RSS under 1.3x the array, the file right', async (t) => {
    if (skip) return t.skip(skip);
    const out = path.join(dir, 'weights.npy');
    const { rss, code } = await peakRss(['export', 'latest', 'weights', '-o', out, '--store', path.join(dir, 'store')], dir);
    assert.equal(code, 0);
    t.diagnostic(`export npy of 1 GiB: peak RSS ${(rss / 2 ** 20).toFixed(0)} MiB = ${(rss / GiB).toFixed(3)}x the array`);
    assert.ok(rss < 1.3 * GiB, `peak RSS ${rss} bytes`);
    const size = fs.statSync(out).size;
    assert.equal(size, 128 + GiB, '128-byte header and the array');
    const fd = fs.openSync(out, 'r');
    const read = (index: number): number => {
      const b = Buffer.alloc(8);
      fs.readSync(fd, b, 0, 8, 128 + index * 8);
      return b.readDoubleLE(0);
    };
    assert.deepEqual([read(0), read(65_536), read(LENGTH / 2), read(LENGTH - 1)], [0, 65_536, LENGTH / 2, -1]);
    fs.closeSync(fd);
    fs.rmSync(out);
  });

  it('show: statistics streamed, peak RSS under 1.3x the array', async (t) => {
    if (skip) return t.skip(skip);
    const { rss, stdout, code } = await peakRss(['show', 'latest', 'weights', '--json', '--store', path.join(dir, 'store')], dir);
    assert.equal(code, 0);
    t.diagnostic(`show of 1 GiB: peak RSS ${(rss / 2 ** 20).toFixed(0)} MiB = ${(rss / GiB).toFixed(3)}x the array`);
    assert.ok(rss < 1.3 * GiB, `peak RSS ${rss} bytes`);
    const stats = (JSON.parse(stdout) as { stats: { length: number; min: number; max: number } }).stats;
    assert.deepEqual([stats.length, stats.min, stats.max], [LENGTH, -1, LENGTH - 65_536]);
  });
});
