// Decoding hostile input: crafted, random, truncated or mutated meta streams
// and lying part tables either decode to inert data or throw ChkptError
// BAD_ENCODING. Nothing the data names is ever run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { ChkptError, ErrorCode, isChkptError } from '../../src/shared/errors.js';
import { CLASS_SYMBOL, decodeValue, encodeValue, ENCODING_VERSION, type BinaryPart } from '../../src/serialize/index.js';
import * as T from '../../src/serialize/tags.js';
import { MAGIC } from '../../src/serialize/version.js';
import { ByteWriter } from '../../src/serialize/writer.js';

let canaryCalls = 0;
(globalThis as Record<string, unknown>)['chkptCanary'] = () => { canaryCalls++; };

/** A meta stream: header, then whatever `write` adds. */
function meta(write: (w: ByteWriter) => void): Uint8Array {
  const w = new ByteWriter(64);
  for (const b of MAGIC) w.u8(b);
  w.u8(ENCODING_VERSION);
  write(w);
  return new Uint8Array(w.finish());
}

/** A new shape reference with `keys` (enumerable), as the first use of shape id `id`. */
function shape(w: ByteWriter, id: number, keys: string[]): void {
  w.varint(id);
  w.varint(keys.length);
  for (const k of keys) {
    w.u8(0);
    w.string(k);
  }
}

function str(w: ByteWriter, s: string): void {
  w.u8(T.TAG_STRING);
  w.string(s);
}

const noParts = (): Uint8Array => { throw new Error('no part expected'); };

function decode(bytes: Uint8Array, parts: (id: number) => Uint8Array = noParts, info: Pick<BinaryPart, 'id' | 'kind' | 'dtype' | 'length' | 'byteOffset'>[] = [], classes?: Map<string, Function>): unknown {
  return decodeValue(bytes, parts, info, classes ? { classes } : {});
}

function assertBad(run: () => unknown, message?: RegExp): void {
  assert.throws(run, (err: unknown) => {
    assert.ok(err instanceof ChkptError, `ChkptError expected, got ${String(err)}`);
    assert.equal(err.code, ErrorCode.BAD_ENCODING);
    if (message) assert.match(err.message, message);
    return true;
  });
}

/** Decoding either works or fails with BAD_ENCODING; nothing else may escape. */
function decodeOrBad(bytes: Uint8Array, parts?: (id: number) => Uint8Array, info?: Pick<BinaryPart, 'id' | 'kind' | 'dtype' | 'length' | 'byteOffset'>[]): void {
  try {
    decode(bytes, parts, info);
  } catch (err) {
    if (!isChkptError(err) || err.code !== ErrorCode.BAD_ENCODING) throw err;
  }
}

const rich = () => ({
  a: [1, , 'two', 3n, -0, { b: new Map<unknown, unknown>([[1, new Set([2])]]) }], d: new Date(3), r: /x+/g, e: new RangeError('r'),
  t: new Int16Array([1, 2]), big: new Float64Array(1000), s: 'héllo\ud800', n: null, u: undefined, boxed: Object('s'),
  sparse: Object.assign([], { 100_000: 1 }), nul: Object.create(null) as object,
});

test('wrong magic, wrong version, empty input and non-Uint8Array input are BAD_ENCODING', () => {
  assertBad(() => decode(new Uint8Array(0)), /unexpected end/);
  assertBad(() => decode(new Uint8Array([1, 2, 3, 4, 0])), /not a chkpt value encoding/);
  assertBad(() => decode(new Uint8Array([...MAGIC, ENCODING_VERSION + 1, T.TAG_NULL])), /encoding version/);
  assertBad(() => decodeValue('CKV' as unknown as Uint8Array, noParts, []), /not a Uint8Array/);
  assert.equal(decode(meta((w) => w.u8(T.TAG_NULL))), null);
});

test('every truncation of a valid stream is BAD_ENCODING', () => {
  const { meta: full, parts } = encodeValue(rich());
  for (let n = 0; n < full.length; n++) {
    assertBad(() => decode(full.subarray(0, n), (id) => parts[id]!.bytes, parts));
  }
  assertBad(() => decode(new Uint8Array([...full, 0]), (id) => parts[id]!.bytes, parts), /trailing bytes/);
});

