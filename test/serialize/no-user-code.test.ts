// Encoding must never run the script's code: no getter, Proxy trap, toJSON,
// valueOf, Symbol.toPrimitive, replaced built-in method or prototype setter.
// Each test counts calls while the script's "traps" are installed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { encodeValue, estimateSize, findLarge, typeName } from '../../src/serialize/index.js';
import { roundTrip } from './helpers.js';

// A string, not an array: pushing to an array would itself reach the patched built-ins.
let calls = '';
const hit = (what: string): void => {
  calls += `${what}\n`;
};

/** A Proxy whose every trap counts. */
function countingProxy<T extends object>(target: T, name: string): T {
  const traps = ['get', 'set', 'has', 'deleteProperty', 'ownKeys', 'getOwnPropertyDescriptor', 'defineProperty',
    'getPrototypeOf', 'setPrototypeOf', 'isExtensible', 'preventExtensions', 'apply', 'construct'] as const;
  const handler: ProxyHandler<T> = {};
  for (const trap of traps) {
    (handler as Record<string, unknown>)[trap] = (...args: unknown[]) => {
      hit(`${name}.${trap}`);
      return (Reflect[trap] as (...a: unknown[]) => unknown)(...args);
    };
  }
  return new Proxy(target, handler);
}

/** An object with every hook that serializers are tempted to call. */
function hooked(name: string): Record<string, unknown> {
  return {
    plain: 1,
    get g() { hit(`${name}.getter`); return 1; },
    set s(_v: unknown) { hit(`${name}.setter`); },
    toJSON() { hit(`${name}.toJSON`); return {}; },
    valueOf() { hit(`${name}.valueOf`); return 1; },
    toString() { hit(`${name}.toString`); return ''; },
    [Symbol.toPrimitive]() { hit(`${name}.toPrimitive`); return 1; },
  };
}

/** `target` with the hooks of hooked(name) defined on it as own properties. */
function withHooks<T extends object>(target: T, name: string): T {
  return Object.defineProperties(target, Object.getOwnPropertyDescriptors(hooked(name)));
}

/**
 * Replaces `proto[key]` (method or getter; a missing key gets a counting
 * accessor) for the duration of `run`. Descriptors have no prototype: once
 * Object.prototype has a `get` accessor, an ordinary descriptor object would
 * inherit it.
 */
function patched(targets: [object, PropertyKey][], run: () => void): void {
  const saved = targets.map(([proto, key]) => {
    const desc = Reflect.getOwnPropertyDescriptor(proto, key);
    if (desc !== undefined) Object.setPrototypeOf(desc, null);
    return [proto, key, desc] as const;
  });
  // Every replacement is built before the first is installed: building one
  // afterwards could itself reach a replaced built-in.
  const replacements = saved.map(([proto, key, desc]): PropertyDescriptor | undefined => {
    const label = `${(proto as { constructor?: { name?: string } }).constructor?.name ?? '?'}.${String(key)}`;
    if (desc === undefined) {
      return { __proto__: null, set() { hit(`${label} setter`); }, get() { hit(`${label} getter`); return undefined; }, configurable: true } as PropertyDescriptor;
    }
    if (desc.get !== undefined) {
      const get = desc.get;
      return { __proto__: null, ...desc, get() { hit(`${label} getter`); return get.call(this); } } as PropertyDescriptor;
    }
    if (typeof desc.value !== 'function') return undefined;
    const fn = desc.value as (...a: unknown[]) => unknown;
    return { __proto__: null, ...desc, value: function (this: unknown, ...args: unknown[]) { hit(label); return fn.apply(this, args); } } as PropertyDescriptor;
  });
  try {
    for (let i = 0; i < saved.length; i++) {
      const replacement = replacements[i];
      if (replacement !== undefined) Object.defineProperty(saved[i]![0], saved[i]![1], replacement);
    }
    run();
  } finally {
    for (let i = saved.length - 1; i >= 0; i--) {
      const entry = saved[i]!;
      if (entry[2] === undefined) delete (entry[0] as Record<PropertyKey, unknown>)[entry[1]];
      else Object.defineProperty(entry[0], entry[1], entry[2]);
    }
  }
}

const TypedArrayProto = Object.getPrototypeOf(Uint8Array.prototype) as object;
const MapIteratorProto = Object.getPrototypeOf(new Map().entries()) as object;
const ArrayIteratorProto = Object.getPrototypeOf([][Symbol.iterator]()) as object;

