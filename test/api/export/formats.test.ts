// Export formats: picking one from the option or the file name, and the
// one-line errors when the value does not fit.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fittingFormats, pickFormat, type ExportInput } from '../../../src/api/export/formats.js';
import { ChkptError, ErrorCode } from '../../../src/shared/errors.js';

const input = (value: unknown): ExportInput => ({ name: 'v', label: 'v', value: () => value });

describe('export formats', () => {
  it('from --format, case-insensitive, or from the file name', () => {
    assert.equal(pickFormat('NPY', undefined), 'npy');
    assert.equal(pickFormat(undefined, 'out/w.parquet'), 'parquet');
    assert.equal(pickFormat(undefined, 'rows.jsonl'), 'ndjson');
    assert.equal(pickFormat(undefined, 'T.FEATHER'), 'arrow');
    assert.equal(pickFormat('csv', 'x.npy'), 'csv', 'the option wins');
  });

  it('unknown or missing formats list the formats', () => {
    assert.throws(() => pickFormat('xlsx', undefined), (err: unknown) =>
      err instanceof ChkptError && err.code === ErrorCode.BAD_OPTION && err.message === 'Unknown export format `xlsx`: use one of npy, json, ndjson, csv, arrow, parquet, raw.');
    assert.throws(() => pickFormat(undefined, 'x.txt'), /^ChkptError: Which format\? Pass --format with one of npy, json, ndjson, csv, arrow, parquet, raw/);
  });

  it('what fits which value', () => {
    assert.deepEqual(fittingFormats(input('text')), ['json', 'ndjson', 'raw']);
    assert.deepEqual(fittingFormats(input([{ a: 1 }])), ['csv', 'arrow', 'parquet', 'json', 'ndjson']);
    assert.deepEqual(fittingFormats(input({ a: { b: 1 } })), ['json', 'ndjson']);
  });
});
