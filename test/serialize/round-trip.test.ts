import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertRoundTrips, assertSameSharing, roundTrip } from './helpers.js';

function withProps<T extends object>(target: T, props: Record<string, unknown>): T {
  for (const [key, value] of Object.entries(props)) Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
  return target;
}

function sparse(): unknown[] {
  const a: unknown[] = [];
  a[3] = 'three';
  a[70_000] = { far: true };
  a[4_000_000_000] = 'near the end';
  return a;
}

function oddKeys(): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  for (const key of ['', '__proto__', 'constructor', 'prototype', '0', '01', '-1', '1.5', '4294967295', '4294967294', 'toString',
    'hasOwnProperty', 'valueOf', ' spaced key ', 'ünïcödé', '日本', '😀', '\ud800', 'a\udc00b', '\u0000']) {
    Object.defineProperty(o, key, { value: `v:${key}`, writable: true, enumerable: true, configurable: true });
  }
  return o;
}

function withHole(a: unknown[], i: number): unknown[] {
  delete a[i];
  return a;
}

function error<E extends Error>(e: E, props: Record<string, unknown> = {}): E {
  return Object.assign(e, props);
}

const table: [string, unknown][] = [
  ['undefined', undefined], ['null', null], ['true', true], ['false', false],
  ['zero', 0], ['negative zero', -0], ['int32 max', 2 ** 31 - 1], ['int32 min', -(2 ** 31)], ['2^31', 2 ** 31],
  ['2^53', 2 ** 53], ['fraction', 1.5], ['NaN', NaN], ['Infinity', Infinity], ['-Infinity', -Infinity],
  ['smallest double', Number.MIN_VALUE], ['empty string', ''], ['ascii', 'hello'], ['latin1', 'héllo'],
  ['CJK', '日本語テキスト'], ['emoji', '😀 and 👍🏽'], ['lone high surrogate', '\ud800'], ['lone low surrogate inside', 'a\udc00b'],
  ['NUL', 'a\u0000b'], ['long ascii', 'x'.repeat(100_000)], ['long unicode', 'é😀'.repeat(50_000)],
  ['long with lone surrogate', `${'y'.repeat(70)}\udbff`],
  ['bigint 0', 0n], ['bigint -1', -1n], ['bigint 2^200', 2n ** 200n], ['bigint -(2^200)', -(2n ** 200n)],
  ['empty array', []], ['array', [1, 'two', 3.5, null, undefined, true]], ['holes', [1, , 3]], ['only a hole', [,]],
  ['trailing holes', new Array(5)], ['sparse', sparse()], ['array with named props', withProps([1, 2, 3], { label: 'x', '': 0 })],
  ['nested arrays', [[[]], [[1], [2, [3]]]]],
  ['numbers stored as a part', Array.from({ length: 2000 }, (_, i) => (i % 7 === 0 ? -0 : i % 11 === 0 ? NaN : i / 3))],
  ['numbers with a hole', withHole(Array.from({ length: 2000 }, (_, i) => i), 1500)],
  ['numbers with a string', Array.from({ length: 2000 }, (_, i) => (i === 1999 ? 'end' : i))],
  ['numbers with named props', withProps(Array.from({ length: 2000 }, (_, i) => i), { unit: 'm' })],
  ['empty object', {}], ['nested object', { a: { b: { c: { d: [1, { e: 'f' }] } } } }], ['odd keys', oddKeys()],
  ['many keys', Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`k${i}`, i]))],
  ['null prototype', Object.assign(Object.create(null) as object, { a: 1, b: { c: 2 } })],
  ['JSON __proto__ key', JSON.parse('{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}}')],
  ['empty Map', new Map()], ['Map', new Map<unknown, unknown>([[1, 'one'], ['two', 2], [{ k: 1 }, [1]], [NaN, 'nan'], [null, undefined]])],
  ['nested Maps', new Map([['inner', new Map([['deep', new Set([1, 2])]])]])],
  ['Map with props', withProps(new Map([[1, 2]]), { note: 'hi' })],
  ['empty Set', new Set()], ['Set', new Set<unknown>([1, 'a', { b: 2 }, [3], 10n, NaN])],
  ['Date', new Date(Date.UTC(2024, 1, 29, 12, 30, 15, 123))],
  ['Date with props', withProps(new Date(0), { tz: 'UTC' })],
  ['RegExp', /ab+c/gi], ['RegExp all flags', new RegExp('^(?<word>\\w+)$', 'dgimsuy')], ['RegExp v flag', new RegExp('[\\p{L}--[a-z]]', 'v')],
  ['RegExp unicode source', new RegExp('日本|😀|[\ud800]')], ['RegExp lastIndex', Object.assign(/x/g, { lastIndex: 4 })],
  ['Error', new Error('plain')], ['TypeError with code', error(new TypeError('typed'), { code: 'E_TYPE', detail: { n: 1 } })],
  ['RangeError with cause', new RangeError('ranged', { cause: new Error('inner') })],
  ['AggregateError', new AggregateError([new Error('a'), new SyntaxError('b')], 'many')],
  ['EvalError, ReferenceError, URIError', [new EvalError('e'), new ReferenceError('r'), new URIError('u')]],
  ['Error with a name property', error(new Error('n'), { name: 'CustomName' })],
  ['boxed number', Object(-0)], ['boxed NaN', Object(NaN)], ['boxed string', withProps(new String('abc'), { extra: 1 })],
  ['boxed boolean', Object(false)], ['boxed bigint', Object(12345678901234567890n)],
  ['Int8Array', new Int8Array([-128, 0, 127])], ['Uint8Array', new Uint8Array([0, 255])],
  ['Uint8ClampedArray', new Uint8ClampedArray([0, 300])], ['Int16Array', new Int16Array([-32768, 32767])],
  ['Uint16Array', new Uint16Array([65535])], ['Int32Array', new Int32Array([-(2 ** 31), 2 ** 31 - 1])],
  ['Uint32Array', new Uint32Array([2 ** 32 - 1])], ['Float32Array', new Float32Array([1.5, -0, NaN])],
  ['Float64Array', new Float64Array([Math.PI, -0, NaN, Infinity])], ['BigInt64Array', new BigInt64Array([-(2n ** 63n), 2n ** 63n - 1n])],
  ['BigUint64Array', new BigUint64Array([2n ** 64n - 1n])], ['empty Float64Array', new Float64Array(0)],
  ['typed array view at an offset', new Float64Array(new ArrayBuffer(80), 16, 3).fill(7)],
  ['large typed arrays (parts)', [new Float32Array(5000).fill(1.25), new Int16Array(3000).fill(-2), new BigUint64Array(1000).fill(9n)]],
  ['Buffer', Buffer.from('pooled buffer bytes')], ['large Buffer', Buffer.alloc(10_000, 0xab)],
  ['DataView', new DataView(new Uint8Array([1, 2, 3, 4, 5]).buffer, 1, 3)], ['large DataView', new DataView(new ArrayBuffer(9000))],
  ['ArrayBuffer', new Uint8Array([9, 8, 7]).buffer], ['large ArrayBuffer', new ArrayBuffer(100_000)],
  ['SharedArrayBuffer', new SharedArrayBuffer(16)], ['large SharedArrayBuffer', new SharedArrayBuffer(8192)],
  ['object holding every kind', {
    n: 1, s: 's', b: 2n, d: new Date(1), r: /r/, m: new Map([[1, 1]]), set: new Set([1]), e: new Error('x'),
    ta: new Uint8Array(10_000).fill(3), nums: Array.from({ length: 1500 }, (_, i) => i), nested: [{ deep: [new Int32Array([1])] }],
  }],
];

