// Data frames the script held, shown and exported as tables: apache-arrow
// Tables (read back from their stored buffers, no Arrow code run) and
// danfojs-shaped DataFrames.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Bool, Int64, Table, Utf8, makeVector, tableFromArrays, tableFromJSON, vectorFromArray } from 'apache-arrow';
import { open, type ChkptStore } from '../../src/api/open.js';
import { asTable } from '../../src/api/table.js';
import { checkpoint, tempStore, type TempStore } from './helpers.js';

describe('data frames', () => {
  let t: TempStore;
  let api: ChkptStore;

  before(async () => {
    t = tempStore();
    const run = t.store.beginRun({ script: '/w/frames.ts' });
    const typed = new Table({
      x: makeVector(Float64Array.from([0.5, 1.5, 2.5])),
      n: vectorFromArray([1n, null, 3n], new Int64()),
      s: vectorFromArray(['a', null, 'ccc'], new Utf8()),
      b: vectorFromArray([true, false, null], new Bool()),
    });
    const twoBatches = tableFromArrays({ k: Int32Array.from([1, 2]) }).concat(tableFromArrays({ k: Int32Array.from([3]) }));
    const dictionary = tableFromJSON([{ name: 'x', v: 1 }, { name: 'yy', v: 2 }, { name: 'x', v: 3 }]);
    const danfo = { $columns: ['a', 'b'], $data: [[1, 'p'], [2, 'q']], $index: [0, 1] };
    checkpoint(t.store, run.id, { typed, twoBatches, dictionary, danfo });
    api = await open(t.dir);
  });
  after(() => (api.close(), t.cleanup()));

  const rows = (name: string): unknown[] => {
    const table = asTable(api.checkpoint('latest').get(name))!;
    assert.equal(table.form, 'frame', name);
    return Array.from({ length: table.rowCount }, (_, r) => Object.fromEntries(table.columns.map((c) => [c.name, c.values[r]])));
  };

  it('an Arrow table: numbers, 64-bit integers, strings, booleans and nulls', () => {
    assert.deepEqual(rows('typed'), [
      { x: 0.5, n: 1n, s: 'a', b: true },
      { x: 1.5, n: null, s: null, b: false },
      { x: 2.5, n: 3n, s: 'ccc', b: null },
    ]);
  });

  it('an Arrow table of several batches, and dictionary-encoded strings', () => {
    assert.deepEqual(rows('twoBatches'), [{ k: 1 }, { k: 2 }, { k: 3 }]);
    assert.deepEqual(rows('dictionary'), [{ name: 'x', v: 1 }, { name: 'yy', v: 2 }, { name: 'x', v: 3 }]);
  });

  it('a danfojs-shaped DataFrame', () => {
    assert.deepEqual(rows('danfo'), [{ a: 1, b: 'p' }, { a: 2, b: 'q' }]);
  });

  it('exports as a table', async () => {
    const { PassThrough } = await import('node:stream');
    const out = new PassThrough();
    let text = '';
    out.on('data', (b: Buffer) => (text += b.toString()));
    await api.checkpoint('latest').export('dictionary', { format: 'csv', to: out });
    assert.equal(text, 'name,v\nx,1\nyy,2\nx,3\n');
  });
});
