import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildNodeArgs, preloadPath, resolveSelfPath } from '../../src/cli/run/node-args.js';
import { isTypeScript } from '../../src/cli/run/script-kind.js';

describe('buildNodeArgs', () => {
  it('puts node options, the preload, the script and its args in that order', () => {
    const args = buildNodeArgs('job.js', ['--n', '1'], ['--inspect']);
    assert.deepEqual(args, ['--inspect', '--require', preloadPath(), 'job.js', '--n', '1']);
    assert.match(preloadPath(), /^\/.*\/preload\/register\.cjs$/);
  });

  it('preloads with --require, so a CommonJS script is not run through the ESM loader', () => {
    const args = buildNodeArgs('job.cjs', [], [], true);
    assert.deepEqual(args, ['--require', preloadPath(), '--require', resolveSelfPath(), 'job.cjs']);
    assert.equal(args.includes('--import'), false);
  });

  it('adds the TypeScript loader after the preload for .ts, .mts and .cts', () => {
    for (const script of ['a.ts', 'a.mts', 'a.cts', 'A.TS']) {
      const args = buildNodeArgs(script, [], []);
      assert.equal(args.length, 5);
      assert.match(args[3] ?? '', /tsx\/dist\/loader\.mjs$/);
      assert.equal(args[4], script);
      assert.equal(isTypeScript(script), true);
    }
    assert.equal(isTypeScript('a.js'), false);
    assert.equal(isTypeScript('ts.mjs'), false);
  });
});
