// With default options, what a crash (or the exit of an idle script) keeps,
// for each shape of script in the project's conformance cases: the locals of
// the frames at the throw and the values of the modules, exactly as the
// script had them, read back through the reading API. (That stderr and the
// exit code stay as under plain node is conformance-own's part.)
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { open } from '../../src/api/index.js';
import { runChkpt } from '../helpers/run-process.js';

const cases = fileURLToPath(new URL('../fixtures/conformance/', import.meta.url));
const work = mkdtempSync(path.join(tmpdir(), 'chkpt-crash-state-'));
after(() => rmSync(work, { recursive: true, force: true }));

/** Runs a conformance case under chkpt with a store of its own; returns the values of its newest checkpoint of `trigger`. */
async function kept(script: string, trigger: 'crash' | 'exit' | 'interval', options: string[] = [], args: string[] = []) {
  const store = path.join(work, script.replace(/\W/g, '-'));
  const result = await runChkpt(['run', '-o', store, ...options, script, ...args], { cwd: cases });
  const handle = await open(store);
  const checkpoint = handle.checkpoint(`${path.basename(script).replace(/\.[cm]?[jt]s$/, '')}@${trigger}`);
  const get = (name: string): unknown => checkpoint.get(name);
  const names = checkpoint.variables().map((v) => v.name);
  return { result, get, names, location: checkpoint.info.location, store, ref: checkpoint.ref };
}

describe('crash state with default options', () => {
  it('ESM, a nested throw within milliseconds of start: the throwing frame\'s locals and the module\'s values', async () => {
    const { result, get, location } = await kept('throw-nested.mjs', 'crash');
    assert.equal(result.code, 1);
    assert.match(result.stderr, /chkpt: crash state saved as \w+@1; look at it with: chkpt show --store .* \w+@crash\n/);
    assert.equal(get('frames[0].locals.level'), 3);
    assert.equal(get('frames[0].locals.marker'), 'level-3');
    assert.equal(get('frames[3].locals.level'), 0);
    assert.deepEqual(get('settings'), { depth: 3, label: 'nested' });
    assert.equal(location?.function, 'leaf');
  });

  it('CommonJS, a nested throw', async () => {
    const { get } = await kept('throw-nested.cjs', 'crash');
    assert.equal(get('frames[0].locals.n'), 3);
    assert.deepEqual(get('frames[0].locals.seen'), [3, 6]);
    assert.deepEqual(get('limits'), { max: 2 });
  });

  it('TypeScript, a throw in a method of a class instance held by the module', async () => {
    const { get, location } = await kept('ts/throw-nested.ts', 'crash');
    assert.equal(get('frames[0].locals.name'), 'travel');
    assert.equal(get('total'), 1200);
    assert.deepEqual(get('wanted'), ['rent', 'travel']);
    const ledger = get('ledger') as { entries: Map<string, number> };
    assert.deepEqual([...ledger.entries], [['rent', 1200], ['food', 300]]);
    assert.equal(location?.file, path.join(cases, 'ts', 'throw-nested.ts'));
    assert.equal(location?.line, 6);
  });

  it('top-level await, then a nested throw', async () => {
    const { get } = await kept('tla-throw.mjs', 'crash');
    assert.equal(get('frames[0].locals.size'), 5);
    assert.deepEqual(get('frames[0].locals.request'), { size: 5, unit: 'GiB' });
    assert.deepEqual(get('budget'), { limit: 2, unit: 'GiB' });
  });

  it('an unhandled rejection from an async function, and one on its first microtask', async () => {
    const late = await kept('rejection-async.mjs', 'crash');
    assert.equal(late.get('frames[0].locals.name'), 'data.csv');
    assert.deepEqual(late.get('frames[0].locals.attempt'), { name: 'data.csv', tries: 1 });
    const early = await kept('rejection-early.cjs', 'crash');
    assert.equal(early.get('frames[0].locals.retries'), 3);
  });

  it('a throw from a timer and from an event handler', async () => {
    const timer = await kept('throw-timer.cjs', 'crash');
    assert.equal(timer.get('frames[0].locals.head'), 1);
    assert.deepEqual(timer.get('queue'), [2, 3]);
    const event = await kept('throw-event.mjs', 'crash');
    assert.deepEqual(event.get('frames[0].locals.row'), { kind: 'b', amount: -1 });
    assert.deepEqual([...(event.get('totals') as Map<string, number>)], [['a', 3], ['b', -1]]);
  });

  it('an HTTP server crashing in its request handler', async () => {
    const { get, names } = await kept('http-crash.mjs', 'crash');
    assert.deepEqual([...(get('routes') as Map<string, string>)], [['/ok', 'fine']]);
    assert.ok(names.includes('frames[0].locals.route'), names.join(', '));
    assert.equal(get('frames[0].locals.route'), undefined);
  });

  it('an idle parent of forked children: its block\'s values, held only by the children\'s handlers', async () => {
    const { result, get } = await kept('fork-parent.cjs', 'interval', ['-f', '300']);
    assert.equal(result.stdout, 'replies 0.25 0.5\n');
    const samples = get('samples') as Float64Array;
    assert.equal(samples.length, 1 << 20);
    assert.equal(samples[12345], 0.25);
    assert.deepEqual(get('replies'), []);
  });

  it('a training script that crashes in epoch 3: the exported weights load in numpy equal, bit for bit, to that epoch\'s', async (t) => {
    const { result, get, store, ref } = await kept('ts/train-crash.ts', 'crash', [], ['--crash-at', '3']);
    const printed = /^epoch 3 loss \S+ weights (\w+)$/m.exec(result.stdout)?.[1];
    assert.ok(printed, result.stdout);
    // The losses of the two epochs before, as the script printed them.
    const history = (get('history') as number[]).map((x) => x.toFixed(6));
    assert.deepEqual(history, result.stdout.split('\n').slice(0, 2).map((line) => line.split(' ')[3]));
    const file = path.join(work, 'w.npy');
    const exported = await runChkpt(['export', '--store', store, ref, 'model.weights', '-o', file], { cwd: work });
    assert.equal(exported.code, 0, exported.stderr);
    const python = ['/usr/bin/python3', 'python3'].find((p) => spawnSync(p, ['-c', 'import numpy']).status === 0);
    if (!python) return t.skip('numpy is not installed (apt-get install python3-numpy; .ci/run does it)');
    const read = spawnSync(python, ['-c', 'import hashlib, sys, numpy as np; a = np.load(sys.argv[1], allow_pickle=False); print(a.dtype.str, a.shape[0], hashlib.sha256(a.tobytes()).hexdigest())', file], { encoding: 'utf8' });
    assert.equal(read.status, 0, read.stderr);
    assert.equal(read.stdout.trim(), `<f8 50000 ${printed}`);
  });
});