for (const [name, value] of table) {
  test(`round-trips ${name}`, () => {
    assertRoundTrips(value);
  });
}

test('an invalid Date stays an invalid Date', () => {
  // assert.deepStrictEqual does not equate two invalid Dates on Node 20 (NaN !== NaN).
  const { decoded } = roundTrip(new Date(NaN));
  assert.ok(decoded instanceof Date);
  assert.ok(Number.isNaN(decoded.getTime()));
});

test('strings with lone surrogates keep every code unit', () => {
  for (const s of ['\ud800', 'a\udc00b', '\udbff\udfff\ud800', `${'é'.repeat(100)}\ud800`]) {
    const { decoded } = roundTrip(s);
    assert.equal(decoded, s);
  }
});

test('holes stay holes and sparse arrays stay sparse', () => {
  const { decoded } = roundTrip([1, , 3]);
  assert.equal(1 in (decoded as unknown[]), false);
  const big = sparse();
  const { encoded, decoded: back } = roundTrip(big);
  assert.ok(encoded.meta.length < 200, `sparse array of length ${big.length} took ${encoded.meta.length} bytes`);
  assert.deepEqual(Object.keys(back as object), ['3', '70000', '4000000000']);
});

test('non-enumerable properties stay non-enumerable', () => {
  const o = { visible: 1 };
  Object.defineProperty(o, 'hidden', { value: 2, enumerable: false, writable: true, configurable: true });
  const { decoded } = roundTrip(o);
  assert.deepEqual(Object.getOwnPropertyDescriptor(decoded, 'hidden'), { value: 2, writable: true, enumerable: false, configurable: true });
  assert.deepEqual(Object.keys(decoded as object), ['visible']);
});

