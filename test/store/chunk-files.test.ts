import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { FileChunkStore, ensureChunkDirs } from '../../src/store/chunk-files.js';
import { hashChunk } from '../../src/store/chunk-hash.js';
import { ErrorCode } from '../../src/shared/errors.js';
import { listFiles, tempDir } from './helpers.js';

function setup(): { store: FileChunkStore; dir: string; cleanup: () => void } {
  const { dir, cleanup } = tempDir();
  ensureChunkDirs(dir);
  return { store: new FileChunkStore(dir), dir, cleanup };
}

test('put stores chunks under chunks/<2 hex>/<30 hex>; has/get/list/delete see them', (t) => {
  const { store, dir, cleanup } = setup();
  t.after(cleanup);
  const a = new Uint8Array(100_000).map((_, i) => i * 7);
  const b = new TextEncoder().encode('hello chunk');
  const ha = hashChunk(a);
  const hb = hashChunk(b);
  assert.equal(store.has(ha, a.length), false);
  assert.equal(store.put([{ hash: ha, bytes: a }, { hash: hb, bytes: b }]), a.length + b.length);
  assert.deepEqual(listFiles(dir), [
    path.join('chunks', ha.slice(0, 2), ha.slice(2)), path.join('chunks', hb.slice(0, 2), hb.slice(2)),
  ].sort());
  assert.equal(store.has(ha, a.length), true);
  assert.equal(store.has(ha, a.length + 1), false, 'a file of the wrong size is not the chunk');
  assert.deepEqual(store.get(ha, a.length), a);
  const into = new Uint8Array(b.length);
  assert.equal(store.get(hb, b.length, into), into);
  assert.deepEqual(into, b);
  assert.deepEqual([...store.list()].sort((x, y) => x.hash.localeCompare(y.hash)),
    [{ hash: ha, size: a.length }, { hash: hb, size: b.length }].sort((x, y) => x.hash.localeCompare(y.hash)));
  store.delete(ha);
  store.delete(ha); // absent: not an error
  assert.throws(() => store.get(ha, a.length), { code: ErrorCode.MISSING_CHUNK });
  assert.throws(() => store.get(hb, b.length + 3), { code: ErrorCode.INTEGRITY });
});

test('bytes that change between hashing and writing fail the put and leave no temp file nor chunk', (t) => {
  const { store, dir, cleanup } = setup();
  t.after(cleanup);
  const bytes = new Uint8Array(5000).fill(1);
  const hash = hashChunk(bytes);
  bytes[10] = 2; // the script ran on after the hash was taken
  assert.throws(() => store.put([{ hash, bytes }]), { code: ErrorCode.WRITE_FAILED });
  assert.deepEqual(listFiles(dir), []);
  assert.equal(store.has(hash, bytes.length), false);
});

test('a put of many chunks writes each one once and leaves no temp file', (t) => {
  const { store, dir, cleanup } = setup();
  t.after(cleanup);
  const chunks = Array.from({ length: 150 }, (_, i) => {
    const bytes = new Uint8Array(64).fill(i);
    return { hash: hashChunk(bytes), bytes };
  });
  assert.equal(store.put(chunks), 150 * 64);
  assert.equal(listFiles(path.join(dir, 'chunks')).length, 150);
  assert.deepEqual(fs.readdirSync(path.join(dir, 'tmp')), []);
});
