// How stored variable names become the REPL's globals, and that values are
// read only when first used.
import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import { describe, it } from 'node:test';
import type { Checkpoint } from '../../../src/api/open.js';
import { stepText } from '../../../src/api/var-path.js';
import { bindingOf, defineLazy, installVariables } from '../../../src/cli/commands/repl-context.js';
import type { VariableInfo } from '../../../src/store/index.js';

const v = (name: string): VariableInfo => ({ name } as VariableInfo);
const where = (name: string): string => {
  const b = bindingOf(v(name));
  return b.root === undefined ? '(vars only)' : b.root + b.steps.map(stepText).join('');
};

describe('bindingOf', () => {
  it('maps stored names to JavaScript paths', () => {
    assert.equal(where('weights'), 'weights');
    assert.equal(where('state.w'), 'state.w');
    assert.equal(where('frames[0].locals.x'), 'frames[0].locals.x');
    assert.equal(where('globalThis.cache'), 'cache');
    assert.equal(where('lib/model.ts:params'), 'modules["lib/model.ts"].params');
    assert.equal(where('lib/model.ts:params.w[2]'), 'modules["lib/model.ts"].params.w[2]');
    assert.equal(where('9lives'), '(vars only)');
  });
});

describe('installVariables', () => {
  const names = ['weights', 'state.w', 'state.b', 'frames[0].locals.x', 'frames[1].closure.y', 'model', 'model.w', 'process', 'lib/m.ts:p'];
  const cp = { variables: () => names.map(v) } as unknown as Checkpoint;

  it('defines every variable lazily, reading each once, and keeps taken names in vars', () => {
    const reads: string[] = [];
    const target: Record<string, unknown> = { process: 'taken' };
    const installed = installVariables(target, cp, (name) => (reads.push(name), `value of ${name}`));
    assert.deepEqual(installed.roots, ['weights', 'state', 'frames', 'model', 'modules']);
    assert.deepEqual(installed.onlyInVars, ['process']);
    assert.deepEqual(reads, [], 'nothing read by installing');
    assert.equal(target['weights'], 'value of weights');
    assert.equal(target['weights'], 'value of weights');
    assert.equal((target['state'] as Record<string, unknown>)['w'], 'value of state.w');
    const frames = target['frames'] as Record<string, Record<string, unknown>>[];
    assert.ok(Array.isArray(frames));
    assert.equal(frames[1]!['closure']!['y'], 'value of frames[1].closure.y');
    assert.equal(target['model'], 'value of model', '`model.w` is part of `model`, not a separate global');
    assert.equal(((target['modules'] as Record<string, Record<string, unknown>>)['lib/m.ts']!)['p'], 'value of lib/m.ts:p');
    assert.equal((target['vars'] as Record<string, unknown>)['process'], 'value of process');
    assert.equal(target['process'], 'taken');
    assert.deepEqual(reads, ['weights', 'state.w', 'frames[1].closure.y', 'model', 'lib/m.ts:p', 'process']);
    assert.deepEqual([...installed.loaded], reads);
  });

  it('prints containers without reading what is not read yet', () => {
    const reads: string[] = [];
    const target: Record<string, unknown> = {};
    installVariables(target, cp, (name) => (reads.push(name), 1));
    assert.equal(inspect(target['state']), '{ w: [not read yet], b: [not read yet] }');
    assert.deepEqual(reads, []);
    void (target['state'] as Record<string, unknown>)['b'];
    assert.equal(inspect(target['state']), '{ w: [not read yet], b: 1 }');
  });

  it('a lazy variable can be assigned like any other', () => {
    const o: Record<string, unknown> = {};
    let loads = 0;
    defineLazy(o, 'x', () => ++loads);
    o['x'] = 5;
    assert.equal(o['x'], 5);
    assert.equal(loads, 0);
  });
});
