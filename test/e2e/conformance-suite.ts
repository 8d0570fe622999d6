// Runs a folder of conformance cases (a cases.json beside the scripts): each
// script must behave under `chkpt run` as it does under plain node (.ts cases:
// as under node with the TypeScript loader): the same stdout, stderr, exit
// code or signal, and no line of chkpt's own but the one that says where a
// crash's state was saved, after all of the script's output.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { runChkpt, runProcess, type RunOptions, type RunResult } from '../helpers/run-process.js';

export interface ConformanceCase {
  script: string;
  args?: string[];
  env?: Record<string, string>;
  stdin?: string;
  signalAfterLine?: string;
  signal?: NodeJS.Signals;
  /** How stderr is compared where it is not byte for byte (the shared suite's words). */
  compare?: string;
  expect?: string;
}

/** Compares what the two runs printed; the default is stderr byte for byte. */
export type StderrCheck = (c: ConformanceCase, actual: RunResult, expected: RunResult) => void;

const tsLoader = import.meta.resolve('tsx');

const exactStderr: StderrCheck = (c, actual, expected) => assert.equal(actual.stderr, expected.stderr, `stderr of ${c.script}`);

/**
 * Declares one test per case of `dir`'s cases.json; when `dir` is undefined,
 * one skipped test saying why.
 */
export function conformanceSuite(title: string, dir: string | undefined, skipReason: string, checkStderr = exactStderr): void {
  describe(title, () => {
    if (dir === undefined) {
      it('all cases', { skip: skipReason }, () => {});
      return;
    }
    const cases = JSON.parse(readFileSync(path.join(dir, 'cases.json'), 'utf8')) as ConformanceCase[];
    for (const c of cases) {
      const name = `${c.script} ${(c.args ?? []).join(' ')}`.trim();
      it(name, async () => {
        const options = runOptions(dir, c);
        const loader = /\.[cm]?ts$/.test(c.script) ? ['--import', tsLoader] : [];
        const [expected, actual] = await Promise.all([
          runProcess(process.execPath, [...loader, c.script, ...(c.args ?? [])], options),
          runChkpt(['run', c.script, ...(c.args ?? [])], options),
        ]);
        const script = withoutCrashLine(actual, expected);
        assert.equal(actual.code, expected.code, `exit code of ${name}\n${actual.stderr}`);
        assert.equal(actual.signal, expected.signal, `signal of ${name}`);
        assert.equal(actual.stdout, expected.stdout, `stdout of ${name}`);
        checkStderr(c, script, expected);
        if (c.signalAfterLine && !expected.signal) assert.ok(expected.stdout.length > 0, 'the baseline saw the signal');
        if (c.signalAfterLine && expected.signal) {
          assert.ok((actual.msAfterSignal ?? Infinity) < 2000, `died ${actual.msAfterSignal} ms after ${c.signal}`);
        }
      });
    }
  });
}

function runOptions(dir: string, c: ConformanceCase): RunOptions {
  return {
    cwd: dir,
    env: { ...process.env, ...c.env },
    ...(c.stdin !== undefined ? { stdin: c.stdin } : {}),
    ...(c.signalAfterLine ? { signalAfterLine: c.signalAfterLine, signal: c.signal ?? 'SIGINT' } : {}),
  };
}

const CRASH_LINE = /^chkpt: crash state saved as \S+@\d+; look at it with: chkpt show \S+@crash\n/m;

/**
 * The run as the script printed it: chkpt's crash line (only after a crash:
 * last from the full CLI, just before node's report of the error from
 * bin/chkpt's one process) taken off; any other line of chkpt's fails the test.
 */
function withoutCrashLine(actual: RunResult, expected: RunResult): RunResult {
  let stderr = actual.stderr;
  const crashed = expected.code !== 0 && expected.signal === null;
  if (crashed && CRASH_LINE.test(stderr)) stderr = stderr.replace(CRASH_LINE, '');
  // chkpt's own lines start `chkpt:` (or `chkpt[pid]` in its debug log); the
  // script's path may hold the word anywhere.
  assert.doesNotMatch(stderr, /Waiting for the debugger/);
  assert.doesNotMatch(stderr, /^(?:[\d:.]+ )?chkpt[:[]/m);
  assert.doesNotMatch(actual.stdout, /^(?:[\d:.]+ )?chkpt[:[]/m);
  return { ...actual, stderr };
}