/** Every built-in a careless encoder might call, replaced by a counting version. */
const BUILTINS: [object, PropertyKey][] = [
  [Map.prototype, 'entries'], [Map.prototype, 'forEach'], [Map.prototype, 'keys'], [Map.prototype, 'values'], [Map.prototype, 'get'],
  [Map.prototype, 'set'], [Map.prototype, 'has'], [Map.prototype, Symbol.iterator], [Map.prototype, 'size'], [MapIteratorProto, 'next'],
  [Set.prototype, 'forEach'], [Set.prototype, 'values'], [Set.prototype, 'add'], [Set.prototype, 'has'], [Set.prototype, Symbol.iterator],
  [Set.prototype, 'size'], [Array.prototype, Symbol.iterator], [Array.prototype, 'push'], [Array.prototype, 'map'],
  [Array.prototype, 'forEach'], [Array.prototype, 'join'], [Array.prototype, 'slice'], [Array.prototype, 'indexOf'],
  [ArrayIteratorProto, 'next'], [TypedArrayProto, 'length'], [TypedArrayProto, 'buffer'], [TypedArrayProto, 'byteOffset'],
  [TypedArrayProto, 'byteLength'], [TypedArrayProto, 'subarray'], [TypedArrayProto, 'set'], [TypedArrayProto, Symbol.iterator],
  [DataView.prototype, 'buffer'], [DataView.prototype, 'byteLength'], [DataView.prototype, 'byteOffset'],
  [DataView.prototype, 'setFloat64'], [ArrayBuffer.prototype, 'byteLength'], [ArrayBuffer.prototype, 'slice'],
  [SharedArrayBuffer.prototype, 'byteLength'], [Date.prototype, 'getTime'], [Date.prototype, 'valueOf'], [Date.prototype, 'toISOString'],
  [RegExp.prototype, 'flags'], [RegExp.prototype, 'source'], [RegExp.prototype, 'global'], [RegExp.prototype, 'exec'],
  [RegExp.prototype, 'test'], [Number.prototype, 'valueOf'], [Number.prototype, 'toString'], [String.prototype, 'valueOf'],
  [String.prototype, 'charCodeAt'], [String.prototype, 'isWellFormed'], [String.prototype, 'slice'], [Boolean.prototype, 'valueOf'],
  [BigInt.prototype, 'toString'], [BigInt.prototype, 'valueOf'], [Symbol.prototype, 'description'], [Symbol.prototype, 'toString'],
  [Function.prototype, 'toString'], [Object.prototype, 'toString'], [Object.prototype, 'hasOwnProperty'],
  [Object.prototype, 'toJSON'], [Object.prototype, 'value'], [Object.prototype, 'get'], [Object.prototype, 'set'],
  [Object.prototype, 'enumerable'], [Object.prototype, 'writable'], [Object.prototype, 'path'], [Object.prototype, 'type'],
  [Object.prototype, 'size'], [Object.prototype, 'reason'], [Object.prototype, 'id'], [Object.prototype, 'kind'],
  [Object.prototype, 'bytes'], [Object.prototype, 'class'], [Object.prototype, 'shape'], [Object.prototype, '0'],
  [Array.prototype, '0'], [Object.prototype, Symbol.toStringTag], [Object, 'keys'], [Object, 'getOwnPropertyDescriptor'],
  [Reflect, 'getOwnPropertyDescriptor'], [Reflect, 'ownKeys'], [JSON, 'stringify'], [Buffer, 'byteLength'],
  [TextEncoder.prototype, 'encodeInto'], [Math, 'max'], [Math, 'floor'],
];

function everything(): Record<string, unknown> {
  const shared = hooked('shared');
  const withAccessorElement: unknown[] = [1, 2, 3];
  Object.defineProperty(withAccessorElement, 1, { get() { hit('element.getter'); return 2; }, enumerable: true });
  class Widget {
    own = 1;
    get computed() { hit('Widget.prototype getter'); return 2; }
    toJSON() { hit('Widget.toJSON'); }
  }
  const widget = new Widget();
  Object.defineProperty(widget, 'lazy', { get() { hit('widget.lazy getter'); return 1; }, enumerable: true });
  const numbers = Array.from({ length: 2000 }, (_, i) => i);
  const error = withHooks(new TypeError('t'), 'error');
  // Reading `stack` formats it the first time, which runs Node's own formatter
  // (and its source-map support, which uses ordinary array methods): see
  // docs/encoding.md. The stack is formatted here, before the traps are set.
  assert.ok(error.stack);
  return {
    hooks: hooked('top'), shared, again: shared, widget, withAccessorElement, numbers,
    proxy: countingProxy({ a: 1 }, 'proxy'), proxyArray: countingProxy([1, 2], 'proxyArray'),
    proxyFn: countingProxy(() => 1, 'proxyFn'),
    protoIsProxy: Object.create(countingProxy({ inherited: 1 }, 'protoProxy')) as object,
    map: new Map<unknown, unknown>([[countingProxy({}, 'mapKey'), hooked('mapValue')], ['k', () => hit('fn')]]),
    set: new Set([hooked('setMember')]), date: withHooks(new Date(5), 'date'),
    re: /x/gi, boxed: Object(5), str: Object('abc'), big: 10n ** 30n, text: 'héllo \ud800',
    typed: new Float64Array(5000), small: new Int16Array(3), view: new DataView(new ArrayBuffer(16)), buf: Buffer.from('b'),
    sab: new SharedArrayBuffer(8), error,
    sym: Symbol('s'), [Symbol('key')]: 1, promise: Promise.resolve(1), weak: new WeakMap(),
    nested: { deeper: [{ deepest: hooked('deep') }] },
  };
}

