#!/usr/bin/env node
// Runs the whole test suite with node's test runner: every `*.test.ts` under
// test/, TypeScript loaded through tsx. Fails when any test fails and when no
// test ran at all (node 20's runner exits 0 on an empty file list), and ends
// the whole run, with every process it started, when it outlives its time
// limit (CHKPT_TEST_MINUTES, default 30; a full run takes about 5 here).
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const only = process.argv.slice(2);

function findTests(dir) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) out.push(...findTests(full));
    else if (name.endsWith('.test.ts')) out.push(full);
  }
  return out;
}

let files = findTests(path.join(root, 'test'));
if (only.length > 0) files = files.filter((f) => only.some((o) => f.includes(o)));
if (files.length === 0) {
  console.error('run-tests: no test files matched');
  process.exit(1);
}

const work = mkdtempSync(path.join(tmpdir(), 'chkpt-tests-'));
const summaryFile = path.join(work, 'summary.json');
const minutes = Number(process.env.CHKPT_TEST_MINUTES ?? 30);
const runner = spawn(
  process.execPath,
  [
    '--import', 'tsx',
    '--test',
    `--test-concurrency=${process.env.CHKPT_TEST_CONCURRENCY ?? '2'}`,
    '--test-reporter=spec', '--test-reporter-destination=stdout',
    `--test-reporter=${path.join(root, 'scripts', 'count-reporter.mjs')}`,
    `--test-reporter-destination=${summaryFile}`,
    ...files,
  ],
  // A group of its own, so that a stuck run can be ended with all its processes.
  { cwd: root, stdio: 'inherit', detached: true },
);
/** Sends `signal` to the runner and every process of its group. */
function signalRunner(signal) {
  try {
    process.kill(-runner.pid, signal);
  } catch {
    // Already gone.
  }
}
// Ctrl-C and kill reach the runner's group as they would have reached it in ours.
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => signalRunner(signal));
let overTime = false;
const limit = setTimeout(() => {
  overTime = true;
  console.error(`run-tests: the suite ran over ${minutes} min: ending it and every process it started`);
  signalRunner('SIGKILL');
}, minutes * 60_000);
const status = await new Promise((resolve) => runner.on('close', (code) => resolve(code ?? 1)));
clearTimeout(limit);

let summary = { pass: 0, fail: 0, skip: 0 };
try {
  summary = JSON.parse(readFileSync(summaryFile, 'utf8'));
} catch {
  // The reporter writes nothing when the runner dies early: counted as no test.
}
rmSync(work, { recursive: true, force: true });
console.log(`${summary.pass} passed, ${summary.fail} failed, ${summary.skip} skipped`);
if (overTime || status !== 0 || summary.fail > 0) process.exit(1);
if (summary.pass === 0) {
  console.error('run-tests: no test ran');
  process.exit(1);
}