test('errors keep their stack, message, cause and extra properties', () => {
  const inner = new Error('inner');
  const e = Object.assign(new TypeError('outer', { cause: inner }), { code: 'E_OUTER' });
  const { decoded } = roundTrip(e);
  const d = decoded as TypeError & { code: string };
  assert.ok(d instanceof TypeError);
  assert.equal(d.stack, e.stack);
  assert.equal(d.message, 'outer');
  assert.equal(d.code, 'E_OUTER');
  assert.equal((d.cause as Error).stack, inner.stack);
  assert.equal(Object.getOwnPropertyDescriptor(d, 'message')!.enumerable, false);
});

test('cycles and shared references are kept', () => {
  const shared = { s: 1 };
  const obj: Record<string, unknown> = { a: shared, b: [shared, shared] };
  obj['self'] = obj;
  const arr: unknown[] = [1];
  arr.push(arr, obj);
  const map = new Map<unknown, unknown>();
  map.set(map, map).set('obj', obj);
  const set = new Set<unknown>();
  set.add(set).add(shared);
  const bytes = new Float64Array(2000);
  const date = new Date(5);
  const graph = { obj, arr, map, set, twice: [bytes, bytes, date, date], mutual: { x: {} as Record<string, unknown> } };
  graph.mutual.x['back'] = graph.mutual;
  const { decoded } = roundTrip(graph);
  assert.deepStrictEqual(decoded, graph);
  assertSameSharing(graph, decoded);
  const d = decoded as typeof graph;
  assert.equal(d.obj['self'], d.obj);
  assert.equal(d.twice[0], d.twice[1]);
  assert.equal(d.map.get(d.map), d.map);
});

test('a linked list a million deep encodes and decodes without recursion', () => {
  let head: { v: number; next: unknown } | null = null;
  for (let i = 0; i < 1_000_000; i++) head = { v: i, next: head };
  const { decoded } = roundTrip(head);
  let node = decoded as { v: number; next: unknown } | null;
  let count = 0;
  while (node !== null) {
    assert.equal(node.v, 999_999 - count);
    count++;
    node = node.next as typeof node;
  }
  assert.equal(count, 1_000_000);
});