test('random bytes and random mutations of valid streams never escape as anything but BAD_ENCODING', () => {
  const { meta: valid, parts } = encodeValue(rich());
  const partFn = (id: number) => parts[id]!.bytes;
  fc.assert(fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
    decodeOrBad(bytes);
    decodeOrBad(new Uint8Array([...MAGIC, ENCODING_VERSION, ...bytes]), partFn, parts);
  }), { numRuns: 2000 });
  fc.assert(fc.property(fc.array(fc.tuple(fc.nat(valid.length - 1), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 4 }), (edits) => {
    const bytes = new Uint8Array(valid);
    for (const [at, b] of edits) bytes[at] = b;
    decodeOrBad(bytes, partFn, parts);
  }), { numRuns: 3000 });
  assert.equal(canaryCalls, 0);
  assert.equal(({} as Record<string, unknown>)['polluted'], undefined);
});

test('__proto__ and constructor keys stay plain data and pollute nothing', () => {
  const bytes = meta((w) => {
    w.u8(T.TAG_OBJECT);
    shape(w, 0, ['__proto__', 'constructor', 'prototype']);
    w.u8(T.TAG_OBJECT);
    shape(w, 1, ['polluted', 'toString']);
    w.u8(T.TAG_TRUE);
    str(w, 'chkptCanary');
    str(w, 'Function');
    str(w, 'eval');
  });
  const d = decode(bytes) as Record<string, unknown>;
  assert.equal(Object.getPrototypeOf(d), Object.prototype);
  assert.deepEqual(Object.getOwnPropertyDescriptor(d, '__proto__')!.value, { polluted: true, toString: 'chkptCanary' });
  assert.equal(d['constructor'], 'Function');
  assert.equal(({} as Record<string, unknown>)['polluted'], undefined);
  assert.equal(Object.prototype.toString, Object.prototype.toString);
  const nullProto = decode(meta((w) => {
    w.u8(T.TAG_NULL_PROTO_OBJECT);
    shape(w, 0, ['__proto__']);
    w.u8(T.TAG_OBJECT);
    shape(w, 1, []);
  })) as object;
  assert.equal(Object.getPrototypeOf(nullProto), null);
  assert.ok(Object.hasOwn(nullProto, '__proto__'));
  assert.equal(canaryCalls, 0);
});

test('a class reference naming a built-in or a global function is only a name', () => {
  for (const name of ['Function', 'eval', 'chkptCanary', 'Object', '__proto__', 'constructor']) {
    const bytes = meta((w) => {
      w.u8(T.TAG_CLASS);
      w.varint(0);
      w.string(name);
      w.u8(1);
      w.string('node:child_process');
      w.u8(T.TAG_OBJECT);
      shape(w, 0, ['x']);
      w.u8(T.TAG_INT);
      w.varint(2);
    });
    const d = decode(bytes) as Record<string | symbol, unknown>;
    assert.equal(Object.getPrototypeOf(d), Object.prototype, name);
    assert.deepEqual(d[CLASS_SYMBOL], { name, module: 'node:child_process' });
    assert.equal(d['x'], 1);
  }
  const relinked = decode(meta((w) => {
    w.u8(T.TAG_CLASS); w.varint(0); w.string('Function'); w.u8(0);
    w.u8(T.TAG_OBJECT); shape(w, 0, []);
  }), noParts, [], new Map([['Point', class Point {}]]));
  assert.equal(Object.getPrototypeOf(relinked), Object.prototype, 'only classes the caller supplied are used');
  assert.equal(canaryCalls, 0);
});

