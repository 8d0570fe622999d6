// Objects as a depth-limited tree.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { treeLines } from '../../../src/cli/format/tree.js';

describe('treeLines', () => {
  const value = { name: 'mlp', layers: [64, 32], opt: { lr: 0.1, betas: [0.9, 0.999] }, tags: new Map([['a', 1]]), empty: {} };

  it('opens containers down to the depth, with branches', () => {
    assert.deepEqual(treeLines(value, { depth: 3 }), [
      'object',
      '├─ name: "mlp"',
      '├─ layers: Array(2)',
      '│  ├─ [0]: 64',
      '│  └─ [1]: 32',
      '├─ opt: object',
      '│  ├─ lr: 0.1',
      '│  └─ betas: Array(2)',
      '│     ├─ [0]: 0.9',
      '│     └─ [1]: 0.999',
      '├─ tags: Map(1)',
      '│  └─ "a" => 1',
      '└─ empty: {}',
    ]);
  });

  it('shows deeper levels as one-line previews, and counts what is left out', () => {
    assert.deepEqual(treeLines(value, { depth: 1, items: 2 }), [
      'object',
      '├─ name: "mlp"',
      '├─ layers: Array(2) [64, 32]',
      '└─ … 3 more',
    ]);
  });

  it('names cycles, cuts long strings with their length, keeps leaves on one line', () => {
    const cyc: Record<string, unknown> = { s: 'x'.repeat(500) };
    cyc['me'] = cyc;
    const lines = treeLines(cyc, { width: 40 });
    assert.match(lines[1]!, /^├─ s: "x+…" \(500 chars\)$/);
    assert.ok(lines[1]!.length <= 40);
    assert.equal(lines[2], '└─ me: [Circular]');
    assert.deepEqual(treeLines(42), ['42']);
    assert.deepEqual(treeLines(new Float32Array([1, 2])), ['Float32Array(2) [1, 2]']);
  });
});
