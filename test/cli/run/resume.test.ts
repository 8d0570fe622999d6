import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { userNodeArgs } from '../../../src/cli/run/resume.js';

const own = fileURLToPath(new URL('../../../dist/preload/register.cjs', import.meta.url));
const loader = pathToFileURL(fileURLToPath(new URL('../../../dist/launch/typescript.js', import.meta.url))).href;

describe('userNodeArgs', () => {
  it("drops chkpt's own preload and loader, in both spellings, and keeps the user's node options in order", () => {
    assert.deepEqual(userNodeArgs([
      '--require', own, '--max-old-space-size=4096', `--import=${loader}`, '--import', 'tsx', '-r', './setup.cjs', '--enable-source-maps',
    ]), ['--max-old-space-size=4096', '--import', 'tsx', '-r', './setup.cjs', '--enable-source-maps']);
  });

  it('reads nothing from a record without execArgv', () => {
    assert.deepEqual(userNodeArgs(undefined), []);
    assert.deepEqual(userNodeArgs('--inspect'), []);
    assert.deepEqual(userNodeArgs(['--require', path.join('/elsewhere', 'dist', 'preload', 'register.cjs')]), ['--require', '/elsewhere/dist/preload/register.cjs']);
  });
});