test('references, shapes and classes out of range or out of order are BAD_ENCODING', () => {
  assertBad(() => decode(meta((w) => { w.u8(T.TAG_REF); w.varint(0); })), /reference to object 0/);
  assertBad(() => decode(meta((w) => { w.u8(T.TAG_ARRAY); w.varint(1); shape(w, 0, []); w.u8(T.TAG_REF); w.varint(7); })), /reference to object 7/);
  assertBad(() => decode(meta((w) => { w.u8(T.TAG_OBJECT); w.varint(3); })), /shape reference out of order/);
  assertBad(() => decode(meta((w) => { w.u8(T.TAG_STRING_REF); w.varint(0); })), /reference to string 0/);
  assertBad(() => decode(meta((w) => { w.u8(T.TAG_ARRAY); w.varint(2); shape(w, 0, []); str(w, 'x'.repeat(33)); w.u8(T.TAG_STRING_REF); w.varint(0); })), /reference to string 0/);
  assertBad(() => decode(meta((w) => { w.u8(T.TAG_CLASS); w.varint(2); })), /class reference out of order/);
  assertBad(() => decode(meta((w) => { w.u8(T.TAG_CLASS); w.varint(0); w.string('X'); w.u8(0); w.u8(T.TAG_NULL); })), /unknown tag/);
  assertBad(() => decode(meta((w) => { w.u8(T.TAG_CLASS); w.varint(0); w.string('X'); w.u8(0); w.u8(T.TAG_SKIPPED); })), /class reference without an object/);
  assertBad(() => decode(meta((w) => { w.u8(T.TAG_CLASS); w.varint(0); w.string('X'); w.u8(7); })), /module flag/);
  assertBad(() => decode(meta((w) => w.u8(0x7f))), /unknown tag/);
  assertBad(() => decode(meta((w) => w.u8(T.TAG_HOLE))), /unknown tag/);
  assertBad(() => decode(meta((w) => { w.u8(T.TAG_OBJECT); shape(w, 0, ['a']); w.u8(T.TAG_HOLE); })), /unknown tag/);
});

test('counts larger than the bytes left are refused before anything is allocated', () => {
  assertBad(() => decode(meta((w) => { w.u8(T.TAG_ARRAY); w.varint(2 ** 40); })), /exceeds the remaining bytes/);
  assertBad(() => decode(meta((w) => { w.u8(T.TAG_MAP); w.varint(2 ** 30); })), /exceeds the remaining bytes/);
  assertBad(() => decode(meta((w) => { w.u8(T.TAG_OBJECT); w.varint(0); w.varint(2 ** 31); })), /exceeds the remaining bytes/);
  assertBad(() => decode(meta((w) => { w.u8(T.TAG_STRING); w.varint(2 ** 50); })), /past the end/);
  assertBad(() => decode(meta((w) => { w.u8(T.TAG_SPARSE_ARRAY); w.varint(2 ** 33); })), /array length/);
  assertBad(() => decode(meta((w) => { w.u8(T.TAG_INT); for (let i = 0; i < 9; i++) w.u8(0xff); })), /varint/);
  assertBad(() => decode(meta((w) => { w.u8(T.TAG_INT); w.varint(2 ** 33); })), /int out of range/);
  const sparse = decode(meta((w) => { w.u8(T.TAG_SPARSE_ARRAY); w.varint(2 ** 32 - 1); shape(w, 0, []); })) as unknown[];
  assert.equal(sparse.length, 2 ** 32 - 1);
});

test('malformed payloads are BAD_ENCODING', () => {
  assertBad(() => decode(meta((w) => { w.u8(T.TAG_STRING); w.varint(4); w.u8(0xff); w.u8(0xfe); })), /invalid UTF-8/);
  assertBad(() => decode(meta((w) => { w.u8(T.TAG_BIGINT); w.string('12g'); })), /bigint/);
  assertBad(() => decode(meta((w) => { w.u8(T.TAG_BIGINT); w.string('-'); })), /bigint/);
  assertBad(() => decode(meta((w) => { w.u8(T.TAG_REGEXP); w.string('('); w.string(''); })), /regular expression/);
  assertBad(() => decode(meta((w) => { w.u8(T.TAG_REGEXP); w.string('a'); w.string('gg'); })), /flags/);
  assertBad(() => decode(meta((w) => { w.u8(T.TAG_REGEXP); w.string('a'); w.string('x'); })), /flags/);
  assertBad(() => decode(meta((w) => { w.u8(T.TAG_ERROR); w.varint(99); })), /error kind/);
  assertBad(() => decode(meta((w) => { w.u8(T.TAG_BOXED); w.u8(0); w.u8(T.TAG_OBJECT); })), /not a primitive/);
  assertBad(() => decode(meta((w) => { w.u8(T.TAG_BOXED); w.u8(0); str(w, 'not a number'); })), /wrong type/);
  assertBad(() => decode(meta((w) => { w.u8(T.TAG_INLINE_BINARY); w.varint(99); })), /binary kind/);
  assertBad(() => decode(meta((w) => { w.u8(T.TAG_INLINE_BINARY); w.varint(8); w.varint(7); })), /whole number/);
  assertBad(() => decode(meta((w) => { w.u8(T.TAG_OBJECT); w.varint(0); w.varint(1); w.u8(5); w.string('k'); })), /property flags/);
  assertBad(() => decode(meta((w) => { w.u8(T.TAG_SPARSE_ARRAY); w.varint(3); shape(w, 0, ['length']); str(w, 'x'); })));
  assertBad(() => decode(meta((w) => { w.u8(T.TAG_BOXED); w.u8(1); str(w, 'ab'); shape(w, 0, ['0']); str(w, 'z'); })), /cannot define/);
  const catastrophic = decode(meta((w) => { w.u8(T.TAG_REGEXP); w.string('(a+)+$'); w.string(''); shape(w, 0, []); }));
  assert.ok(catastrophic instanceof RegExp, 'a slow pattern is compiled, never run');
});

