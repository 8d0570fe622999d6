// `chkpt run` on what users do beyond the shared conformance cases.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { chkptBin, repoRoot, runChkpt, runChkptCli, runProcess, withThisNode } from '../helpers/run-process.js';

const fixtures = fileURLToPath(new URL('../fixtures/run/', import.meta.url));
let work: string;

before(() => {
  work = mkdtempSync(path.join(tmpdir(), 'chkpt run e2e '));
  cpSync(fixtures, work, { recursive: true });
});
after(() => rmSync(work, { recursive: true, force: true }));

/** Runs a fixture with plain node and with chkpt run, and returns both. */
async function both(script: string, args: string[] = [], nodeArgs: string[] = []) {
  const chkptNodeArgs = nodeArgs.flatMap((a) => ['--node-arg', a]);
  return Promise.all([
    runProcess(process.execPath, [...nodeArgs, script, ...args], { cwd: work }),
    runChkpt(['run', ...chkptNodeArgs, script, ...args], { cwd: work }),
  ]);
}

function assertSame(expected: { stdout: string; stderr: string; code: number | null; signal: string | null },
  actual: typeof expected): void {
  assert.equal(actual.stderr, expected.stderr);
  assert.equal(actual.stdout, expected.stdout);
  assert.equal(actual.code, expected.code);
  assert.equal(actual.signal, expected.signal);
}

describe('chkpt run', () => {
  it('keeps cluster workers working, each the main module', async () => {
    const [expected, actual] = await both('cluster.cjs');
    assert.match(actual.stdout, /primary got \{"isMain":true/);
    assertSame(expected, actual);
  });

  it('mirrors process.exitCode', async () => {
    const [expected, actual] = await both('exit-code.mjs');
    assert.equal(actual.code, 42);
    assertSame(expected, actual);
  });

  it('passes --node-arg to node, e.g. --max-old-space-size', async () => {
    const [expected, actual] = await both('heap-limit.cjs', [], ['--max-old-space-size=300']);
    const heap = (JSON.parse(actual.stdout) as { heapMiB: number }).heapMiB;
    assert.ok(heap >= 300 && heap < 400, `heap limit ${heap} MiB`);
    assertSame(expected, actual);
  });

  it('honours NODE_OPTIONS', async () => {
    const env = { ...process.env, NODE_OPTIONS: '--max-old-space-size=260' };
    const result = await runChkpt(['run', 'heap-limit.cjs'], { cwd: work, env });
    const heap = (JSON.parse(result.stdout) as { heapMiB: number }).heapMiB;
    assert.ok(heap >= 260 && heap < 360, `heap limit ${heap} MiB`);
  });

  it('runs a script whose path has spaces, passing arguments untouched', async () => {
    const script = path.join(work, 'main-check.mjs');
    const [expected, actual] = await both(script, ['--epochs', '3', '-x', 'data.csv', '--', 'a b']);
    const seen = JSON.parse(actual.stdout) as { isMain: boolean; args: string[]; argv1: string };
    assert.equal(seen.isMain, true);
    assert.deepEqual(seen.args, ['--epochs', '3', '-x', 'data.csv', '--', 'a b']);
    assert.equal(seen.argv1, script);
    assertSame(expected, actual);
  });

  it('runs a symlinked script as node does', async () => {
    const link = path.join(work, 'linked.mjs');
    symlinkSync(path.join(work, 'main-check.mjs'), link);
    const [expected, actual] = await both('linked.mjs', ['x']);
    assert.equal((JSON.parse(actual.stdout) as { isMain: boolean }).isMain, true);
    assertSame(expected, actual);
  });

  it('ignores debugger statements, as node without a debugger does', async () => {
    const [expected, actual] = await both('debugger-statement.mjs');
    assert.match(actual.stdout, /debugger statements passed 3/);
    assertSame(expected, actual);
  });

  it('adds no signal listeners and no globals the script can see', async () => {
    const [expected, actual] = await both('listeners.mjs');
    assert.deepEqual(JSON.parse(actual.stdout), { SIGINT: 0, SIGTERM: 0, SIGHUP: 0, globals: [] });
    assertSame(expected, actual);
  });

  it('dies of SIGTERM within 2 s during a busy loop, printing nothing of its own', async () => {
    const result = await runChkpt(['run', 'sigterm-loop.mjs'], { cwd: work, signalAfterLine: 'ready', signal: 'SIGTERM' });
    assert.equal(result.signal, 'SIGTERM');
    assert.equal(result.stderr, '');
    assert.ok((result.msAfterSignal ?? Infinity) < 2000, `took ${result.msAfterSignal} ms`);
  });

  it('keeps a terminal a terminal', async (t) => {
    const shell = `${JSON.stringify(chkptBin)} run tty.mjs`;
    const result = await runProcess('script', ['-qec', shell, '/dev/null'], { cwd: work, env: withThisNode() });
    if (result.code === null || /not found|No such file/.test(result.stderr)) {
      t.skip('util-linux `script` is not available to make a pseudo-terminal');
      return;
    }
    assert.match(result.stdout, /\{"stdin":true,"stdout":true,"stderr":true\}/);
  });

  it('prints an uncaught error of a CommonJS script as node does, caret under the throw, after where the crash was saved', async () => {
    const [expected, actual] = await both('throw-in-function.cjs');
    // One process: node prints its report after the process's exit event, the last moment chkpt has.
    const crashLine = /^chkpt: crash state saved as (\w+)@1; look at it with: chkpt show \1@crash\n/;
    assert.match(actual.stderr, crashLine);
    const report = actual.stderr.replace(crashLine, '');
    assert.match(report, /^.+throw-in-function\.cjs:5\n.*\n {17}\^\n/);
    assertSame(expected, { ...actual, stderr: report });
  });

  it('prints the crash line last when the full CLI runs the script as a child', async () => {
    const [expected, actual] = await Promise.all([
      runProcess(process.execPath, ['throw-in-function.cjs'], { cwd: work }),
      runChkptCli(['run', 'throw-in-function.cjs'], { cwd: work }),
    ]);
    const crashLine = /\nchkpt: crash state saved as (\w+)@1; look at it with: chkpt show \1@crash\n$/;
    assert.match(actual.stderr, crashLine);
    assertSame(expected, { ...actual, stderr: actual.stderr.replace(crashLine, '\n') });
  });

  it('ends with NODE_DEBUG set (node logs while chkpt\'s worker starts)', async () => {
    const env = { ...process.env, NODE_DEBUG: 'module,esm' };
    const result = await runChkpt(['run', 'exit-code.mjs'], { cwd: work, env, timeoutMs: 20_000 });
    assert.equal(result.code, 42, result.stderr.slice(-500));
  });

  for (const flag of ['--require', '--import']) {
    it(`works as a plain preload: node ${flag} chkpt/register`, async () => {
      const result = await runProcess(process.execPath, [flag, 'chkpt/register', path.join(work, 'main-check.mjs'), 'z'], { cwd: repoRoot });
      const seen = JSON.parse(result.stdout) as { isMain: boolean; args: string[] };
      assert.equal(seen.isMain, true);
      assert.deepEqual(seen.args, ['z']);
      assert.equal(result.stderr, '');
    });
  }
});
