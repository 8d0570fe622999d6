// The reading API with the real value encoding: values come back live, typed
// arrays as typed arrays, classes re-linked only from what the caller passes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { encodeValue } from '../../src/serialize/index.js';
import { CHUNK_SIZE, openStore, type Store, type VariableInput } from '../../src/store/index.js';
import { hashChunk } from '../../src/store/chunk-hash.js';
import { VARIABLE_COLUMNS, checksumRow, normalizeRow } from '../../src/store/rows.js';
import { ErrorCode } from '../../src/shared/errors.js';
import { seededFloats, tempDir } from './helpers.js';

class Particle {
  constructor(public pos: Float64Array, public mass: number) {}
  energy(): number {
    return this.mass * 2;
  }
}

const variable = (name: string, value: unknown, scope: VariableInput['scope'] = 'module'): VariableInput =>
  ({ name, scope, encoded: encodeValue(value, { path: name }) });

function withStore(t: { after: (fn: () => void) => void }): { store: Store; dir: string } {
  const { dir, cleanup } = tempDir();
  const store = openStore(dir, { autoGc: false });
  t.after(() => (store.close(), cleanup()));
  return { store, dir };
}

test('values written through encodeValue read back live', (t) => {
  const { store } = withStore(t);
  const run = store.beginRun({ script: 'sim.ts' });
  const big = seededFloats(CHUNK_SIZE / 8 * 2 + 17, 1); // spans three chunks
  const values: Record<string, unknown> = {
    big,
    ints: new Int32Array([1, -2, 3]),
    bigints: new BigInt64Array([1n, -(2n ** 62n)]),
    bytes: Buffer.from('buffer bytes'),
    nested: { model: { weights: big.subarray(5, 10), name: 'm', when: new Date(1_700_000_000_000) }, tags: new Set(['a', 'b']) },
    map: new Map(Array.from({ length: 1000 }, (_, i) => [`k${i}`, { i, sq: i * i }])),
    records: Array.from({ length: 50 }, (_, i) => ({ id: i, ok: i % 2 === 0, label: `row ${i}` })),
    text: 'héllo \u{1F600}',
    nothing: null,
    count: 42,
    huge: 2n ** 100n,
    re: /a+b/gi,
  };
  const res = store.writeCheckpoint(run.id, { trigger: 'api', variables: Object.entries(values).map(([k, v]) => variable(k, v)) });
  for (const [name, value] of Object.entries(values)) {
    assert.deepEqual(store.readVariable(res.id, name), value, name);
  }
  const back = store.readVariable(res.id, 'big') as Float64Array;
  assert.ok(back instanceof Float64Array);
  assert.equal(back.length, big.length);
  assert.deepEqual(store.variable(res.id, 'map').shape, [1000]);
});

test('class instances are re-linked from the caller\'s classes, else stay plain objects', (t) => {
  const { store } = withStore(t);
  const run = store.beginRun({ script: 'sim.ts' });
  const p = new Particle(new Float64Array([1, 2, 3]), 5);
  const res = store.writeCheckpoint(run.id, { trigger: 'api', variables: [variable('p', p)] });
  assert.equal(store.variable(res.id, 'p').class?.name, 'Particle');
  const linked = store.readVariable(res.id, 'p', { classes: new Map<string, Function>([['Particle', Particle]]) }) as Particle;
  assert.ok(linked instanceof Particle);
  assert.equal(linked.energy(), 10);
  assert.deepEqual(linked.pos, new Float64Array([1, 2, 3]));
  const plain = store.readVariable(res.id, 'p') as Record<string, unknown>;
  assert.equal(plain instanceof Particle, false);
  assert.equal(plain['mass'], 5);
});

test('one changed element inside an object rewrites one chunk; an unchanged state writes nothing', (t) => {
  const { store } = withStore(t);
  const run = store.beginRun({ script: 'sim.ts' });
  const state = { step: 1, field: seededFloats(CHUNK_SIZE / 2, 2) }; // four chunks inside an object
  const write = (): ReturnType<Store['writeCheckpoint']> => store.writeCheckpoint(run.id, { trigger: 'interval', variables: [variable('state', state)] });
  write();
  assert.equal(write().bytesNew, 0);
  state.field[CHUNK_SIZE / 8 * 3 + 1] = 99;
  const third = write();
  assert.equal(third.bytesNew, CHUNK_SIZE);
  assert.equal(third.chunksNew, 1);
  assert.deepEqual(store.readVariable(third.id, 'state'), state);
});

