// `chkpt repl`: a Node REPL whose globals are a checkpoint's variables,
// each read from the store on first use; nested names become objects;
// classes are stand-ins unless `--link` imports the real ones.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { chkpt, fixturesDir, record, workspace, type Workspace } from '../fixtures/inspect/helpers.js';

/** The REPL's answers, one per input line (the banner is everything before the first prompt). */
function answers(stdout: string): { banner: string; results: string[] } {
  const [banner, ...rest] = stdout.split('chkpt> ');
  return { banner: banner!, results: rest.map((r) => r.trim()).filter((r) => r !== '') };
}

describe('chkpt repl', () => {
  let ws: Workspace;

  before(async () => {
    ws = workspace();
    fs.cpSync(path.join(fixturesDir, 'lib'), path.join(ws.dir, 'lib'), { recursive: true });
    fs.copyFileSync(path.join(fixturesDir, 'with-model.ts'), path.join(ws.dir, 'with-model.ts'));
    await record(ws, 'train.mjs', ['--epochs', '1']);
    await record(ws, 'with-model.ts');
    await record(ws, 'nested.mjs', [], 0, { CHKPT_MIN_SIZE: String(1 << 20) });
  });
  after(() => ws.cleanup());

  it('holds the variables, reads each on first use, and prints a one-screen banner', async () => {
    const input = [
      'ckpt.loaded()',
      'weights.length',
      'weights instanceof Float64Array',
      'Number.isNaN(weights[7])',
      'ckpt.loaded()',
      'rows[3].name',
      'state.w.length',
      'config.schedule.get("decay")',
      'model.constructor.name',
      'ckpt.classOf(model).name',
      'typeof model.size',
      'Object.keys(vars).length',
      'ckpt.loaded().length',
      'weights = 1; weights',
      '.exit',
    ].join('\n') + '\n';
    const listed = await chkpt(ws, ['show', 'train.mjs', '--json']);
    const count = (JSON.parse(listed.stdout) as { variables: unknown[] }).variables.length;
    const r = await chkpt(ws, ['repl', 'train.mjs'], { stdin: input });
    assert.equal(r.code, 0, r.stderr);
    const { banner, results } = answers(r.stdout);
    assert.match(banner, /^chkpt repl: [0-9a-f]{12}@1 {2}train\.mjs, exit, /);
    assert.match(banner, new RegExp(`^${count} variables, .*, each read on first use:$`, 'm'));
    assert.match(banner, /^ {2}weights +Float64Array\[50000\] +391 KiB$/m);
    assert.ok(banner.split('\n').length <= 24, 'the banner fits one screen');
    assert.deepEqual(results, [
      '[]', '50000', 'true', 'true', "[ 'weights' ]", "'row 3'", '8192', '0.5', "'Model'", "'Model'", "'undefined'", String(count), '5', '1',
    ]);
  });

  it('nested names become objects: `state.w` stored alone is `state.w` in the REPL', async () => {
    const r = await chkpt(ws, ['repl', 'nested.mjs'], { stdin: 'Object.keys(vars)\nstate\nstate.w.length\nstate\nbig[0]\n' });
    assert.equal(r.code, 0, r.stderr);
    const { banner, results } = answers(r.stdout);
    assert.match(banner, /^ {2}state\.w +Float64Array\[200000\]/m);
    assert.deepEqual(results.slice(0, 3), ["[ 'state.w', 'big' ]", '{ w: [not read yet] }', '200000']);
    assert.match(results[3]!, /^\{\n {2}w: Float64Array\(200000\) \[/);
    assert.equal(results[4], '2');
  });

  it('--link imports a module and re-links instances to its classes, methods included', async () => {
    const r = await chkpt(ws, ['repl', 'with-model.ts', '--link', 'lib/model.ts'], { stdin: 'model.size()\nmodel.weights[0]\n.exit\n' });
    assert.equal(r.code, 0, r.stderr);
    const { banner, results } = answers(r.stdout);
    assert.match(banner, /^linked classes: Model$/m);
    assert.deepEqual(results, ['10', '1.5']);
    const bad = await chkpt(ws, ['repl', 'latest', '--link', 'lib/missing.ts'], { stdin: '.exit\n' });
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /^chkpt: Cannot --link lib\/missing\.ts: /);
  });

  it('ckpt.export writes a file from inside the REPL', async () => {
    const r = await chkpt(ws, ['repl', 'train.mjs'], { stdin: "await ckpt.export('counts', 'counts.npy').then((x) => x.bytes)\n.exit\n" });
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(answers(r.stdout).results, [String(128 + 40_000)]);
    assert.equal(fs.statSync(path.join(ws.dir, 'counts.npy')).size, 128 + 40_000);
  });
});
