// Resuming from a checkpoint: a run that crashed is run again with
// `chkpt resume` (or `chkpt run --resume`), its values come back through
// chkpt.restore() as they were (instances of the script's live classes), and
// it ends exactly as an uninterrupted run does. Errors: an unknown
// checkpoint, a class the script no longer has, a damaged chunk, a variable
// the checkpoint does not hold.
import assert from 'node:assert/strict';
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { open } from '../../src/api/index.js';
import { chunkRelPath } from '../../src/store/paths.js';
import { repoRoot, runChkpt, runProcess } from '../helpers/run-process.js';

const work = mkdtempSync(path.join(tmpdir(), 'chkpt-resume-'));
after(() => rmSync(work, { recursive: true, force: true }));
// The scripts run from a project of their own: inside chkpt's own package
// directory their modules would count as chkpt's code, not the script's.
const fixtures = path.join(work, 'project');
cpSync(fileURLToPath(new URL('../fixtures/resume/', import.meta.url)), fixtures, { recursive: true });
mkdirSync(path.join(fixtures, 'node_modules'));
symlinkSync(repoRoot, path.join(fixtures, 'node_modules', 'chkpt'));
const tsx = import.meta.resolve('tsx');

let stores = 0;
const newStore = (): string => path.join(work, `store-${++stores}`);
const lineOf = (stdout: string, start: string): string | undefined => stdout.split('\n').find((l) => l.startsWith(start));

/** Runs `script` under chkpt crashing at epoch 3; returns its store and crash checkpoint. */
async function crashAt3(script: string, store: string, cwd = fixtures): Promise<string> {
  const crashed = await runChkpt(['run', '-o', store, script], { cwd, env: { ...process.env, CRASH_AT: '3' } });
  assert.equal(crashed.code, 1, crashed.stderr);
  assert.match(crashed.stderr, /diverged at epoch 3/);
  const handle = await open(store);
  try {
    return handle.checkpoint('crash').ref;
  } finally {
    handle.close();
  }
}

