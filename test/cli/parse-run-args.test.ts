import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseRunArgs } from '../../src/cli/run/parse-run-args.js';
import { ErrorCode } from '../../src/shared/errors.js';

describe('parseRunArgs', () => {
  it('gives everything after the script to the script', () => {
    const args = parseRunArgs(['train.ts', '--epochs', '3', '-x', 'data.csv']);
    assert.equal(args.script, 'train.ts');
    assert.deepEqual(args.scriptArgs, ['--epochs', '3', '-x', 'data.csv']);
    assert.deepEqual(args.nodeArgs, []);
  });

  it('reads chkpt options before the script only', () => {
    const args = parseRunArgs(['-o', 'out', '-v', 'job.js', '-o', 'theirs', '-v']);
    assert.equal(args.out, 'out');
    assert.equal(args.verbose, 1);
    assert.deepEqual(args.scriptArgs, ['-o', 'theirs', '-v']);
  });

  it('collects repeated --node-arg values, even ones starting with a dash', () => {
    const args = parseRunArgs(['--node-arg', '--max-old-space-size=100', '--node-arg=--trace-warnings', 'a.js']);
    assert.deepEqual(args.nodeArgs, ['--max-old-space-size=100', '--trace-warnings']);
  });

  it('takes -- as the end of chkpt options', () => {
    const args = parseRunArgs(['--', '--weird-name.js', '--node-arg', 'x']);
    assert.equal(args.script, '--weird-name.js');
    assert.deepEqual(args.scriptArgs, ['--node-arg', 'x']);
  });

  it('keeps a -- after the script for the script, as node does', () => {
    assert.deepEqual(parseRunArgs(['a.js', '--', 'b']).scriptArgs, ['--', 'b']);
  });

  it('counts -vv', () => {
    assert.equal(parseRunArgs(['-vv', 'a.js']).verbose, 2);
  });

  it('rejects a missing script and unknown options with coded errors', () => {
    assert.throws(() => parseRunArgs([]), { code: ErrorCode.NO_SCRIPT });
    assert.throws(() => parseRunArgs(['--nope', 'a.js']), { code: ErrorCode.UNKNOWN_OPTION, message: "unknown option '--nope'" });
  });

  it('reads --resume <checkpoint> as given (the full CLI resolves it)', () => {
    const args = parseRunArgs(['--resume', 'train.ts@crash', 'train-fixed.ts', '--resume', 'theirs']);
    assert.equal(args.resume, 'train.ts@crash');
    assert.deepEqual(args.scriptArgs, ['--resume', 'theirs']);
    assert.equal(parseRunArgs(['job.js']).resume, undefined);
  });
});
