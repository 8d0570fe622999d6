// Tables through the Arrow and Parquet exporters, read back by flechette and
// hyparquet: every column type, missing values, nested values as JSON, and
// tables larger than one record batch or row group.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { tableFromIPC } from '@uwdata/flechette';
import { parquetReadObjects } from 'hyparquet';
import { exportArrow } from '../../../src/api/export/arrow.js';
import type { ExportInput } from '../../../src/api/export/formats.js';
import { exportParquet } from '../../../src/api/export/parquet.js';
import type { Sink } from '../../../src/api/export/sink.js';

async function bytesOf(write: (input: ExportInput, sink: Sink) => Promise<void>, value: unknown): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  const sink: Sink = {
    bytes: 0,
    text: async (s) => void parts.push(Buffer.from(s)),
    binary: async (b) => void parts.push(Uint8Array.from(b)),
    end: async () => {},
    abort: async () => {},
  };
  await write({ name: 'v', label: 'v', value: () => value }, sink);
  return Buffer.concat(parts);
}

const records = [
  { id: 1, name: 'a', ok: true, big: 10n, when: new Date(1000), extra: { k: [1, 2] } },
  { id: 2.5, name: null, ok: false, big: null, when: null, extra: 'text' },
  { id: 3, name: 'c', ok: null, big: -(2n ** 40n), when: new Date(3000) },
];

describe('tables to Arrow and Parquet', () => {
  it('Arrow: numbers, strings, booleans, bigints, dates, nulls and JSON', async () => {
    const rows = tableFromIPC(await bytesOf(exportArrow, records), { useBigInt: true }).toArray().map((r) => ({ ...r }));
    assert.deepEqual(rows, [
      { id: 1, name: 'a', ok: true, big: 10n, when: 1000, extra: '{"k":[1,2]}' },
      { id: 2.5, name: null, ok: false, big: null, when: null, extra: '"text"' },
      { id: 3, name: 'c', ok: null, big: -(2n ** 40n), when: 3000, extra: null },
    ]);
  });

  it('Parquet: the same columns', async () => {
    const b = await bytesOf(exportParquet, records);
    const rows = await parquetReadObjects({ file: b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer });
    assert.deepEqual(rows, [
      { id: 1, name: 'a', ok: true, big: 10n, when: new Date(1000), extra: { k: [1, 2] } },
      { id: 2.5, name: null, ok: false, big: null, when: null, extra: 'text' },
      { id: 3, name: 'c', ok: null, big: -(2n ** 40n), when: new Date(3000), extra: null },
    ]);
  });

  it('columnar tables larger than one batch keep every row in order', async () => {
    const n = 150_000;
    const table = { x: Float64Array.from({ length: n }, (_, i) => i), label: Array.from({ length: n }, (_, i) => `r${i % 7}`) };
    const arrow = tableFromIPC(await bytesOf(exportArrow, table));
    assert.equal(arrow.numRows, n);
    assert.equal(arrow.getChild('x')!.data.length, 3, '65,536 rows per batch');
    assert.deepEqual({ ...arrow.at(n - 1) }, { x: n - 1, label: `r${(n - 1) % 7}` });
    const b = await bytesOf(exportParquet, table);
    const rows = await parquetReadObjects({ file: b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer });
    assert.equal(rows.length, n);
    assert.deepEqual(rows[123_456], { x: 123_456, label: `r${123_456 % 7}` });
  });

  it('a value that is no table is refused with the formats that fit', async () => {
    await assert.rejects(bytesOf(exportArrow, { a: { b: 1 } }), /`v` cannot be exported as arrow \(it is an object; arrow writes tables and lists\): use json, ndjson\./);
    await assert.rejects(bytesOf(exportParquet, 'text'), /`v` cannot be exported as parquet \(it is a string; parquet writes tables and lists\): use json, ndjson, raw\./);
  });
});
