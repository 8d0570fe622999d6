// Number options and the words ls uses for how a run ended.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { exitText, locationText } from '../../../src/cli/commands/ls.js';
import { intOption } from '../../../src/cli/commands/options.js';
import type { CheckpointInfo, RunInfo } from '../../../src/store/index.js';

describe('intOption', () => {
  it('parses whole numbers, falls back when absent, names the option when bad', () => {
    assert.equal(intOption(undefined, '--rows', 10), 10);
    assert.equal(intOption('3', '--rows', 10, 1), 3);
    assert.throws(() => intOption('0', '--rows', 10, 1), /^ChkptError: Expected `--rows` to be a whole number of at least 1, got `0`\.$/);
    assert.throws(() => intOption('2.5', '--depth', 3), /got `2\.5`/);
  });
});

describe('exitText and locationText', () => {
  const run = (over: Partial<RunInfo>): RunInfo => ({ status: 'exited', ...over } as RunInfo);
  it('says how a run ended in a word', () => {
    assert.equal(exitText(run({ exitCode: 0 })), '0');
    assert.equal(exitText(run({ status: 'crashed', exitCode: 1 })), '1');
    assert.equal(exitText(run({ status: 'killed', signal: 'SIGINT' })), 'SIGINT');
    assert.equal(exitText(run({ status: 'running' })), 'running');
    assert.equal(exitText(run({ status: 'running', alive: false })), 'died');
    assert.equal(exitText(run({ damaged: 'checksum' })), 'damaged');
  });

  it('names where a checkpoint was taken', () => {
    assert.equal(locationText({} as CheckpointInfo), '-');
    assert.equal(locationText({ location: { file: '/elsewhere/t.ts', line: 4, column: 1, function: 'step' } } as CheckpointInfo), '/elsewhere/t.ts:4 in step');
  });
});
