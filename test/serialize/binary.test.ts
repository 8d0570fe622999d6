import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeValue, encodeValue } from '../../src/serialize/index.js';
import { roundTrip } from './helpers.js';

test('a big typed array becomes one part that aliases its memory (no copy)', () => {
  const big = new Float64Array(8 * 1024 * 1024); // 64 MiB
  const { parts, meta, type, shape, byteSize } = encodeValue(big);
  assert.equal(parts.length, 1);
  const [part] = parts;
  assert.equal(part!.bytes.buffer, big.buffer, 'part bytes are a view over the live buffer');
  assert.equal(part!.bytes.byteLength, big.byteLength);
  assert.deepEqual({ id: part!.id, kind: part!.kind, dtype: part!.dtype, length: part!.length, byteOffset: part!.byteOffset },
    { id: 0, kind: 'Float64Array', dtype: 'float64', length: big.length, byteOffset: 0 });
  big[12345] = 42;
  assert.equal(new Float64Array(part!.bytes.buffer, part!.bytes.byteOffset, part!.length)[12345], 42);
  assert.ok(meta.length < 16, `meta holds a reference only (${meta.length} bytes)`);
  assert.equal(type, 'Float64Array');
  assert.deepEqual(shape, [big.length]);
  assert.equal(byteSize, big.byteLength + meta.length);
});

test('a view holds exactly its own bytes, with its byte offset recorded', () => {
  const backing = new ArrayBuffer(1 << 16);
  const view = new Int32Array(backing, 4096, 2048);
  view.fill(-7);
  const { parts } = encodeValue(view);
  assert.equal(parts[0]!.bytes.buffer, backing);
  assert.equal(parts[0]!.bytes.byteOffset, 4096);
  assert.equal(parts[0]!.bytes.byteLength, 8192);
  assert.equal(parts[0]!.byteOffset, 4096);
  assert.equal(parts[0]!.length, 2048);
});

test('a pooled Buffer stores its own bytes, never the rest of the slab', () => {
  const small = Buffer.from('a pooled buffer lives inside an 8 KiB slab');
  assert.ok(small.buffer.byteLength > small.length, 'Node pools small Buffers');
  const { parts } = encodeValue(small, { minPartBytes: 0 });
  assert.equal(parts[0]!.kind, 'Buffer');
  assert.equal(parts[0]!.dtype, 'uint8');
  assert.equal(parts[0]!.bytes.byteLength, small.length);
  assert.deepEqual(Buffer.from(parts[0]!.bytes), small);
  const { decoded } = roundTrip(small, { minPartBytes: 0 });
  assert.ok(Buffer.isBuffer(decoded));
  assert.deepEqual(decoded, small);
});

test('every binary kind is named with its numpy dtype and element count', () => {
  const cases: [unknown, string, string, number][] = [
    [new Int8Array(3), 'Int8Array', 'int8', 3], [new Uint8Array(3), 'Uint8Array', 'uint8', 3],
    [new Uint8ClampedArray(3), 'Uint8ClampedArray', 'uint8', 3], [new Int16Array(3), 'Int16Array', 'int16', 3],
    [new Uint16Array(3), 'Uint16Array', 'uint16', 3], [new Int32Array(3), 'Int32Array', 'int32', 3],
    [new Uint32Array(3), 'Uint32Array', 'uint32', 3], [new Float32Array(3), 'Float32Array', 'float32', 3],
    [new Float64Array(3), 'Float64Array', 'float64', 3], [new BigInt64Array(3), 'BigInt64Array', 'int64', 3],
    [new BigUint64Array(3), 'BigUint64Array', 'uint64', 3], [Buffer.alloc(3), 'Buffer', 'uint8', 3],
    [new DataView(new ArrayBuffer(5), 1, 3), 'DataView', 'bytes', 3], [new ArrayBuffer(3), 'ArrayBuffer', 'bytes', 3],
    [new SharedArrayBuffer(3), 'SharedArrayBuffer', 'bytes', 3], [Array.from({ length: 1024 }, (_, i) => i), 'Array', 'float64', 1024],
  ];
  for (const [value, kind, dtype, length] of cases) {
    const { parts } = encodeValue(value, { minPartBytes: 0 });
    assert.equal(parts.length, 1, kind);
    assert.deepEqual([parts[0]!.kind, parts[0]!.dtype, parts[0]!.length], [kind, dtype, length]);
  }
});

test('bytes are little-endian', () => {
  const { parts } = encodeValue(new Float64Array([1]), { minPartBytes: 0 });
  assert.deepEqual([...parts[0]!.bytes], [0, 0, 0, 0, 0, 0, 0xf0, 0x3f]);
  const { parts: ints } = encodeValue(new Uint32Array([0x01020304]), { minPartBytes: 0 });
  assert.deepEqual([...ints[0]!.bytes], [4, 3, 2, 1]);
});