test('parts that are missing, of the wrong size or described wrongly are BAD_ENCODING', () => {
  const { meta: bytes, parts } = encodeValue(new Float64Array(1000));
  const good = parts[0]!.bytes;
  const info = parts.map(({ id, kind, dtype, length, byteOffset }) => ({ id, kind, dtype, length, byteOffset }));
  assert.equal((decode(bytes, () => good, info) as Float64Array).length, 1000);
  assertBad(() => decode(bytes, () => good, []), /missing or already read part 0/);
  assertBad(() => decode(bytes, () => good.subarray(8), info), /does not hold 8000 bytes/);
  assertBad(() => decode(bytes, () => 'bytes' as unknown as Uint8Array, info), /does not hold/);
  assertBad(() => decode(bytes, () => good, [{ ...info[0]!, dtype: 'int8' }]), /dtype/);
  assertBad(() => decode(bytes, () => good, [{ ...info[0]!, kind: 'Function' }]), /unknown kind/);
  assertBad(() => decode(bytes, () => good, [{ ...info[0]!, length: -1 }]), /bad length/);
  assertBad(() => decode(bytes, () => good, [{ ...info[0]!, length: 2 ** 60 }]), /bad length/);
  assertBad(() => decode(bytes, () => good, [info[0]!, info[0]!]), /repeated id/);
  assertBad(() => decode(bytes, () => good, [{ ...info[0]!, id: 0.5 }]), /bad or repeated id/);
  assertBad(() => decode(bytes, () => good, 'x' as never), /not an array/);
  assertBad(() => decode(meta((w) => { w.u8(T.TAG_PART); w.varint(12); }), () => good, info), /missing or already read part 12/);
  let reads = 0;
  const twice = meta((w) => { w.u8(T.TAG_ARRAY); w.varint(2); shape(w, 0, []); w.u8(T.TAG_PART); w.varint(0); w.u8(T.TAG_PART); w.varint(0); });
  assertBad(() => decode(twice, () => (reads++, good), info), /already read part 0/);
  assert.equal(reads, 1, 'a part is read at most once');
});

test('errors thrown by the part reader pass through when they are ChkptErrors', () => {
  const { meta: bytes, parts } = encodeValue(new Float64Array(1000));
  assert.throws(() => decode(bytes, () => { throw new ChkptError(ErrorCode.INTEGRITY, 'chunk hash mismatch'); }, parts), { code: ErrorCode.INTEGRITY });
  assertBad(() => decode(bytes, () => { throw new TypeError('disk on fire'); }, parts), /disk on fire/);
});

test('a deep hostile nesting decodes without exhausting the stack', () => {
  const depth = 300_000;
  const bytes = meta((w) => {
    for (let i = 0; i < depth; i++) {
      w.u8(T.TAG_ARRAY);
      w.varint(1);
      w.varint(0);
      if (i === 0) w.varint(0);
    }
    w.u8(T.TAG_NULL);
  });
  let x = decode(bytes);
  for (let i = 0; i < depth; i++) x = (x as unknown[])[0];
  assert.equal(x, null);
});