test('partStream reads a big part one verified chunk at a time', async (t) => {
  const { store } = withStore(t);
  const run = store.beginRun({ script: 'sim.ts' });
  const big = seededFloats(CHUNK_SIZE / 8 * 3 + 3, 3);
  const res = store.writeCheckpoint(run.id, { trigger: 'api', variables: [variable('big', big)] });
  const sizes: number[] = [];
  const whole = Buffer.alloc(big.byteLength);
  let at = 0;
  for await (const chunk of store.partStream(res.id, 'big', 0)) {
    sizes.push(chunk.byteLength);
    whole.set(chunk, at);
    at += chunk.byteLength;
  }
  assert.deepEqual(sizes, [CHUNK_SIZE, CHUNK_SIZE, CHUNK_SIZE, 24]);
  assert.deepEqual(new Float64Array(whole.buffer, whole.byteOffset, big.length), big);
  assert.throws(() => store.partStream(res.id, 'big', 7), { code: ErrorCode.NOT_FOUND });
  assert.throws(() => store.readVariable(res.id, 'nope'), (err: { code: string; data: Record<string, unknown> }) =>
    err.code === ErrorCode.NOT_FOUND && (err.data['candidates'] as string[]).includes('big'));
});

test('a damaged chunk fails only its own variable; the others still load', (t) => {
  const { store, dir } = withStore(t);
  const run = store.beginRun({ script: 'sim.ts' });
  const a = seededFloats(CHUNK_SIZE / 8, 4);
  const res = store.writeCheckpoint(run.id, { trigger: 'api', variables: [variable('a', { a }), variable('b', { b: [1, 2, 3] })] });
  const hash = store.variable(res.id, 'a').parts[0]!.chunks[0]!;
  const file = path.join(dir, 'chunks', hash.slice(0, 2), hash.slice(2));
  const bytes = fs.readFileSync(file);
  bytes[100]! ^= 1;
  fs.writeFileSync(file, bytes);
  assert.throws(() => store.readVariable(res.id, 'a'), (err: { code: string; data: Record<string, unknown> }) =>
    err.code === ErrorCode.INTEGRITY && err.data['variable'] === 'a' && err.data['hash'] === hash);
  assert.deepEqual(store.readVariable(res.id, 'b'), { b: [1, 2, 3] });
});

test('decoding a hostile store imports nothing and runs nothing', (t) => {
  const { store, dir } = withStore(t);
  const marker = path.join(dir, 'PWNED');
  const evil = path.join(dir, 'evil.mjs');
  fs.writeFileSync(evil, `import fs from 'node:fs'; fs.writeFileSync(${JSON.stringify(marker)}, 'ran'); export class Particle {}`);
  const run = store.beginRun({ script: 'sim.ts' });
  const res = store.writeCheckpoint(run.id, {
    trigger: 'api', variables: [variable('p', new Particle(new Float64Array(2), 1)), variable('s', 'text')],
  });
  // Point the class at the evil module, and replace a meta stream by JavaScript
  // (stored as a proper chunk, with a valid address and row checksum).
  const payload = Buffer.from(`require('fs').writeFileSync(${JSON.stringify(marker)}, 'ran')`);
  const hash = hashChunk(payload);
  const db = new Database(path.join(dir, 'index.sqlite'));
  db.prepare('INSERT INTO chunks (hash, size, data) VALUES (?, ?, ?)').run(hash, payload.length, payload);
  db.prepare('INSERT INTO checkpoint_chunks (hash, checkpoint_id) VALUES (?, ?)').run(hash, res.id);
  for (const [idx, changes] of [[0, { class_module: pathToFileURL(evil).href }], [1, { meta: JSON.stringify({ size: payload.length, chunkSize: CHUNK_SIZE, chunks: [hash] }) }]] as const) {
    const row = db.prepare('SELECT * FROM variables WHERE checkpoint_id = ? AND idx = ?').get(res.id, idx) as Record<string, unknown>;
    const next = normalizeRow(VARIABLE_COLUMNS, { ...row, ...changes });
    db.prepare('UPDATE variables SET class_module = @class_module, meta = @meta, checksum = @checksum WHERE checkpoint_id = @checkpoint_id AND idx = @idx')
      .run({ ...next, checksum: checksumRow('variables', VARIABLE_COLUMNS, next) });
  }
  db.close();
  assert.equal(store.variable(res.id, 'p').class?.module, pathToFileURL(evil).href);
  const p = store.readVariable(res.id, 'p') as Record<string, unknown>;
  assert.equal(p['mass'], 1);
  assert.throws(() => store.readVariable(res.id, 's'), { code: ErrorCode.BAD_ENCODING });
  assert.equal(fs.existsSync(marker), false);
});

test('a worker thread writes through its own Store while the main thread reads through another', async (t) => {
  const { store, dir } = withStore(t);
  const run = store.beginRun({ script: 'sim.ts' });
  const array = seededFloats(CHUNK_SIZE / 8 + 1, 8);
  const worker = new Worker(new URL('./fixtures/thread-entry.mjs', import.meta.url), { workerData: { dir, runId: run.id, array } });
  const res = await new Promise<{ id: number; status: string }>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  assert.equal(res.status, 'ok');
  assert.deepEqual(store.readVariable(res.id, 'field'), array);
});

test('a closed store fails writes with WRITE_FAILED, not a raw error', (t) => {
  const { store } = withStore(t);
  const run = store.beginRun({ script: 'sim.ts' });
  store.close();
  assert.throws(() => store.writeCheckpoint(run.id, { trigger: 'exit', variables: [variable('x', 1)] }), { code: ErrorCode.WRITE_FAILED });
});
