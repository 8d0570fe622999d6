// Exports read back by other tools: `.npy` files by numpy (same dtype, same
// bytes), Arrow IPC files by flechette and Parquet files by hyparquet (two
// readers independent of the libraries chkpt writes with), CSV and JSON by
// plain parsing. Checkpoints come from real `chkpt run` executions of
// test/fixtures/inspect/big.mjs and train.mjs; the arrays span several chunks.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { tableFromIPC } from '@uwdata/flechette';
import { parquetMetadata, parquetReadObjects } from 'hyparquet';
import { chkpt, fixturesDir, record, workspace, type Workspace } from '../fixtures/inspect/helpers.js';

const N = { f64: 1_200_000, i32: 1_100_000, u8: 5_000_000, small: 1000 };
const f64 = Float64Array.from({ length: N.f64 }, (_, i) => i * 0.5 - 1000);
const i32 = Int32Array.from({ length: N.i32 }, (_, i) => (i % 2 ? -i : i));
const u8 = Uint8Array.from({ length: N.u8 }, (_, i) => i % 251);
const small: Record<string, ArrayBufferView & { length: number }> = {
  f32: Float32Array.from({ length: N.small }, (_, i) => i / 8),
  i16: Int16Array.from({ length: N.small }, (_, i) => -i * 30),
  u16: Uint16Array.from({ length: N.small }, (_, i) => i * 60),
  u32: Uint32Array.from({ length: N.small }, (_, i) => 4_000_000_000 + i),
  i8: Int8Array.from({ length: N.small }, (_, i) => (i % 256) - 128),
  i64: BigInt64Array.from({ length: N.small }, (_, i) => BigInt(i) * -(2n ** 40n)),
  u64: BigUint64Array.from({ length: N.small }, (_, i) => 2n ** 63n + BigInt(i)),
  nums: Float64Array.from({ length: N.small }, (_, i) => i * 1.5),
};

const sha = (view: ArrayBufferView): string =>
  crypto.createHash('sha256').update(new Uint8Array(view.buffer, view.byteOffset, view.byteLength)).digest('hex');

/** A python3 that imports numpy: Debian's /usr/bin/python3 first (where .ci/run installs python3-numpy), then the one on PATH. */
function findNumpy(): string | undefined {
  for (const python of ['/usr/bin/python3', 'python3']) {
    const r = spawnSync(python, ['-c', 'import numpy'], { encoding: 'utf8' });
    if (r.status === 0) return python;
  }
  return undefined;
}

const NUMPY_READER = `
import hashlib, json, sys
import numpy as np
out = {}
for name in sys.argv[1:]:
    a = np.load(name, allow_pickle=False)
    out[name] = {"dtype": a.dtype.str, "shape": list(a.shape), "sha256": hashlib.sha256(a.tobytes()).hexdigest(),
                 "first": [float(x) for x in a[:3]], "nan": int(np.isnan(a).sum()) if a.dtype.kind == "f" else 0}
print(json.dumps(out))
`;

