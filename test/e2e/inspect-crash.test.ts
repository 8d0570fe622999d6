// Looking at a crash: `@crash` and `crash` find the crash checkpoint of
// test/fixtures/inspect/crash.mjs, recorded with --throw-site (as
// CHKPT_THROW_SITE=1), and its frames' locals are shown and exported by path.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { chkpt, record, workspace, type Workspace } from '../fixtures/inspect/helpers.js';

interface Listed {
  checkpoints: { ref: string; trigger: string }[];
}

describe('a crash checkpoint', () => {
  let ws: Workspace;
  let crashRef: string | undefined;

  before(async () => {
    ws = workspace();
    const run = await record(ws, 'crash.mjs', [], 1, { CHKPT_THROW_SITE: '1' });
    assert.match(run.stderr, /Error: diverged at batch 44/);
    const ls = await chkpt(ws, ['ls', 'crash.mjs', '--json']);
    if (ls.code !== 0) return;
    crashRef = (JSON.parse(ls.stdout) as Listed).checkpoints.find((c) => c.trigger === 'crash')?.ref;
  });
  after(() => ws.cleanup());

  it('is named by crash.mjs@crash and by crash, and holds the throwing frame\'s locals', async () => {
    assert.ok(crashRef, 'chkpt run wrote no crash checkpoint for crash.mjs');
    for (const ref of ['crash.mjs@crash', 'crash', 'crash.mjs@latest']) {
      const r = await chkpt(ws, ['show', ref, '--json']);
      assert.equal(r.code, 0, r.stderr);
      const shown = JSON.parse(r.stdout) as { checkpoint: { ref: string; trigger: string; location: { line: number } | null }; variables: { name: string; frameIndex: number | null }[] };
      assert.equal(shown.checkpoint.ref, crashRef, ref);
      assert.equal(shown.checkpoint.trigger, 'crash');
      const grad = shown.variables.find((v) => /^frames\[0\]\.\w+\.grad$/.test(v.name));
      assert.ok(grad, `a local of the throwing frame: ${shown.variables.map((v) => v.name).join(', ')}`);
      assert.equal(grad.frameIndex, 0);
    }
    const names = (JSON.parse((await chkpt(ws, ['show', 'crash', '--json'])).stdout) as { variables: { name: string }[] }).variables.map((v) => v.name);
    const grad = names.find((n) => n.endsWith('.grad'))!;
    const shown = JSON.parse((await chkpt(ws, ['show', 'crash', grad, '--json'])).stdout) as { stats: { length: number; max: number } };
    assert.deepEqual([shown.stats.length, shown.stats.max], [3, 3]);
    const steps = names.find((n) => /^frames\[1\]\.\w+\.cfg$/.test(n));
    if (steps) {
      const value = JSON.parse((await chkpt(ws, ['show', 'crash', `${steps}.nested.steps[2]`, '--json'])).stdout) as { value: number };
      assert.equal(value.value, 3);
    }
  });
});
