// Nearest candidates for "did you mean" messages.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { editDistance, nearest, nearestText } from '../../src/api/nearest.js';

describe('nearest', () => {
  it('measures edits, counting a swap of neighbours as one', () => {
    assert.equal(editDistance('weights', 'weights'), 0);
    assert.equal(editDistance('wieghts', 'weights'), 1);
    assert.equal(editDistance('weight', 'weights'), 1);
    assert.equal(editDistance('abc', 'xyz'), 3);
  });

  it('prefers a matching last path segment, then prefixes and substrings, then close spellings', () => {
    const names = ['frames[0].locals.x', 'max', 'weights', 'weights_old', 'lib/model.ts:x'];
    assert.deepEqual(nearest('x', names), ['frames[0].locals.x', 'lib/model.ts:x', 'max']);
    assert.deepEqual(nearest('weigths', names), ['weights']);
    assert.deepEqual(nearest('weights_', names), ['weights_old', 'weights']);
    assert.deepEqual(nearest('zzzzzz', names), []);
  });

  it('writes a suffix for messages, or nothing', () => {
    assert.equal(nearestText('wieghts', ['weights', 'counts']), '; nearest: weights');
    assert.equal(nearestText('qqqqqq', ['weights']), '');
  });
});
