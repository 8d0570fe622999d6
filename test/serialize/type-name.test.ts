import { test } from 'node:test';
import assert from 'node:assert/strict';
import { encodeValue, shapeOf, typeName } from '../../src/serialize/index.js';

class Model {}
class Grid extends Float32Array {}
class Ledger extends Map {}
class Failure extends TypeError {}

test('type names for the index', () => {
  const cases: [unknown, string][] = [
    [undefined, 'undefined'], [null, 'null'], [1, 'number'], ['s', 'string'], [1n, 'bigint'], [true, 'boolean'],
    [Symbol('x'), 'symbol'], [() => 1, 'function'], [{}, 'object'], [Object.create(null), 'object'], [[], 'Array'],
    [new Float64Array(1), 'Float64Array'], [Buffer.alloc(1), 'Buffer'], [new DataView(new ArrayBuffer(1)), 'DataView'],
    [new ArrayBuffer(1), 'ArrayBuffer'], [new SharedArrayBuffer(1), 'SharedArrayBuffer'], [new Map(), 'Map'], [new Set(), 'Set'],
    [new Date(), 'Date'], [/x/, 'RegExp'], [new Error('e'), 'Error'], [new RangeError('e'), 'RangeError'], [Object(1), 'Number'],
    [Object('s'), 'String'], [Promise.resolve(), 'Promise'], [new WeakMap(), 'WeakMap'], [new Proxy({}, {}), 'Proxy'],
    [new Model(), 'Model'], [new Grid(2), 'Grid'], [new Ledger(), 'Ledger'], [new Failure('f'), 'Failure'], [process.stdout, process.stdout.constructor.name],
  ];
  for (const [value, name] of cases) assert.equal(typeName(value), name, name);
});

test('shapes for the index', () => {
  assert.deepEqual(shapeOf([1, 2, 3]), [3]);
  assert.deepEqual(shapeOf('hello'), [5]);
  assert.deepEqual(shapeOf(new Float64Array(7)), [7]);
  assert.deepEqual(shapeOf(new DataView(new ArrayBuffer(9))), [9]);
  assert.deepEqual(shapeOf(new Map([[1, 1]])), [1]);
  assert.deepEqual(shapeOf(new Set([1, 2])), [2]);
  assert.equal(shapeOf({ a: 1 }), undefined);
  assert.equal(shapeOf(4), undefined);
  const encoded = encodeValue(new Grid(4));
  assert.deepEqual([encoded.type, encoded.shape, encoded.class], ['Grid', [4], { name: 'Grid' }]);
});
