import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { ByteReader } from '../../src/serialize/reader.js';
import { ByteWriter, varintSize } from '../../src/serialize/writer.js';

test('varints round-trip up to 2^53 and have the size varintSize says', () => {
  const values = [0, 1, 127, 128, 255, 16_383, 16_384, 2 ** 31 - 1, 2 ** 31, 2 ** 32, 2 ** 40 + 5, Number.MAX_SAFE_INTEGER];
  const w = new ByteWriter(4);
  for (const v of values) {
    const before = w.pos;
    w.varint(v);
    assert.equal(w.pos - before, varintSize(v), `${v}`);
  }
  const r = new ByteReader(w.finish());
  for (const v of values) assert.equal(r.varint(), v);
  assert.equal(r.remaining(), 0);
});

test('strings round-trip, ASCII as one byte per char, lone surrogates as UTF-16', () => {
  fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (s) => {
    const w = new ByteWriter(1);
    w.string(s);
    const r = new ByteReader(w.finish());
    assert.equal(r.string(), s);
    assert.equal(r.remaining(), 0);
  }), { numRuns: 2000 });
  const w = new ByteWriter();
  w.string('x'.repeat(63));
  assert.equal(w.pos, 64);
  w.string('y'.repeat(64));
  assert.equal(w.pos, 64 + 66);
});

test('numbers keep -0, NaN and every double exactly', () => {
  fc.assert(fc.property(fc.double(), (v) => {
    const w = new ByteWriter(1);
    w.number(v);
    const r = new ByteReader(w.finish());
    const tag = r.u8();
    const back = tag === 0x04 ? ((z) => (z % 2 === 1 ? -(z + 1) / 2 : z / 2))(r.varint()) : r.float64();
    assert.ok(Object.is(back, v), `${v}`);
  }), { numRuns: 2000 });
});

test('the writer grows from a tiny buffer without losing bytes', () => {
  const w = new ByteWriter(1);
  const bytes = new Uint8Array(100_000).map((_, i) => i % 251);
  w.bytes(bytes, bytes.length);
  w.float64(Math.PI);
  const r = new ByteReader(w.finish());
  assert.deepEqual(r.bytes(bytes.length), bytes);
  assert.equal(r.float64(), Math.PI);
});