test('deeply nested arrays and Maps round-trip', () => {
  let a: unknown = 'bottom';
  for (let i = 0; i < 200_000; i++) a = i % 2 === 0 ? [a] : new Map([[i, a]]);
  const { decoded } = roundTrip(a);
  let x = decoded;
  for (let i = 199_999; i >= 0; i--) x = i % 2 === 0 ? (x as unknown[])[0] : (x as Map<number, unknown>).get(i);
  assert.equal(x, 'bottom');
});

test('a 64 MiB Float64Array round-trips through one part', () => {
  const big = new Float64Array(8 * 1024 * 1024);
  for (let i = 0; i < big.length; i += 4097) big[i] = i * 1.5;
  const { encoded, decoded } = roundTrip({ weights: big });
  assert.equal(encoded.parts.length, 1);
  assert.ok(encoded.meta.length < 64);
  assert.deepStrictEqual(decoded, { weights: big });
});

test('100k small records round-trip', () => {
  const rows = Array.from({ length: 100_000 }, (_, i) => ({ id: i, x: i / 7, y: -i, tag: `t${i % 100}` }));
  assertRoundTrips(rows);
});

test('repeated short strings are written once and long ones each time', () => {
  const tags = Array.from({ length: 10_000 }, (_, i) => `tag${i % 10}`);
  const { encoded, decoded } = roundTrip(tags);
  assert.deepStrictEqual(decoded, tags);
  assert.ok(encoded.meta.length < 10_000 * 3, `${encoded.meta.length} bytes`);
  const long = 'x'.repeat(33);
  assert.ok(roundTrip([long, long]).encoded.meta.length > 66);
});

test('the string table stops growing when full and later strings are still right', () => {
  const distinct = Array.from({ length: (1 << 16) + 50 }, (_, i) => `s${i}`);
  const value = [...distinct, ...distinct.slice(0, 100), ...distinct.slice(-100)];
  assertRoundTrips(value);
});

test('more distinct shapes than the shape cache holds still round-trip', () => {
  const objects = Array.from({ length: 70_000 }, (_, i) => ({ [`key${i}`]: i, shared: true }));
  const again = [...objects.slice(0, 10).map((o) => ({ ...o })), ...objects.slice(-10).map((o) => ({ ...o }))];
  assertRoundTrips([objects, again]);
});

test('array subclasses with holes and named properties round-trip', () => {
  class Row extends Array<unknown> {}
  const row = new Row();
  row[0] = 'a';
  row[5] = 'f';
  Object.assign(row, { label: 'r' });
  const { decoded } = roundTrip(row, { classes: new Map([['Row', Row]]) });
  assert.ok(decoded instanceof Row);
  assert.deepStrictEqual(decoded, row);
});

test('an object met late in a large graph is kept shared (the encoder starts again with ids)', () => {
  const shared = { lr: 0.1 };
  const records = Array.from({ length: 5000 }, (_, i) => ({ id: i, user: `user${i % 50}` }));
  const value = { records, first: shared, last: [...records.slice(0, 3), shared] };
  const { decoded } = roundTrip(value);
  assert.deepEqual(decoded, value);
  assertSameSharing(value, decoded);
});

test('short strings: repeats are written once, a string evicted from the table still round-trips', () => {
  const repeats = Array.from({ length: 20_000 }, (_, i) => `kind${i % 4}`);
  const distinct = Array.from({ length: 40_000 }, (_, i) => `k${i}`);
  const mixed = Array.from({ length: 40_000 }, (_, i) => (i % 2 ? `k${i}` : `user${i % 300}`));
  for (const value of [repeats, distinct, mixed]) assertRoundTrips(value);
  // Each repeat is a tag and an index of a byte or two, not the string again.
  assert.ok(roundTrip(repeats).encoded.meta.byteLength < 20_000 * 3 + 100);
});

test('consecutive encodes do not see each other\'s strings', () => {
  roundTrip(['alpha', 'beta', 'alpha']);
  const { decoded } = roundTrip(['beta', 'alpha', 'beta']);
  assert.deepEqual(decoded, ['beta', 'alpha', 'beta']);
});
