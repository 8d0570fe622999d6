// Every case in the shared conformance suite behaves under `chkpt run` as it
// does under plain node (.ts cases: as under node with the TypeScript loader).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { conformanceDir, runChkpt, runProcess, type RunResult } from '../helpers/run-process.js';

interface Case {
  script: string;
  args?: string[];
  env?: Record<string, string>;
  stdin?: string;
  signalAfterLine?: string;
  signal?: NodeJS.Signals;
  compare?: string;
  expect?: string;
}

const cases = JSON.parse(readFileSync(path.join(conformanceDir, 'cases.json'), 'utf8')) as Case[];
const tsLoader = import.meta.resolve('tsx');

function baseline(c: Case): Promise<RunResult> {
  const loader = /\.[cm]?ts$/.test(c.script) ? ['--import', tsLoader] : [];
  return runProcess(process.execPath, [...loader, c.script, ...(c.args ?? [])], options(c));
}

function options(c: Case) {
  return {
    cwd: conformanceDir,
    env: { ...process.env, ...c.env },
    ...(c.stdin !== undefined ? { stdin: c.stdin } : {}),
    ...(c.signalAfterLine ? { signalAfterLine: c.signalAfterLine, signal: c.signal ?? 'SIGINT' } : {}),
  };
}

/** Lines chkpt must never print on the script's streams. */
function assertNoChkptLines(result: RunResult): void {
  assert.doesNotMatch(result.stderr, /Waiting for the debugger/);
  assert.doesNotMatch(result.stderr, /chkpt/i);
  assert.doesNotMatch(result.stdout, /chkpt/i);
}

describe('conformance: chkpt run behaves as plain node', () => {
  for (const c of cases) {
    const name = `${c.script} ${(c.args ?? []).join(' ')}`.trim();
    it(name, async () => {
      const [expected, actual] = await Promise.all([baseline(c), runChkpt(['run', c.script, ...(c.args ?? [])], options(c))]);
      assertNoChkptLines(actual);
      assert.equal(actual.code, expected.code, `exit code of ${name}\n${actual.stderr}`);
      assert.equal(actual.signal, expected.signal, `signal of ${name}`);
      assert.equal(actual.stdout, expected.stdout, `stdout of ${name}`);
      if (c.compare?.includes('stderr contains')) {
        assert.match(actual.stderr, /RangeError: n too big: 3/);
        assert.ok(actual.stderr.includes(path.join(conformanceDir, c.script)), 'stderr names the script');
      } else if (c.compare?.includes('SyntaxError')) {
        const line = (s: string) => s.split('\n').find((l) => l.startsWith('SyntaxError'));
        assert.ok(line(actual.stderr));
        assert.equal(line(actual.stderr), line(expected.stderr));
      } else if (c.compare?.includes('stack names')) {
        assert.match(actual.stderr, /ts\/main\.ts:6/);
        assert.equal(actual.stderr, expected.stderr);
      } else {
        assert.equal(actual.stderr, expected.stderr, `stderr of ${name}`);
      }
      if (c.script === 'sigint-default.mjs') {
        assert.equal(actual.signal, 'SIGINT');
        assert.ok((actual.msAfterSignal ?? Infinity) < 2000, `died ${actual.msAfterSignal} ms after SIGINT`);
      }
      if (c.script === 'kill-self.mjs') assert.equal(actual.signal, 'SIGTERM');
      if (c.script === 'big-output.mjs') assert.equal(actual.stdout.length, 10_000_000);
    });
  }
});
