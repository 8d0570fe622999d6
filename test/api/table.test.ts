// Which values are tables, and the type of each column.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { asSingleColumn, asTable, columnType } from '../../src/api/table.js';

describe('asTable', () => {
  it('arrays of records: columns in first-seen order, missing values nullable', () => {
    const t = asTable([{ id: 1, name: 'a' }, { id: 2, extra: true }, null])!;
    assert.equal(t.form, 'records');
    assert.equal(t.rowCount, 3);
    assert.deepEqual(t.columns.map((c) => [c.name, c.type, c.nullable]), [['id', 'number', true], ['name', 'string', true], ['extra', 'boolean', true]]);
    assert.deepEqual(Array.from(t.columns[1]!.values), ['a', undefined, undefined]);
  });

  it('columnar objects: equal-length arrays and typed arrays', () => {
    const t = asTable({ x: new Float32Array([1, 2]), label: ['a', 'b'], when: [new Date(0), new Date(1)] })!;
    assert.equal(t.form, 'columns');
    assert.deepEqual(t.columns.map((c) => c.type), ['float32', 'string', 'date']);
    assert.equal(asTable({ x: [1, 2], y: [1] }), undefined, 'lengths differ');
    assert.equal(asTable({ x: [1, 2], name: 'n' }), undefined, 'not every value is a column');
  });

  it('arrays of equal-length rows', () => {
    const t = asTable([[1, 'a'], [2, 'b']])!;
    assert.equal(t.form, 'rows');
    assert.deepEqual(t.columns.map((c) => [c.name, c.type]), [['0', 'number'], ['1', 'string']]);
    assert.equal(asTable([[1], [2, 3]]), undefined);
  });

  it('not tables: scalars, Maps, arrays of numbers, empty arrays, mixed arrays', () => {
    for (const v of [1, 'x', new Map(), [1, 2, 3], [], [{ a: 1 }, 3], new Float64Array(3)]) assert.equal(asTable(v), undefined, String(v));
  });

  it('mixed values make a json column; bigints their own type', () => {
    assert.deepEqual(columnType([1, 'a']), { type: 'json', nullable: false });
    assert.deepEqual(columnType([1n, null]), { type: 'bigint', nullable: true });
    assert.deepEqual(columnType([undefined]), { type: 'null', nullable: true });
    assert.deepEqual(columnType(new BigUint64Array(2)), { type: 'uint64', nullable: false });
  });

  it('a list of plain values as one column', () => {
    assert.deepEqual(asSingleColumn(['a', 'b'], 'tags')!.columns.map((c) => [c.name, c.type]), [['tags', 'string']]);
    assert.equal(asSingleColumn([{ a: 1 }, 2], 'x'), undefined);
    assert.equal(asSingleColumn({ a: 1 }, 'x'), undefined);
  });
});
