// CSV fields and the streaming JSON writer on values JSON has no word for.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { csvField } from '../../../src/api/export/csv.js';
import { writeJson } from '../../../src/api/export/json-writer.js';
import type { Sink } from '../../../src/api/export/sink.js';

async function json(value: unknown): Promise<string> {
  let text = '';
  const sink: Sink = { bytes: 0, text: async (s) => void (text += s), binary: async () => {}, end: async () => {}, abort: async () => {} };
  await writeJson(value, sink);
  return text;
}

describe('csvField', () => {
  it('quotes only when it must (RFC 4180)', () => {
    assert.deepEqual(['plain', 'a,b', 'say "hi"', 'two\nlines', ' pad', ''].map(csvField), ['plain', '"a,b"', '"say ""hi"""', '"two\nlines"', '" pad"', '']);
    assert.deepEqual([1.5, NaN, 10n, true, null, undefined, new Date(0)].map(csvField), ['1.5', 'NaN', '10', 'true', '', '', '1970-01-01T00:00:00.000Z']);
    assert.equal(csvField({ a: [1, 2n] }), '"{""a"":[1,""2""]}"');
  });
});

describe('writeJson', () => {
  it('writes what JSON.stringify writes for plain data', async () => {
    const plain = { a: [1, 'two', null, true], b: { c: 'é"\n' }, d: [] as unknown[], e: {} };
    assert.equal(await json(plain), JSON.stringify(plain));
  });

  it('gives typed arrays, Maps, Sets, Dates, bigints, NaN and cycles a JSON form', async () => {
    const cyc: Record<string, unknown> = { name: 'loop' };
    cyc['self'] = cyc;
    assert.equal(await json({
      t: new Int8Array([-1, 2]), m: new Map([['k', 1]]), mk: new Map([[1, 'one']]), s: new Set(['x']), d: new Date(0), big: 2n ** 64n,
      nan: NaN, inf: -Infinity, u: undefined, f: () => 1, arr: [undefined, () => 1], cyc,
    }), '{"t":[-1,2],"m":{"k":1},"mk":[[1,"one"]],"s":["x"],"d":"1970-01-01T00:00:00.000Z","big":18446744073709551616,'
      + '"nan":null,"inf":null,"arr":[null,null],"cyc":{"name":"loop","self":"[Circular]"}}');
  });

  it('handles nesting deeper than the call stack', async () => {
    let deep: unknown = 0;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    const text = await json(deep);
    assert.equal(text.length, 200_001);
    assert.ok(text.startsWith('[[[') && text.endsWith(']]]'));
  });
});
