import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hasTopLevelLoop, topLevelRunsOn } from '../../src/capture/top-level-loops.js';

describe('hasTopLevelLoop', () => {
  it('finds loops in top-level code, also inside blocks, ifs and try', () => {
    assert.equal(hasTopLevelLoop('for (let i = 0; i < 3; i++) {}'), true);
    assert.equal(hasTopLevelLoop('if (x) { try { while (a) a--; } catch {} }'), true);
    assert.equal(hasTopLevelLoop('const rows = []; for await (const r of src) rows.push(r);'), true);
    assert.equal(hasTopLevelLoop('label: do { x++ } while (x < 3)'), true);
    assert.equal(hasTopLevelLoop('#!/usr/bin/env node\nfor (const k in o) {}'), true);
  });

  it('ignores loops inside functions, methods and arrows', () => {
    const source = [
      "import fs from 'node:fs';",
      'function train(w) { for (let i = 0; i < 10; i++) w[i]++; }',
      'class M { step() { while (this.x) this.x--; } }',
      'const f = () => { for (const x of []) {} };',
      'await train(new Float64Array(10));',
    ].join('\n');
    assert.equal(hasTopLevelLoop(source), false);
  });

  it('reads CommonJS with a top-level return', () => {
    assert.equal(hasTopLevelLoop("const x = require('x');\nif (!x) return;\nmodule.exports = x;"), false);
  });

  it('answers undefined for what does not parse', () => {
    assert.equal(hasTopLevelLoop('for (;;'), undefined);
  });

  it('looks inside a top-level wrapper function, as a TypeScript loader emits for CommonJS', () => {
    assert.equal(hasTopLevelLoop('__filename="/a.ts";(()=>{\nfor(let e=0;e<3;e++)train(e);\n})()'), true);
    assert.equal(hasTopLevelLoop('(function(){ function f(){ while(1){} } })();'), false);
  });
});

describe('topLevelRunsOn', () => {
  it('counts a top-level await as well as a loop, and neither inside functions', () => {
    assert.equal(topLevelRunsOn('const w = 1;\nawait new Promise((r) => setTimeout(r, 10));\n'), true);
    assert.equal(topLevelRunsOn('while (true) {}'), true);
    assert.equal(topLevelRunsOn('async function f() { await g(); }\nf();\n'), false);
    assert.equal(topLevelRunsOn('const ast = parse(source);\nconsole.log(ast);\n'), false);
  });
});
