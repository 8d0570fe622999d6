// `--json` values: JSON-safe and limited like the tree view.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { jsonPreview } from '../../../src/cli/format/json-preview.js';

describe('jsonPreview', () => {
  it('keeps plain data, names what JSON cannot hold', () => {
    const cyc: Record<string, unknown> = {};
    cyc['me'] = cyc;
    assert.deepEqual(jsonPreview({ a: [1, 'x', null], big: 5n, nan: NaN, when: new Date(0), cyc }), {
      a: [1, 'x', null], big: '5n', nan: 'NaN', when: '1970-01-01T00:00:00.000Z', cyc: { me: '[Circular]' },
    });
  });

  it('limits depth, items and string length', () => {
    assert.deepEqual(jsonPreview({ a: { b: { c: 1 } } }, { depth: 2 }), { a: { b: { $type: 'object' } } });
    assert.deepEqual(jsonPreview([1, 2, 3, 4], { items: 2 }), [1, 2, '… 2 more']);
    assert.deepEqual(jsonPreview('abcdef', { chars: 3 }), { $string: 'abc', length: 6 });
    assert.deepEqual(jsonPreview(new Float64Array([1, 2, 3]), { items: 2 }), { $type: 'Float64Array(3)', length: 3, head: [1, 2] });
    assert.deepEqual(jsonPreview(new Map([['k', 1]])), { $type: 'Map', size: 1, entries: [['k', 1]] });
  });
});
