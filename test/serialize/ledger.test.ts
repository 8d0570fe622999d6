import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { PassThrough } from 'node:stream';
import net from 'node:net';
import { encodeValue } from '../../src/serialize/index.js';
import { roundTrip } from './helpers.js';

test('what cannot be stored is listed with its path, type and reason, and decodes to undefined', () => {
  const sock = new net.Socket();
  const rows = [{}, {}, {}, { sock, id: 3 }];
  const value = {
    onTick: () => 1, rows, m: new Map<unknown, unknown>([['k', Promise.resolve()], [7, new WeakSet()], [Symbol('s'), 1]]),
    set: new Set([function named() {}]), 'odd key': new WeakRef({}), stream: new PassThrough(), server: net.createServer(),
    gen: (function* g() {})(), iter: new Map().keys(), registry: new FinalizationRegistry(() => {}), boxedSymbol: Object(Symbol('b')),
    g: globalThis, klass: class Widget {},
  };
  const { encoded, decoded } = roundTrip(value, { path: 'state' });
  const rowsOf = encoded.skipped.map((s) => [s.path, s.type]);
  assert.deepEqual(rowsOf, [
    ['state.onTick', 'function'], ['state.rows[3].sock', 'Socket'], ['state.m.get("k")', 'Promise'], ['state.m.get(7)', 'WeakSet'],
    ['state.m.keys()[2]', 'symbol'], ['state.set.values()[0]', 'function'], ['state["odd key"]', 'WeakRef'], ['state.stream', 'PassThrough'],
    ['state.server', 'Server'], ['state.gen', 'Generator'], ['state.iter', 'Iterator'], ['state.registry', 'FinalizationRegistry'],
    ['state.boxedSymbol', 'Symbol'], ['state.g', 'global'], ['state.klass', 'function'],
  ]);
  for (const s of encoded.skipped) assert.ok(s.reason.length > 10 && s.size >= 0, s.path);
  assert.ok(encoded.skipped.find((s) => s.type === 'Socket')!.size > 0, 'a socket has an estimated size');
  const d = decoded as Record<string, unknown>;
  assert.equal(d['onTick'], undefined);
  assert.ok('onTick' in d, 'the key stays, with a placeholder');
  assert.deepEqual(d['rows'], [{}, {}, {}, { sock: undefined, id: 3 }]);
  assert.deepEqual([...(d['m'] as Map<unknown, unknown>)], [['k', undefined], [7, undefined], [undefined, 1]]);
  sock.destroy();
  (value.server as net.Server).close();
});

test('a plain EventEmitter subclass is data, not a resource', () => {
  class Trainer extends EventEmitter { epoch = 3; }
  const { decoded, encoded } = roundTrip(new Trainer());
  assert.equal((decoded as Trainer).epoch, 3);
  assert.ok(encoded.skipped.every((s) => s.type === 'symbol key'), 'only its symbol-keyed internals are left out');
});

test('the ledger is capped and sums up the rest in one entry', () => {
  const closures = Array.from({ length: 50 }, (_, i) => () => i);
  const { skipped } = encodeValue(closures, { maxSkipped: 10, path: 'fns' });
  assert.equal(skipped.length, 11);
  assert.deepEqual(skipped.slice(0, 10).map((s) => s.path), Array.from({ length: 10 }, (_, i) => `fns[${i}]`));
  assert.deepEqual({ ...skipped[10]!, reason: skipped[10]!.reason.slice(0, 2) }, { path: 'fns', type: 'more', size: 0, reason: '40' });
});

test('a function shared by many objects is listed once', () => {
  const fn = () => 0;
  const { skipped } = encodeValue(Array.from({ length: 1000 }, () => ({ fn })));
  assert.equal(skipped.length, 1);
  assert.equal(skipped[0]!.path, '[0].fn');
});

test('paths are written as JavaScript would reach the value', () => {
  const fn = () => 0;
  const value = { a: { 'b-c': [{ '': fn }] }, 3: { fn }, m: new Map([[1n, { x: [fn] }]]), deep: new Map([[{}, fn]]) };
  const { skipped } = encodeValue(value, { path: 'v' });
  assert.deepEqual(skipped.map((s) => s.path), ['v[3].fn']);
  const { skipped: each } = encodeValue({ a: { 'b-c': [{ '': () => 0 }] }, m: new Map([[1n, { x: [() => 0] }]]), deep: new Map([[{}, () => 0]]) }, { path: 'v' });
  assert.deepEqual(each.map((s) => s.path), ['v.a["b-c"][0][""]', 'v.m.get(1n).x[0]', 'v.deep.get(<object>)']);
});
