// The reading API from code: `open()` a store, name checkpoints as on the
// command line, get live values by path, stream numeric arrays chunk by
// chunk, summarize, export and diff.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { open, type ChkptStore } from '../../src/api/open.js';
import { diffCheckpoints } from '../../src/api/diff.js';
import { CHUNK_SIZE } from '../../src/store/index.js';
import { ChkptError, ErrorCode } from '../../src/shared/errors.js';
import { checkpoint, tempStore, type TempStore } from './helpers.js';

class Particle {
  constructor(public mass: number) {}
  double(): number {
    return this.mass * 2;
  }
}

// Three chunks and a bit; the element count is odd so the last chunk ends mid-way.
const LONG = (CHUNK_SIZE / 8) * 3 + 1001;
const long = Float64Array.from({ length: LONG }, (_, i) => (i % 1000) - 500.5);
long[10] = NaN;
long[20] = Infinity;

describe('open() and checkpoints', () => {
  let t: TempStore;
  let api: ChkptStore;
  let runId = '';

  before(async () => {
    t = tempStore();
    runId = t.store.beginRun({ script: '/w/sim.ts', startedAt: 1 }).id;
    checkpoint(t.store, runId, {
      long, small: new Int16Array([3, -4, 5]), big64: new BigInt64Array([1n, -(2n ** 62n)]),
      rows: [{ a: 1, b: 'x' }, { a: 2, b: 'y' }], p: new Particle(3), nums: Array.from({ length: 600 }, (_, i) => i / 2),
      nested: { deep: { list: [1, { two: 2 }] } },
    }, { time: 10 });
    const changed = long.slice();
    changed[CHUNK_SIZE / 8 + 5]! += 100;
    checkpoint(t.store, runId, { long: changed, small: new Int16Array([3, -4, 6]), extra: 'new' }, { time: 20 });
    api = await open(t.dir);
  });
  after(() => (api.close(), t.cleanup()));

  it('opens only existing stores', async () => {
    const missing = path.join(path.dirname(t.dir), 'nothing-here');
    await assert.rejects(open(missing), (err: unknown) => err instanceof ChkptError && err.code === ErrorCode.STORE_OPEN);
    assert.equal(fs.existsSync(missing), false, 'reading never creates a store');
  });

  it('lists runs and names checkpoints as the command line does', () => {
    assert.deepEqual(api.runs().map((r) => r.id), [runId]);
    assert.equal(api.run('sim.ts').id, runId);
    assert.deepEqual(api.checkpoints('sim').map((c) => c.n), [1, 2]);
    const cp = api.checkpoint('sim.ts@1');
    assert.equal(cp.ref, `${runId}@1`);
    assert.equal(cp.run.script, '/w/sim.ts');
    assert.equal(api.checkpoint('latest').info.n, 2);
  });

  it('get: live values by path; classes re-linked only when supplied', () => {
    const cp = api.checkpoint('sim.ts@1');
    assert.deepEqual(cp.get('small'), new Int16Array([3, -4, 5]));
    assert.equal(cp.get('rows[1].b'), 'y');
    assert.equal(cp.get('nested.deep.list[1].two'), 2);
    assert.equal(api.get('sim.ts@1', 'big64[1]'), -(2n ** 62n));
    const plain = cp.get('p') as object;
    assert.equal(Object.getPrototypeOf(plain), Object.prototype);
    const linked = cp.get('p', { classes: new Map([['Particle', Particle]]) }) as Particle;
    assert.equal(linked.double(), 6);
    assert.equal(cp.has('rows[1]'), true);
    assert.equal(cp.has('rows[9]'), false);
    assert.throws(() => cp.get('rowz'), /No variable `rowz` in checkpoint [0-9a-f]{12}@1; nearest: rows/);
  });

  it('numeric: a stored typed array streams chunk by chunk with the same values', async () => {
    const source = api.checkpoint('sim.ts@1').numeric('long')!;
    assert.deepEqual([source.dtype, source.kind, source.length], ['float64', 'Float64Array', LONG]);
    const chunks: number[] = [];
    const back = new Float64Array(LONG);
    let at = 0;
    for await (const chunk of source.chunks()) {
      chunks.push(chunk.length);
      back.set(chunk as Float64Array, at);
      at += chunk.length;
    }
    assert.deepEqual(chunks, [CHUNK_SIZE / 8, CHUNK_SIZE / 8, CHUNK_SIZE / 8, 1001]);
    assert.deepEqual(back, long);
    assert.equal(api.checkpoint('sim.ts@1').numeric('rows'), undefined);
    const nums = api.checkpoint('sim.ts@1').numeric('nums')!;
    assert.deepEqual([nums.kind, nums.dtype, nums.length], ['Array', 'float64', 600]);
  });

  it('stats: the same figures as a plain loop', async () => {
    const s = (await api.checkpoint('sim.ts@1').stats('long', { bins: 4, slices: 3 }))!;
    const finite = Array.from(long).filter(Number.isFinite);
    assert.equal(s.length, LONG);
    assert.equal(s.nan, 1);
    assert.equal(s.infinite, 1);
    assert.equal(s.min, finite.reduce((a, b) => Math.min(a, b)));
    assert.equal(s.max, Infinity);
    assert.ok(Math.abs(s.mean! - finite.reduce((a, b) => a + b, 0) / finite.length) < 1e-9);
    assert.equal(s.histogram.counts.reduce((a, b) => a + b, 0), finite.length);
    assert.deepEqual(s.histogram.edges, [-500.5, -250.75, -1, 248.75, 498.5]);
    assert.equal(s.slices.length, 3);
    assert.deepEqual(s.head.slice(0, 3), [-500.5, -499.5, -498.5]);
    const b = (await api.checkpoint('sim.ts@1').stats('big64'))!;
    assert.deepEqual([b.min, b.max], [-(2 ** 62), 1]);
    assert.equal(await api.checkpoint('sim.ts@1').stats('rows'), undefined);
  });

  it('export: to a file (format from the name) and to a stream', async () => {
    const file = path.join(path.dirname(t.dir), 'long.npy');
    const result = await api.export('sim.ts@1', 'long', { to: file });
    assert.deepEqual(result, { format: 'npy', file, bytes: 128 + LONG * 8 });
    const bytes = fs.readFileSync(file);
    assert.equal(bytes.subarray(0, 6).toString('latin1'), '\x93NUMPY');
    assert.deepEqual(new Float64Array(bytes.buffer.slice(bytes.byteOffset + 128, bytes.byteOffset + bytes.byteLength)), long);
    const out = new PassThrough();
    const parts: Buffer[] = [];
    out.on('data', (b: Buffer) => parts.push(b));
    await api.checkpoint('sim.ts@1').export('rows', { format: 'csv', to: out });
    assert.equal(Buffer.concat(parts).toString(), 'a,b\n1,x\n2,y\n');
    await assert.rejects(api.export('sim.ts@1', 'rows', { to: file, format: 'xlsx' }), /Unknown export format `xlsx`/);
  });

  it('diff: unchanged chunks are skipped by hash; changed elements counted', async () => {
    const report = await diffCheckpoints(api.checkpoint('sim.ts@1'), api.checkpoint('sim.ts@2'));
    assert.deepEqual(report.appeared.map((v) => v.name), ['extra']);
    assert.deepEqual(report.disappeared.map((v) => v.name).sort(), ['big64', 'nested', 'nums', 'p', 'rows']);
    const long = report.changed.find((c) => c.name === 'long')!.numeric!;
    assert.deepEqual({ ...long }, {
      lengthA: LONG, lengthB: LONG, compared: LONG, changed: 1, maxAbsDiff: 100, maxAt: CHUNK_SIZE / 8 + 5, chunksSkipped: 3, chunksCompared: 1,
    });
    const small = report.changed.find((c) => c.name === 'small')!;
    assert.equal(small.numeric?.changed ?? small.paths?.length, 1);
    const same = await diffCheckpoints(api.checkpoint('sim.ts@1'), api.checkpoint('sim.ts@1'));
    assert.deepEqual([same.changed.length, same.unchanged.length], [0, 7]);
    const only = await api.diff('sim.ts@1', 'latest', { only: ['small'] });
    assert.deepEqual([only.a, only.b, only.changed.map((c) => c.name), only.appeared, only.disappeared], [`${runId}@1`, `${runId}@2`, ['small'], [], []]);
  });
});
