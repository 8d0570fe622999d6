// References: runs by id, id prefix, script name or path (latest run), `~k`;
// checkpoints by `@n`, `@-k`, `@latest`, `@<trigger>`, `latest`, `crash`;
// ambiguous and unknown ones fail with the nearest candidates.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { resolveCheckpoint } from '../../src/api/checkpoint-ref.js';
import { resolveRun } from '../../src/api/run-ref.js';
import { ChkptError, ErrorCode } from '../../src/shared/errors.js';
import { checkpoint, tempStore, type TempStore } from './helpers.js';

function throwsCode(fn: () => unknown, code: string, message: RegExp): void {
  assert.throws(fn, (err: unknown) => {
    assert.ok(err instanceof ChkptError);
    assert.equal(err.code, code);
    assert.match(err.message, message);
    return true;
  });
}

describe('references', () => {
  let t: TempStore;
  const cwd = '/w';

  before(() => {
    t = tempStore();
    const s = t.store;
    const r1 = s.beginRun({ id: 'aaaa00000001', script: '/w/train.ts', startedAt: 1000 });
    checkpoint(s, r1.id, { x: 1 }, { trigger: 'interval', time: 1100 });
    checkpoint(s, r1.id, { x: 2 }, { trigger: 'crash', time: 1200 });
    checkpoint(s, r1.id, { x: 3 }, { trigger: 'exit', time: 1300 });
    const r2 = s.beginRun({ id: 'aaaa00000002', script: '/w/train.ts', startedAt: 2000 });
    checkpoint(s, r2.id, { x: 4 }, { trigger: 'interval', time: 2100 });
    checkpoint(s, r2.id, {}, { trigger: 'interval', time: 2200, failed: 'disk full' });
    s.beginRun({ id: 'bbbb00000003', script: '/w/other/train.ts', startedAt: 3000 });
    const r4 = s.beginRun({ id: 'cccc00000004', script: '/w/eval.mjs', startedAt: 4000 });
    checkpoint(s, r4.id, { y: 1 }, { trigger: 'exit', time: 4100 });
    const r5 = s.beginRun({ id: 'cccc00000005', script: '/w/eval.mjs', startedAt: 4500, parentRunId: r4.id });
    checkpoint(s, r5.id, { y: 2 }, { trigger: 'exit', time: 4600 });
  });
  after(() => t.cleanup());

  const run = (ref: string): string => resolveRun(t.store, ref, cwd).id;
  const cp = (ref: string): string => {
    const c = resolveCheckpoint(t.store, ref, cwd);
    return `${c.runId}@${c.n}`;
  };

  it('runs by id, unique prefix, script path, name and name without extension', () => {
    assert.equal(run('aaaa00000001'), 'aaaa00000001');
    assert.equal(run('bbbb'), 'bbbb00000003');
    assert.equal(run('/w/train.ts'), 'aaaa00000002');
    assert.equal(run('./train.ts'), 'aaaa00000002');
    assert.equal(run('other/train.ts'), 'bbbb00000003');
    assert.equal(run('eval.mjs'), 'cccc00000004', 'the script\'s own run, not its child process');
    assert.equal(run('eval'), 'cccc00000004');
    assert.equal(run('latest'), 'cccc00000005');
  });

  it('`~k` steps back through the runs of the same script, or of the store for latest', () => {
    assert.equal(run('./train.ts~1'), 'aaaa00000001');
    assert.equal(run('latest~1'), 'cccc00000004');
    assert.equal(run('latest~4'), 'aaaa00000001');
    throwsCode(() => run('./train.ts~2'), ErrorCode.NOT_FOUND, /goes back 2 runs but only 1 came before train\.ts \(aaaa00000002\)/);
  });

  it('ambiguous runs list the candidates', () => {
    throwsCode(() => run('train.ts'), ErrorCode.AMBIGUOUS, /^`train\.ts` names 2 different scripts: \/w\/other\/train\.ts, \/w\/train\.ts; give a path or a run id\.$/);
    throwsCode(() => run('aaaa'), ErrorCode.AMBIGUOUS, /^Run id prefix `aaaa` matches 2 runs: train\.ts \(aaaa00000002\), train\.ts \(aaaa00000001\); type more of the id\.$/);
  });

  it('unknown runs name the nearest', () => {
    throwsCode(() => run('evla.mjs'), ErrorCode.NOT_FOUND, /^No run `evla\.mjs` in .*; nearest: eval\.mjs \(`chkpt ls` lists the runs\)\.$/);
    throwsCode(() => run('zzzz'), ErrorCode.NOT_FOUND, /^No run `zzzz` in [^;]*\(`chkpt ls` lists the runs\)\.$/);
  });

  it('checkpoints by number, from the end, latest, trigger', () => {
    assert.equal(cp('aaaa00000001@1'), 'aaaa00000001@1');
    assert.equal(cp('aaaa00000001@-1'), 'aaaa00000001@3');
    assert.equal(cp('aaaa00000001@-3'), 'aaaa00000001@1');
    assert.equal(cp('aaaa00000001@crash'), 'aaaa00000001@2');
    assert.equal(cp('aaaa00000001@exit'), 'aaaa00000001@3');
    assert.equal(cp('aaaa00000001'), 'aaaa00000001@3');
    assert.equal(cp('./train.ts@latest'), 'aaaa00000002@1', 'latest skips a failed checkpoint');
    assert.equal(cp('./train.ts@2'), 'aaaa00000002@2', 'by number, a failed one is still named');
    assert.equal(cp('./train.ts~1@-2'), 'aaaa00000001@2');
    assert.equal(cp('@1'), 'cccc00000005@1');
    assert.equal(cp('latest'), 'cccc00000005@1');
    assert.equal(cp('crash'), 'aaaa00000001@2');
  });

  it('missing checkpoints list what the run has', () => {
    throwsCode(() => cp('aaaa00000001@9'), ErrorCode.NOT_FOUND, /^Run train\.ts \(aaaa00000001\) has no checkpoint 9; its checkpoints: 1 interval, 2 crash, 3 exit\.$/);
    throwsCode(() => cp('aaaa00000002@crash'), ErrorCode.NOT_FOUND, /has no crash checkpoint; its checkpoints: 1 interval, 2 interval \(failed\)\.$/);
    throwsCode(() => cp('bbbb@latest'), ErrorCode.NOT_FOUND, /^Run train\.ts \(bbbb00000003\) has no readable checkpoint; it has no checkpoints\.$/);
    throwsCode(() => cp('aaaa00000001@soon'), ErrorCode.BAD_OPTION, /^`@soon` is not a checkpoint/);
    throwsCode(() => cp(' '), ErrorCode.BAD_OPTION, /^Expected a checkpoint: /);
  });

  it('an empty store says how to fill it', () => {
    const empty = tempStore();
    try {
      for (const ref of ['latest', 'crash', 'train.ts', 'abc@1']) {
        throwsCode(() => resolveCheckpoint(empty.store, ref), ErrorCode.NOT_FOUND, /has no checkpoints yet: run a script with `chkpt run <script>` first, or pass --store <dir>\.$/);
      }
    } finally {
      empty.cleanup();
    }
  });
});
