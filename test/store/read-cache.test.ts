// A store that reads another's chunks (a shared store's mirror) keeps them as
// a read cache under its cap: least recently used first, only fetched chunks
// (never those of checkpoints written here), before any checkpoint.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkpointManifest } from '../../src/remote/manifests.js';
import { CHUNK_SIZE, openStore, type Store } from '../../src/store/index.js';
import { seededFloats, tempDir, typedVariable } from './helpers.js';

const MiB = 1024 * 1024;

/** A variable's array bytes as read back (the hand-built meta is no value encoding). */
const bytesOf = (store: Store, cpId: number, name: string): Buffer => Buffer.from(store.readPart(cpId, name, 0));
const asBytes = (a: Float64Array | undefined): Buffer => Buffer.from(a!.buffer, a!.byteOffset, a!.byteLength);

interface Mirror { source: Store; mirror: Store; cpId: number; fetches: string[]; hints: string[][]; values: Float64Array[] }

/** A source store with one checkpoint of `arrays` arrays of 4 chunks each, and a mirror of its index with a cap. */
function mirrored(t: { after: (fn: () => void) => void }, maxBytes: number, arrays = 2): Mirror {
  const a = tempDir();
  const b = tempDir();
  const source = openStore(a.dir, { autoGc: false });
  const run = source.beginRun({ script: 'train.ts' });
  const values = Array.from({ length: arrays }, (_, i) => seededFloats((CHUNK_SIZE / 8) * 4, i + 1));
  const written = source.writeCheckpoint(run.id, { trigger: 'interval', variables: values.map((v, i) => typedVariable(`w${i}`, v)) });
  const fetches: string[] = [];
  const hints: string[][] = [];
  const mirror = openStore(b.dir, {
    prefetchChunks: (hashes) => hints.push(hashes),
    autoGc: false, maxBytes,
    fetchChunk: (hash, size) => {
      fetches.push(hash);
      return source.readChunk(hash, size, { checkpointId: written.id, variable: '?' });
    },
  });
  mirror.importRun({ ...source.run(run.id)! });
  const cp = source.checkpoint(written.id)!;
  const cpId = mirror.importCheckpoint(run.id, checkpointManifest(cp, source.variables(cp.id)));
  t.after(() => {
    mirror.close();
    source.close();
    a.cleanup();
    b.cleanup();
  });
  return { source, mirror, cpId, fetches, hints, values };
}

test('fetched chunks stay under the cap: the least recently used go, and are read again when needed', (t) => {
  const { mirror, cpId, fetches, values } = mirrored(t, 12 * MiB);
  assert.ok(bytesOf(mirror, cpId, 'w0').equals(asBytes(values[0])));
  assert.equal(fetches.length, 4);
  assert.ok(mirror.stats().bytes <= 12 * MiB);
  assert.ok(bytesOf(mirror, cpId, 'w1').equals(asBytes(values[1])));
  assert.ok(mirror.stats().bytes <= 12 * MiB, `${mirror.stats().bytes} bytes`);
  // w0's chunks went first; reading it again fetches them again, whole and right.
  fetches.length = 0;
  assert.ok(bytesOf(mirror, cpId, 'w0').equals(asBytes(values[0])));
  assert.ok(fetches.length >= 4, `${fetches.length} fetches`);
  assert.ok(mirror.verify().ok);
});

test('under the cap nothing is trimmed, and a second read fetches nothing', (t) => {
  const { mirror, cpId, fetches, values } = mirrored(t, 1024 * MiB);
  bytesOf(mirror, cpId, 'w0');
  bytesOf(mirror, cpId, 'w1');
  fetches.length = 0;
  assert.ok(bytesOf(mirror, cpId, 'w1').equals(asBytes(values[1])));
  assert.deepEqual(fetches, []);
});

test('chunks of checkpoints written here are never trimmed; gc trims the cache before it deletes a checkpoint', (t) => {
  const { mirror, cpId, values } = mirrored(t, 1024 * MiB);
  const own = mirror.beginRun({ script: 'local.ts' });
  const mine = seededFloats((CHUNK_SIZE / 8) * 3, 9);
  const written = mirror.writeCheckpoint(own.id, { trigger: 'exit', variables: [typedVariable('mine', mine)] });
  bytesOf(mirror, cpId, 'w0');
  const before = mirror.stats();
  const report = mirror.gc({ maxBytes: 14 * MiB });
  // The fetched chunks went; no checkpoint did, and this machine's value is whole.
  assert.deepEqual(report.checkpointsDeleted, []);
  assert.ok(mirror.stats().bytes < before.bytes - 10 * MiB, `${before.bytes} -> ${mirror.stats().bytes}`);
  assert.ok(bytesOf(mirror, written.id, 'mine').equals(asBytes(mine)));
  assert.ok(bytesOf(mirror, cpId, 'w0').equals(asBytes(values[0])));
});

test('a read of many chunks tells the fetcher, in order, the ones missing here (to read them ahead)', (t) => {
  const { mirror, cpId, fetches, hints } = mirrored(t, 1024 * MiB);
  bytesOf(mirror, cpId, 'w0');
  assert.equal(hints.length, 1);
  assert.deepEqual(hints[0], fetches);
  assert.deepEqual(hints[0], mirror.variable(cpId, 'w0').parts[0]!.chunks);
  bytesOf(mirror, cpId, 'w0');
  assert.equal(hints.length, 1);
});