describe('exports read back by numpy, flechette and hyparquet', () => {
  let ws: Workspace;
  const file = (name: string): string => path.join(ws.dir, name);
  const exportTo = async (ref: string, variable: string, out: string, format?: string): Promise<void> => {
    const r = await chkpt(ws, ['export', ref, variable, '-o', file(out), ...(format ? ['--format', format] : [])]);
    assert.equal(r.code, 0, `export ${variable} ${out}: ${r.stderr}`);
    assert.match(r.stdout, new RegExp(`^wrote ${file(out).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(`));
  };

  before(async () => {
    ws = workspace();
    fs.copyFileSync(path.join(fixturesDir, 'big.mjs'), path.join(ws.dir, 'big.mjs'));
    await record(ws, 'big.mjs');
    await record(ws, 'train.mjs', ['--epochs', '1']);
  });
  after(() => ws.cleanup());

  it('.npy of Float64Array, Int32Array and Uint8Array (several chunks each) loads in numpy with the same dtype and values', async (t) => {
    await exportTo('big.mjs', 'f64', 'f64.npy');
    await exportTo('big.mjs', 'i32', 'i32.npy');
    await exportTo('big.mjs', 'u8', 'u8.npy', 'npy');
    await exportTo('train.mjs', 'weights', 'weights.npy');
    for (const name of Object.keys(small)) await exportTo('big.mjs', name, `${name}.npy`);
    const python = findNumpy();
    if (!python) return t.skip('numpy is not installed (apt-get install python3-numpy; .ci/run does it)');
    const names = ['f64', 'i32', 'u8', 'weights', ...Object.keys(small)].map((n) => file(`${n}.npy`));
    const r = spawnSync(python, ['-c', NUMPY_READER, ...names], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const seen = JSON.parse(r.stdout) as Record<string, { dtype: string; shape: number[]; sha256: string; first: number[]; nan: number }>;
    const expect = (n: string, dtype: string, array: ArrayBufferView & { length: number }): void => {
      const got = seen[file(`${n}.npy`)]!;
      assert.equal(got.dtype, dtype, n);
      assert.deepEqual(got.shape, [array.length], n);
      assert.equal(got.sha256, sha(array), `${n}: numpy reads exactly the script's bytes`);
    };
    expect('f64', '<f8', f64);
    expect('i32', '<i4', i32);
    expect('u8', '|u1', u8);
    expect('f32', '<f4', small['f32']!);
    expect('i16', '<i2', small['i16']!);
    expect('u16', '<u2', small['u16']!);
    expect('u32', '<u4', small['u32']!);
    expect('i8', '|i1', small['i8']!);
    expect('i64', '<i8', small['i64']!);
    expect('u64', '<u8', small['u64']!);
    expect('nums', '<f8', small['nums']!);
    assert.deepEqual(seen[file('f64.npy')]!.first, [-1000, -999.5, -999]);
    assert.deepEqual(seen[file('i32.npy')]!.first, [0, -1, 2]);
    const weights = seen[file('weights.npy')]!;
    assert.equal(weights.dtype, '<f8');
    assert.equal(weights.nan, 1);
    assert.deepEqual(weights.first, [0, Math.sin(1 / 1000), Math.sin(2 / 1000)]);
  });

  it('raw: the bytes as stored', async () => {
    await exportTo('big.mjs', 'i32', 'i32.bin', 'raw');
    const bytes = fs.readFileSync(file('i32.bin'));
    assert.equal(bytes.byteLength, i32.byteLength);
    assert.equal(sha(bytes), sha(i32));
  });

  it('Arrow IPC: a numeric array streams as several record batches that flechette reads back', async () => {
    await exportTo('big.mjs', 'f64', 'f64.arrow');
    const table = tableFromIPC(fs.readFileSync(file('f64.arrow')));
    assert.equal(table.numRows, N.f64);
    assert.ok(table.getChild('f64')!.data.length >= 3, 'one batch per stored chunk');
    const values = table.getChild('f64')!.toArray() as Float64Array;
    assert.equal(sha(Float64Array.from(values)), sha(f64));
    for (const name of ['i16', 'u32', 'i64']) {
      await exportTo('big.mjs', name, `${name}.arrow`);
      const col = tableFromIPC(fs.readFileSync(file(`${name}.arrow`)), { useBigInt: true }).getChild(name)!;
      assert.deepEqual(Array.from(col.toArray() as ArrayLike<unknown>), Array.from(small[name] as unknown as ArrayLike<unknown>), name);
    }
  });

  it('Arrow IPC: records and columnar tables keep their column types', async () => {
    await exportTo('train.mjs', 'rows', 'rows.arrow');
    const rows = tableFromIPC(fs.readFileSync(file('rows.arrow'))).toArray();
    assert.equal(rows.length, 30);
    assert.deepEqual({ ...rows[5] }, { id: 5, name: 'row 5', score: 1.25, ok: false });
    await exportTo('train.mjs', 'table', 'table.feather');
    const table = tableFromIPC(fs.readFileSync(file('table.feather')));
    assert.deepEqual(table.names, ['x', 'y', 'label']);
    assert.deepEqual({ ...table.at(9) }, { x: 9, y: 81, label: 'p9' });
  });

  it('Parquet: a numeric array streams as several row groups that hyparquet reads back', async () => {
    await exportTo('big.mjs', 'u8', 'u8.parquet');
    const bytes = fs.readFileSync(file('u8.parquet'));
    const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
    const meta = parquetMetadata(buffer);
    assert.equal(Number(meta.num_rows), N.u8);
    assert.ok(meta.row_groups.length >= 2, 'one row group per stored chunk');
    const rows = await parquetReadObjects({ file: buffer, columns: ['u8'] });
    assert.equal(rows.length, N.u8);
    assert.equal(sha(Uint8Array.from(rows, (r) => r['u8'] as number)), sha(u8));
    for (const name of ['u32', 'u64', 'i8', 'f32']) {
      await exportTo('big.mjs', name, `${name}.parquet`);
      const b = fs.readFileSync(file(`${name}.parquet`));
      const got = await parquetReadObjects({ file: b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) });
      assert.deepEqual(got.map((r) => r[name]), Array.from(small[name] as unknown as ArrayLike<unknown>), name);
    }
  });

  it('Parquet: records with numbers, strings and booleans', async () => {
    await exportTo('train.mjs', 'rows', 'rows.parquet');
    const b = fs.readFileSync(file('rows.parquet'));
    const rows = await parquetReadObjects({ file: b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) });
    assert.equal(rows.length, 30);
    assert.deepEqual(rows[6], { id: 6, name: 'row 6', score: 1.5, ok: true });
  });

  it('CSV, JSON and NDJSON', async () => {
    await exportTo('train.mjs', 'rows', 'rows.csv');
    const csv = fs.readFileSync(file('rows.csv'), 'utf8').trimEnd().split('\n');
    assert.equal(csv[0], 'id,name,score,ok');
    assert.equal(csv[4], '3,row 3,0.75,true');
    assert.equal(csv.length, 31);
    await exportTo('train.mjs', 'weights', 'weights.csv');
    const w = fs.readFileSync(file('weights.csv'), 'utf8').trimEnd().split('\n');
    assert.equal(w[0], 'weights');
    assert.equal(w[8], 'NaN');
    assert.equal(Number(w[1001]), Math.sin(1));
    await exportTo('train.mjs', 'config', 'config.json');
    assert.deepEqual(JSON.parse(fs.readFileSync(file('config.json'), 'utf8')), {
      optimizer: { name: 'adam', betas: [0.9, 0.999] }, tags: ['a', 'b'], schedule: { warmup: 100, decay: 0.5 },
      started: '1970-01-01T00:00:00.000Z', hooks: {},
    });
    await exportTo('big.mjs', 'f64', 'f64.json');
    const all = JSON.parse(fs.readFileSync(file('f64.json'), 'utf8')) as number[];
    assert.equal(all.length, N.f64);
    assert.equal(sha(Float64Array.from(all)), sha(f64));
    await exportTo('train.mjs', 'table', 'table.ndjson');
    const lines = fs.readFileSync(file('table.ndjson'), 'utf8').trimEnd().split('\n');
    assert.equal(lines.length, 100);
    assert.deepEqual(JSON.parse(lines[3]!), { x: 3, y: 9, label: 'p3' });
    await exportTo('big.mjs', 'i64', 'i64.ndjson');
    assert.equal(fs.readFileSync(file('i64.ndjson'), 'utf8').split('\n')[2], String(2n * -(2n ** 40n)));
  });

  it('to stdout when there is no -o, and a pipe closed early is not an error', async () => {
    const r = await chkpt(ws, ['export', 'train.mjs', 'rows', '--format', 'csv']);
    assert.equal(r.code, 0);
    assert.equal(r.stdout.split('\n')[1], '0,row 0,0,true');
    const { runProcess, chkptCli } = await import('../helpers/run-process.js');
    const head = await runProcess('sh', ['-c', `'${process.execPath}' '${chkptCli}' export big.mjs f64 --format ndjson --store '${ws.store}' | head -n 2`], { cwd: ws.dir });
    assert.equal(head.stdout, '-1000\n-999.5\n');
    assert.equal(head.stderr, '');
  });
});
