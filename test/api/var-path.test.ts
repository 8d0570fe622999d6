// Variable paths: the longest stored name that prefixes a path holds it; the
// rest is parsed into steps and walked through the decoded value.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseSteps, splitPath, stepText } from '../../src/api/var-path.js';
import { walk } from '../../src/api/walk.js';
import { ChkptError, ErrorCode } from '../../src/shared/errors.js';

describe('splitPath', () => {
  const names = ['state', 'state.w', 'frames[0].locals.x', 'lib/model.ts:params', 'globalThis.foo', 'stateful'];
  it('picks the longest stored name that prefixes the path at a boundary', () => {
    assert.deepEqual(splitPath(names, 'state.w'), { name: 'state.w', rest: '' });
    assert.deepEqual(splitPath(names, 'state.w[3]'), { name: 'state.w', rest: '[3]' });
    assert.deepEqual(splitPath(names, 'state.epoch'), { name: 'state', rest: '.epoch' });
    assert.deepEqual(splitPath(names, 'stateful.a'), { name: 'stateful', rest: '.a' });
    assert.deepEqual(splitPath(names, 'frames[0].locals.x.y'), { name: 'frames[0].locals.x', rest: '.y' });
    assert.deepEqual(splitPath(names, 'lib/model.ts:params[1]'), { name: 'lib/model.ts:params', rest: '[1]' });
    assert.equal(splitPath(names, 'stat'), undefined);
    assert.equal(splitPath(names, 'frames[0].locals'), undefined);
  });
});

describe('parseSteps', () => {
  it('reads properties, indexes, quoted keys and Map and Set accessors', () => {
    assert.deepEqual(parseSteps('.a[3].b'), [{ kind: 'prop', key: 'a' }, { kind: 'index', index: 3 }, { kind: 'prop', key: 'b' }]);
    assert.deepEqual(parseSteps('["odd key"][\'x\']'), [{ kind: 'prop', key: 'odd key' }, { kind: 'prop', key: 'x' }]);
    assert.deepEqual(parseSteps('.get("k").get(3).get(12n).get(true)'), [
      { kind: 'get', key: 'k' }, { kind: 'get', key: 3 }, { kind: 'get', key: 12n }, { kind: 'get', key: true },
    ]);
    assert.deepEqual(parseSteps('.keys()[1].values()[0]'), [{ kind: 'keys', index: 1 }, { kind: 'values', index: 0 }]);
    assert.deepEqual(parseSteps(''), []);
  });

  it('writes steps back as they are read', () => {
    for (const text of ['.a', '[3]', '["odd key"]', '.get("k")', '.get(12n)', '.keys()[1]']) {
      assert.equal(parseSteps(text).map(stepText).join(''), text);
    }
  });

  it('says where a malformed path stops', () => {
    for (const [text, at] of [['[3', 3], ['.a[', 4], ['x', 1], ['.get("k"', 9], ['["open', 2]] as const) {
      assert.throws(() => parseSteps(text), (err: unknown) => {
        assert.ok(err instanceof ChkptError);
        assert.equal(err.code, ErrorCode.BAD_OPTION);
        assert.match(err.message, new RegExp(`at character ${at}: expected`));
        return true;
      }, text);
    }
  });
});

describe('walk', () => {
  const value = {
    rows: [{ id: 1, name: 'a' }, { id: 2, name: 'b' }],
    m: new Map<unknown, unknown>([['k', 1], [2, 'two']]),
    s: new Set(['x', 'y']),
    t: new Float32Array([1, 2, 3]),
    text: 'hello',
  };
  const at = (path: string): unknown => walk(value, parseSteps(path), 'v');

  it('follows properties, indexes, Maps, Sets, typed arrays and strings', () => {
    assert.equal(at('.rows[1].name'), 'b');
    assert.equal(at('.m.get("k")'), 1);
    assert.equal(at('.m.get(2)'), 'two');
    assert.equal(at('.m.k'), 1);
    assert.equal(at('.m.keys()[1]'), 2);
    assert.equal(at('.s[1]'), 'y');
    assert.equal(at('.s.values()[0]'), 'x');
    assert.equal(at('.t[2]'), 3);
    assert.equal(at('.text[1]'), 'e');
  });

  it('never runs a getter', () => {
    let calls = 0;
    const obj = Object.defineProperty({}, 'g', { get: () => ++calls, enumerable: true });
    assert.throws(() => walk(obj, parseSteps('.g'), 'o'), /`o\.g` not found: `o` has no property `g`/);
    assert.equal(calls, 0);
  });

  it('names where a path stops and what is there', () => {
    const fails = (path: string, message: RegExp): void => {
      assert.throws(() => at(path), (err: unknown) => {
        assert.ok(err instanceof ChkptError);
        assert.equal(err.code, ErrorCode.NOT_FOUND);
        assert.match(err.message, message);
        return true;
      }, path);
    };
    fails('.rows[1].nmae', /^`v\.rows\[1\]\.nmae` not found: `v\.rows\[1\]` has no property `nmae`; nearest: name\.$/);
    fails('.rows[5]', /^`v\.rows\[5\]` not found: `v\.rows` has 2 elements\.$/);
    fails('.rows[0].id.x', /^`v\.rows\[0\]\.id\.x` not found: `v\.rows\[0\]\.id` is number\.$/);
    fails('.m.get("missing")', /^`v\.m\.get\("missing"\)` not found: `v\.m` has no such key; it has: k, 2\.$/);
    fails('.t.get(1)', /not found: `v\.t` is a Float32Array of 3, not a Map\.$/);
    fails('.nothing_here', /; it has: rows, m, s, t, text\.$/);
  });
});