describe('chkpt resume', () => {
  it('an .mjs training run that crashed at epoch 3 continues from epoch 3 and ends with the weights of an uninterrupted run, bit for bit', async () => {
    const plain = await runProcess(process.execPath, ['train.mjs'], { cwd: fixtures });
    assert.equal(plain.code, 0, plain.stderr);
    const store = newStore();
    const ref = await crashAt3('train.mjs', store);

    const resumed = await runChkpt(['resume', '--store', store, '-v', ref, '--', '6'], { cwd: work });
    assert.equal(resumed.code, 0, resumed.stderr);
    assert.equal(lineOf(resumed.stdout, 'start'), 'start at epoch 3, restoring true, a Model true');
    assert.equal(lineOf(resumed.stdout, 'weights'), lineOf(plain.stdout, 'weights'));
    assert.match(resumed.stderr, new RegExp(`chkpt: restored \`model\` from ${ref}`));

    // The new run is recorded with its lineage, with the arguments and cwd it had.
    const handle = await open(store);
    try {
      const runs = handle.runs();
      assert.equal(runs.length, 2);
      const child = runs.find((r) => r.resumedFrom !== undefined)!;
      assert.equal(child.resumedFrom, ref);
      assert.equal(child.cwd, fixtures);
      assert.deepEqual(child.argv, ['6']);
      assert.deepEqual(runs.find((r) => r.resumedFrom === undefined)!.argv, []);
      assert.equal(child.status, 'exited');
    } finally {
      handle.close();
    }
    const ls = await runChkpt(['ls', '--store', store, '--json']);
    const listed = JSON.parse(ls.stdout) as { resumedFrom: string | null }[];
    assert.deepEqual(listed.map((r) => r.resumedFrom), [null, ref]);
  });

  it('a .ts run whose classes live in an imported module: instances of the live Net and Layer', async () => {
    const plain = await runProcess(process.execPath, ['--import', tsx, 'train.ts'], { cwd: fixtures });
    assert.equal(plain.code, 0, plain.stderr);
    const store = newStore();
    const ref = await crashAt3('train.ts', store);
    const resumed = await runChkpt(['resume', '--store', store, ref], { cwd: work });
    assert.equal(resumed.code, 0, resumed.stderr);
    assert.equal(lineOf(resumed.stdout, 'start'), 'start at epoch 3, a Net true, a Layer true');
    assert.equal(lineOf(resumed.stdout, 'weights'), lineOf(plain.stdout, 'weights'));
  });

  it('chkpt run --resume runs a fixed copy of the script under another path', async () => {
    const store = newStore();
    const ref = await crashAt3('train.mjs', store);
    const copy = path.join(fixtures, 'train-fixed.mjs');
    copyFileSync(path.join(fixtures, 'train.mjs'), copy);
    try {
      const resumed = await runChkpt(['run', '-o', store, '--resume', ref, 'train-fixed.mjs'], { cwd: fixtures });
      assert.equal(resumed.code, 0, resumed.stderr);
      assert.equal(lineOf(resumed.stdout, 'start'), 'start at epoch 3, restoring true, a Model true');
    } finally {
      rmSync(copy, { force: true });
    }
  });

  it('a class the script no longer has: one error naming it and the ways out; { plain: true } gives plain objects', async () => {
    const store = newStore();
    const ref = await crashAt3('train.mjs', store);
    const missing = await runChkpt(['run', '-o', store, '--resume', ref, 'renamed.mjs'], { cwd: fixtures });
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /ChkptError: Cannot restore `model`: class Model \(defined in .*train\.mjs\) is not in the resumed script; define it again, pass it with chkpt\.restore\('model', init, \{ classes: \[Model\] \}\), or pass \{ plain: true \} for plain objects\./);
    assert.match(missing.stderr, /code: 'ECHKPT_CLASS_MISSING'/);

    const plain = await runChkpt(['run', '-o', store, '--resume', ref, 'renamed.mjs'], { cwd: fixtures, env: { ...process.env, PLAIN: '1' } });
    assert.equal(plain.code, 0, plain.stderr);
    assert.equal(plain.stdout.trim(), 'a Network false, weights Float64Array 4096, losses 3');
  });

  it('a damaged chunk fails the restore of its value only; a variable the checkpoint lacks runs its initializer, and -v says so', async () => {
    const store = newStore();
    const ref = await crashAt3('train.mjs', store);
    const handle = await open(store);
    let chunk: string;
    try {
      const cp = handle.checkpoint(ref);
      const model = cp.variables().find((v) => v.name === 'model')!;
      const biggest = [...model.parts].sort((a, b) => b.size - a.size)[0]!;
      chunk = path.join(store, chunkRelPath(biggest.chunks[0]!));
    } finally {
      handle.close();
    }
    const bytes = readFileSync(chunk);
    const at = bytes.length >> 1;
    bytes.writeUInt8(bytes.readUInt8(at) ^ 0xff, at);
    writeFileSync(chunk, bytes);

    const result = await runChkpt(['run', '-o', store, '-v', '--resume', ref, 'partial.mjs'], { cwd: fixtures });
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stdout, 'model: ECHKPT_INTEGRITY\nepoch 3, model failed, learningRate 0.1\n');
    assert.match(result.stderr, new RegExp(`chkpt: restore: checkpoint ${ref} holds no \`learningRate\`.*: the initializer runs`));
  });

  it('an unknown checkpoint is one line of error, and nothing runs', async () => {
    const store = newStore();
    await crashAt3('train.mjs', store);
    const resume = await runChkpt(['resume', '--store', store, 'nosuchscript.mjs@2']);
    assert.equal(resume.code, 1);
    assert.equal(resume.stdout, '');
    assert.equal(resume.stderr.trim().split('\n').length, 1);
    assert.match(resume.stderr, /^chkpt: No run `nosuchscript\.mjs`/);
    const run = await runChkpt(['run', '-o', store, '--resume', 'train@99', 'train.mjs'], { cwd: fixtures });
    assert.equal(run.code, 1);
    assert.equal(run.stdout, '');
    assert.match(run.stderr, /^chkpt: .*99/);
  });
});