test('binary values smaller than minPartBytes stay inline in meta', () => {
  assert.equal(encodeValue(new Uint8Array(4095)).parts.length, 0);
  assert.equal(encodeValue(new Uint8Array(4096)).parts.length, 1);
  assert.equal(encodeValue(new Uint8Array(100), { minPartBytes: 100 }).parts.length, 1);
  const inline = encodeValue(new Uint8Array(4095).fill(9));
  assert.ok(inline.meta.length > 4095);
});

test('dense arrays of numbers of at least 1024 elements become a float64 part and decode to a plain Array', () => {
  const numbers = Array.from({ length: 1024 }, (_, i) => i * 0.25);
  const { encoded, decoded } = roundTrip(numbers);
  assert.equal(encoded.parts.length, 1);
  assert.equal(encoded.parts[0]!.kind, 'Array');
  assert.ok(Array.isArray(decoded));
  assert.deepStrictEqual(decoded, numbers);
  assert.equal(encodeValue(numbers.slice(0, 1023)).parts.length, 0, 'shorter arrays are encoded element by element');
  const holey = numbers.slice();
  delete holey[5];
  assert.equal(encodeValue(holey).parts.length, 0, 'an array with a hole is not stored as numbers');
  assert.equal(encodeValue([...numbers, 'x']).parts.length, 0);
  assert.equal(encodeValue([...numbers, 1n]).parts.length, 0);
});

test('big binary values nested anywhere become parts, once per object', () => {
  const weights = new Float32Array(10_000);
  const state = { layers: [{ weights }, { weights }], cache: new Map<string, unknown>([['w', weights], ['b', Buffer.alloc(5000)]]), numbers: Array.from({ length: 2000 }, (_, i) => i) };
  const { encoded, decoded } = roundTrip(state);
  assert.deepEqual(encoded.parts.map((p) => p.kind).sort(), ['Array', 'Buffer', 'Float32Array']);
  const d = decoded as typeof state;
  assert.equal(d.layers[0]!.weights, d.layers[1]!.weights);
  assert.equal(d.cache.get('w'), d.layers[0]!.weights);
  assert.deepStrictEqual(d, state);
});

test('decoding adopts a part that spans its whole buffer and copies one that does not', () => {
  const source = new Float64Array(1000).map((_, i) => i);
  const { meta, parts } = encodeValue(source);
  const whole = new Uint8Array(parts[0]!.bytes);
  const adopted = decodeValue(meta, () => whole, parts) as Float64Array;
  assert.equal(adopted.buffer, whole.buffer);
  const shifted = new Uint8Array(8001);
  shifted.set(parts[0]!.bytes, 1);
  const copied = decodeValue(meta, () => shifted.subarray(1), parts) as Float64Array;
  assert.notEqual(copied.buffer, shifted.buffer);
  assert.deepStrictEqual(copied, source);
});

test('with minPartBytes 0 even empty binary values are parts, and decode', () => {
  const value = [new Uint8Array(0), new ArrayBuffer(0), new Float64Array(0), Buffer.alloc(0)];
  const { encoded, decoded } = roundTrip(value, { minPartBytes: 0 });
  assert.equal(encoded.parts.length, 4);
  assert.ok(encoded.parts.every((p) => p.bytes.byteLength === 0));
  assert.deepStrictEqual(decoded, value);
});

test('detached, resized and out-of-bounds buffers encode as what is left of them', () => {
  const detached = new ArrayBuffer(16);
  const view = new Float64Array(detached);
  const dataView = new DataView(detached, 4);
  structuredClone(detached, { transfer: [detached] });
  const gone = roundTrip({ detached, view, dataView }).decoded as Record<string, ArrayBufferLike | ArrayBufferView>;
  assert.equal((gone['detached'] as ArrayBuffer).byteLength, 0);
  assert.equal((gone['view'] as Float64Array).length, 0);
  assert.equal((gone['dataView'] as DataView).byteLength, 0);

  const resizable = new (ArrayBuffer as unknown as new (n: number, o: { maxByteLength: number }) => ArrayBuffer & { resize(n: number): void })(8, { maxByteLength: 64 });
  const tracking = new Uint8Array(resizable);
  const fixed = new DataView(resizable, 4, 4);
  resizable.resize(32);
  tracking[31] = 7;
  let back = roundTrip({ resizable, tracking }).decoded as { resizable: ArrayBuffer; tracking: Uint8Array };
  assert.equal(back.resizable.byteLength, 32);
  assert.equal(back.tracking[31], 7);
  resizable.resize(2);
  back = roundTrip({ tracking, fixed }).decoded as never;
  assert.equal((back as unknown as { tracking: Uint8Array }).tracking.length, 2);
  assert.equal((back as unknown as { fixed: DataView }).fixed.byteLength, 0);
});
