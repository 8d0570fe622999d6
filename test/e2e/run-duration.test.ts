// A run's record starts when the script's process starts, so `chkpt ls`
// shows how long the script really ran (not from the first checkpoint).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, it } from 'node:test';
import { runChkpt } from '../helpers/run-process.js';

let work: string;
before(() => {
  work = mkdtempSync(path.join(tmpdir(), 'chkpt-duration-'));
  // Its only checkpoint is the exit one, 1.5 s after the process started.
  writeFileSync(path.join(work, 'sleeper.mjs'),
    'const weights = new Float64Array(200_000).fill(1);\nawait new Promise((r) => setTimeout(r, 1500));\nconsole.log(weights.length);\n');
});
after(() => rmSync(work, { recursive: true, force: true }));

it('chkpt ls lists a script that sleeps 1.5 s as having run 1.5 s or more', async () => {
  const store = path.join(work, 'store');
  const before = Date.now();
  const run = await runChkpt(['run', '-o', store, 'sleeper.mjs'], { cwd: work });
  assert.equal(run.code, 0, run.stderr);
  const ls = await runChkpt(['ls', '--store', store, '--json'], { cwd: work });
  assert.equal(ls.code, 0, ls.stderr);
  const [record] = JSON.parse(ls.stdout) as { durationMs: number; startedAt: string; checkpoints: unknown[] }[];
  assert.ok(record, ls.stdout);
  assert.ok(record.durationMs >= 1500, `listed as ${record.durationMs} ms`);
  assert.ok(record.durationMs < 1500 + 5000, `listed as ${record.durationMs} ms`);
  // Started with the process, before chkpt had anything to save.
  assert.ok(Date.parse(record.startedAt) >= before - 1000 && Date.parse(record.startedAt) <= before + 1000, record.startedAt);
  const table = await runChkpt(['ls', '--store', store], { cwd: work });
  assert.match(table.stdout, /\t1\.[5-9]\d* ?s\t|\t[2-6](\.\d+)? ?s\t/, table.stdout);
});
