import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CLASS_SYMBOL, decodeValue, encodeValue, type ClassRef } from '../../src/serialize/index.js';
import { roundTrip } from './helpers.js';

class Point {
  constructor(public x: number, public y: number) {}
  norm(): number {
    return Math.hypot(this.x, this.y);
  }
}
class Point3 extends Point {
  z = 3;
}
class Stack extends Array<number> {}
class Registry extends Map<string, number> {
  label = 'reg';
}
class Tags extends Set<string> {}
class AppError extends RangeError {
  code = 'E_APP';
}
class Samples extends Float64Array {}
class Stamp extends Date {}
class Pattern extends RegExp {}

test('an instance decodes as a plain object marked with its class when the class is not supplied', () => {
  const { encoded, decoded } = roundTrip(new Point(3, 4));
  assert.deepEqual(encoded.class, { name: 'Point' });
  assert.equal(encoded.type, 'Point');
  assert.equal(Object.getPrototypeOf(decoded), Object.prototype);
  assert.deepEqual(decoded, { x: 3, y: 4 });
  assert.deepEqual((decoded as Record<symbol, unknown>)[CLASS_SYMBOL], { name: 'Point' });
  assert.equal(Object.getOwnPropertyDescriptor(decoded, CLASS_SYMBOL)!.enumerable, false);
  assert.equal(CLASS_SYMBOL, Symbol.for('chkpt.class'));
});

test('an instance is re-linked to the class the caller supplies, by name or by module#name', () => {
  const byName = roundTrip(new Point3(1, 2), { classes: new Map<string, Function>([['Point3', Point3]]) }).decoded;
  assert.ok(byName instanceof Point3);
  assert.equal((byName as Point3).norm(), Math.hypot(1, 2));
  assert.equal((byName as Point3).z, 3);

  const module = 'file:///app/geometry.ts';
  const classOf = (ctor: Function): ClassRef => ({ name: ctor.name, module });
  const encoded = encodeValue([new Point(1, 1), new Point(2, 2)], { classOf });
  const parts = (id: number) => encoded.parts[id]!.bytes;
  const exact = decodeValue(encoded.meta, parts, encoded.parts, { classes: new Map<string, Function>([[`${module}#Point`, Point], ['Point', Map]]) });
  assert.ok((exact as unknown[]).every((p) => p instanceof Point), 'module#name wins over a bare name');
  const refs: ClassRef[] = [];
  const viaFunction = decodeValue(encoded.meta, parts, encoded.parts, { classes: (ref) => (refs.push(ref), ref.name === 'Point' ? Point : undefined) });
  assert.ok((viaFunction as unknown[]).every((p) => p instanceof Point));
  assert.deepEqual(refs, [{ name: 'Point', module }], 'the lookup runs once per class, not per instance');
});

test('classOf is called once per class with the real constructor', () => {
  const seen: Function[] = [];
  const { encoded } = roundTrip([new Point(1, 2), new Point(3, 4), new Point3(5, 6)], { classOf: (ctor) => (seen.push(ctor), { name: `my.${ctor.name}` }) });
  assert.deepEqual(seen, [Point, Point3]);
  assert.equal(encoded.class, undefined, 'the root is a plain array');
});

test('a classOf that throws falls back to the constructor name', () => {
  const { encoded } = roundTrip(new Point(1, 2), { classOf: () => { throw new Error('no'); } });
  assert.deepEqual(encoded.class, { name: 'Point' });
});

test('subclasses of built-ins keep their built-in data and their class', () => {
  const stack = Stack.from([1, 2, 3]) as Stack;
  const registry = new Registry([['a', 1]]);
  const tags = new Tags(['x']);
  const error = new AppError('out of range');
  const samples = new Samples([1.5, 2.5]);
  const stamp = new Stamp(1000);
  const pattern = new Pattern('a+', 'g');
  const values = { stack, registry, tags, error, samples, stamp, pattern };
  const classes = new Map<string, Function>([['Stack', Stack], ['Registry', Registry], ['Tags', Tags], ['AppError', AppError],
    ['Samples', Samples], ['Stamp', Stamp], ['Pattern', Pattern]]);
  const linked = roundTrip(values, { classes }).decoded as typeof values;
  assert.deepStrictEqual(linked, values);
  assert.ok(linked.stack instanceof Stack && Array.isArray(linked.stack));
  assert.ok(linked.registry instanceof Registry && linked.registry.get('a') === 1 && linked.registry.label === 'reg');
  assert.ok(linked.error instanceof AppError && linked.error instanceof RangeError && linked.error.code === 'E_APP');
  assert.equal(linked.error.stack, error.stack);

  const plain = roundTrip(values).decoded as Record<string, object>;
  const expected: [string, Function, string][] = [['stack', Array, 'Stack'], ['registry', Map, 'Registry'], ['tags', Set, 'Tags'],
    ['error', RangeError, 'AppError'], ['samples', Float64Array, 'Samples'], ['stamp', Date, 'Stamp'], ['pattern', RegExp, 'Pattern']];
  for (const [key, base, name] of expected) {
    assert.equal(Object.getPrototypeOf(plain[key]), base.prototype, key);
    assert.deepEqual((plain[key] as Record<symbol, unknown>)[CLASS_SYMBOL], { name }, key);
  }
});

test('keys that look like chkpt markers are ordinary data', () => {
  const lookalikes = { 'chkpt.class': { name: 'Function' }, __chkpt__: 1, $ref: 0, '\u001c': 'class tag', '\u0009': 'ref tag', name: 'Point' };
  const { encoded, decoded } = roundTrip(lookalikes);
  assert.deepStrictEqual(decoded, lookalikes);
  assert.equal(encoded.class, undefined);
  assert.equal(Object.getOwnPropertySymbols(decoded).length, 0);
  const withSymbol = { [Symbol.for('chkpt.class')]: { name: 'Point' }, x: 1 };
  const back = roundTrip(withSymbol, { classes: new Map([['Point', Point]]) });
  assert.deepStrictEqual(back.decoded, { x: 1 }, 'a symbol key is not stored, so it cannot pose as a class');
  assert.equal(back.encoded.skipped[0]!.type, 'symbol key');
});

test('a supplied class that is not a constructor with a prototype object is not used', () => {
  const arrow = (() => 1) as unknown as Function;
  Object.defineProperty(arrow, 'prototype', { value: 5 });
  const { decoded } = roundTrip(new Point(1, 2), { classes: new Map([['Point', arrow]]) });
  assert.equal(Object.getPrototypeOf(decoded), Object.prototype);
  assert.deepEqual((decoded as Record<symbol, unknown>)[CLASS_SYMBOL], { name: 'Point' });
});

test('an object whose prototype has no constructor is stored as a plain object, and the ledger says so', () => {
  const base = { greet: 'hi' };
  const child = Object.create(base) as Record<string, unknown>;
  child['own'] = 1;
  const { encoded, decoded } = roundTrip({ child }, { path: 'v' });
  assert.deepEqual(decoded, { child: { own: 1 } });
  assert.deepEqual(encoded.skipped.map((s) => [s.path, s.type]), [['v.child', 'prototype']]);
});
