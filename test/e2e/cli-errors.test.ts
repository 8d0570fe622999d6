// Bad input gets one line from chkpt naming the problem and the fix, never a
// stack trace of ours.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runChkpt } from '../helpers/run-process.js';

describe('chkpt command line errors', () => {
  it('no script given', async () => {
    const result = await runChkpt(['run']);
    assert.equal(result.code, 2);
    assert.equal(result.stderr, "chkpt: no script given: chkpt run [options] <script> [args...]\nRun 'chkpt run --help' for usage.\n");
  });

  it('unknown chkpt option, named', async () => {
    const result = await runChkpt(['run', '--frobnicate', 'x.js']);
    assert.equal(result.code, 2);
    assert.equal(result.stderr, "chkpt: unknown option '--frobnicate'\nRun 'chkpt run --help' for the options.\n");
  });

  it('option missing its value', async () => {
    const result = await runChkpt(['run', '--node-arg']);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /^chkpt: option '--node-arg <flag>' argument missing\n/);
  });

  it('unknown command', async () => {
    const result = await runChkpt(['frobnicate']);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /^chkpt: unknown command 'frobnicate'/);
    assert.doesNotMatch(result.stderr, /\n\s+at /);
  });

  it('chkpt alone prints the short help on stdout, exit 0', async () => {
    const result = await runChkpt([]);
    assert.equal(result.code, 0);
    assert.equal(result.stderr, '');
    assert.match(result.stdout, /^chkpt: run a Node\.js or TypeScript script unchanged/);
    for (const command of ['chkpt run ', 'chkpt ls', 'chkpt show ']) assert.ok(result.stdout.includes(command), command);
    assert.match(result.stdout, /chkpt --help/);
  });

  it('--help, run --help and --version', async () => {
    const help = await runChkpt(['--help']);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /Usage: chkpt/);
    assert.match(help.stdout, /run \[options\]/);
    const runHelp = await runChkpt(['run', '--help']);
    assert.equal(runHelp.code, 0);
    assert.match(runHelp.stdout, /--node-arg <flag>/);
    assert.match(runHelp.stdout, /chkpt run train\.ts --epochs 30/);
    const version = await runChkpt(['--version']);
    assert.match(version.stdout, /^\d+\.\d+\.\d+\n$/);
  });
});