test('no getter, trap, hook or replaced built-in runs while encoding', () => {
  const value = everything();
  calls = '';
  let encoded!: ReturnType<typeof encodeValue>;
  patched(BUILTINS, () => {
    encoded = encodeValue(value, { path: 'state' });
    estimateSize(value);
    findLarge(value, 1000, 10_000, 'state');
    typeName(value['widget']);
  });
  assert.equal(calls, '');
  const paths = encoded.skipped.map((s) => `${s.path} ${s.type}`);
  for (const expected of ['state.hooks.g accessor', 'state.hooks.s accessor', 'state.hooks.toJSON function',
    'state.hooks[Symbol(Symbol.toPrimitive)] symbol key', 'state.widget.lazy accessor', 'state.withAccessorElement[1] accessor',
    'state.proxy Proxy', 'state.proxyArray Proxy', 'state.proxyFn Proxy', 'state.protoIsProxy prototype', 'state.map.keys()[0] Proxy',
    'state.map.get("k") function', 'state.sym symbol', 'state[Symbol(key)] symbol key', 'state.promise Promise', 'state.weak WeakMap',
    'state.nested.deeper[0].deepest.g accessor', 'state.error.g accessor', 'state.date.toJSON function']) {
    assert.ok(paths.includes(expected), `ledger lacks "${expected}"; has:\n${paths.join('\n')}`);
  }
  assert.equal(paths.filter((p) => p.startsWith('state.shared')).length, 6);
  assert.equal(paths.filter((p) => p.startsWith('state.again')).length, 0, 'a shared object is listed once, at its first path');
});

test('the encoded hostile graph still decodes to its data', () => {
  const value = everything();
  calls = '';
  const { decoded } = roundTrip(value);
  assert.equal(calls, '');
  const d = decoded as Record<string, Record<string, unknown>>;
  assert.deepEqual(Object.keys(d['hooks']!), ['plain', 'toJSON', 'valueOf', 'toString']);
  assert.equal(d['hooks']!['plain'], 1);
  assert.equal(d['shared'], d['again']);
  assert.deepEqual(d['widget'], { own: 1 });
  assert.deepEqual(d['withAccessorElement'], [1, , 3]);
  assert.equal(d['proxy'], undefined);
  assert.equal((d['numbers'] as unknown as number[]).length, 2000);
});

test('a replaced Error.prepareStackTrace is never run: stacks are left out and listed', () => {
  const saved = Error.prepareStackTrace;
  const error = new Error('unformatted');
  const holder = {};
  Error.captureStackTrace(holder);
  calls = '';
  let encoded!: ReturnType<typeof encodeValue>;
  try {
    Error.prepareStackTrace = () => { hit('prepareStackTrace'); return 'x'; };
    encoded = encodeValue({ error, holder }, { path: 'v' });
  } finally {
    Error.prepareStackTrace = saved;
  }
  assert.equal(calls, '');
  assert.deepEqual(encoded.skipped.map((s) => `${s.path} ${s.type}`), ['v.error.stack stack', 'v.holder.stack stack']);
});

test('without a replaced prepareStackTrace, stacks are stored', () => {
  const error = new Error('kept');
  const { encoded, decoded } = roundTrip(error);
  assert.deepEqual(encoded.skipped, []);
  assert.equal((decoded as Error).stack, error.stack);
});

test('decoding sets properties without reaching setters on Object.prototype', () => {
  const encoded = encodeValue({ x: 1, y: [1, 2], z: { w: 2 } });
  calls = '';
  patched([[Object.prototype, 'x'], [Object.prototype, 'w'], [Object.prototype, 'y']], () => {
    const decoded = roundTrip({ x: 1, y: [1, 2], z: { w: 2 } }).decoded as Record<string, unknown>;
    assert.equal(Object.getOwnPropertyDescriptor(decoded, 'x')!.value, 1);
  });
  assert.equal(calls, '');
  assert.ok(encoded.meta.length > 0);
});
