// One-line previews of values.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { className, numberText, preview, stringText, typeText } from '../../src/api/preview.js';
import { CLASS_SYMBOL } from '../../src/serialize/index.js';

describe('preview', () => {
  it('numbers: whole, 6 significant digits, or exponent', () => {
    assert.deepEqual([1, 0.1 + 0.2, 1234567.891, 1e-7, -0, NaN, 2n ** 70n].map(numberText), ['1', '0.3', '1234570', '1e-7', '-0', 'NaN', '1180591620717411303424n']);
  });

  it('strings cut with their length', () => {
    assert.equal(stringText('short', 20), '"short"');
    assert.equal(stringText('x'.repeat(100), 30), '"xxxxxxxxxxxxxxx…" (100 chars)');
    assert.equal(stringText('x'.repeat(100), 30).length, 30);
    assert.equal(stringText('x'.repeat(100), 5), '"xxxxxxx…" (100 chars)', 'a few characters of the string at least');
  });

  it('containers in about the width asked', () => {
    assert.equal(preview(new Float64Array([1, 2.5, 3])), 'Float64Array(3) [1, 2.5, 3]');
    assert.equal(preview(Array.from({ length: 100 }, (_, i) => i), 30), 'Array(100) [0, 1, 2, 3, 4, …]');
    assert.equal(preview({ a: 1, b: 'two', c: { d: 1 } }), '{a: 1, b: "two", c: {…}}');
    assert.equal(preview(new Map([['k', 1]])), 'Map(1) ["k" => 1]');
    assert.equal(preview(new Set([1])), 'Set(1) [1]');
    assert.equal(preview(new Date(0)), '1970-01-01T00:00:00.000Z');
    assert.equal(preview(new ArrayBuffer(8)), 'ArrayBuffer(8)');
  });

  it('instances by class: re-linked or marked by the decoder', () => {
    class Model {}
    assert.equal(typeText(new Model()), 'Model');
    const marked = Object.defineProperty({ a: 1 }, CLASS_SYMBOL, { value: { name: 'Net', module: 'file:///m.js' } });
    assert.equal(className(marked), 'Net');
    assert.equal(preview(marked), 'Net {a: 1}');
    assert.equal(typeText(Object.create(null)), 'object');
  });
});
