// bin/chkpt's one-process `chkpt run`: the script is the process bin/chkpt
// started as (its pid, its parent, its exit code and signal), its options read
// as the full CLI reads them, and every line the launcher does not follow
// handed to the full CLI.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { repoRoot, runChkpt, runChkptCli, runProcess, type RunResult } from '../helpers/run-process.js';

const fixtures = fileURLToPath(new URL('../fixtures/launch/', import.meta.url));
const fixture = (name: string): string => path.join(fixtures, name);
let work: string;
let env: NodeJS.ProcessEnv;

before(() => {
  work = mkdtempSync(path.join(tmpdir(), 'chkpt launch e2e '));
  env = { ...process.env, CHKPT_HOME: path.join(work, 'home') };
});
after(() => rmSync(work, { recursive: true, force: true }));

interface Whoami { pid: number; ppid: number; settings: Record<string, string>; args: string[]; launch: string | null }
const whoami = (result: RunResult): Whoami => JSON.parse(result.stdout) as Whoami;

/** How a run ended, in the terms the shell sees. */
const ending = (r: RunResult): string => (r.signal ? `signal ${r.signal}` : `exit ${r.code}`);

describe('chkpt run as one process', () => {
  it('is the script itself: its parent is the caller, chkpt\'s words are gone', async () => {
    const result = await runChkpt(['run', '-o', path.join(work, 'store'), fixture('whoami.mjs'), 'a', '--b'], { cwd: work, env });
    const me = whoami(result);
    assert.equal(me.ppid, process.pid);
    assert.equal(me.launch, null);
    assert.deepEqual(me.args, ['a', '--b']);
    assert.equal(me.settings['CHKPT_OUT'], path.join(work, 'store'));
    assert.equal(result.code, 0);
  });

  it('runs TypeScript as node --import tsx does', async () => {
    const [expected, actual] = await Promise.all([
      // tsx found from the repository, as the project's own.
      runProcess(process.execPath, ['--import', 'tsx', fixture('typed.ts'), 'x'], { cwd: repoRoot, env }),
      runChkpt(['run', fixture('typed.ts'), 'x'], { cwd: work, env }),
    ]);
    assert.equal(actual.stdout, expected.stdout);
    assert.match(actual.stdout, /"main":true/);
    assert.equal(ending(actual), ending(expected));
  });

  for (const how of ['exit-3', 'exit-code-42', 'throw', 'reject', 'abort', 'kill-self']) {
    it(`ends as node does: ${how}`, async () => {
      const [expected, actual] = await Promise.all([
        runProcess(process.execPath, [fixture('ends.mjs'), how], { cwd: work, env }),
        runChkpt(['run', fixture('ends.mjs'), how], { cwd: work, env }),
      ]);
      assert.equal(ending(actual), ending(expected));
      assert.equal(actual.stdout, expected.stdout);
      // node's own report, whole, after chkpt's line (if any); of an abort,
      // its JavaScript stack (the native one has chkpt's threads in it).
      const report = (r: RunResult): string => (how === 'abort' ? r.stderr.slice(r.stderr.indexOf('----- JavaScript stack trace')) : r.stderr);
      assert.ok(report(actual).endsWith(report(expected)), actual.stderr);
    });
  }

  const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGQUIT', 'SIGUSR2', 'SIGALRM', 'SIGABRT', 'SIGKILL'];
  for (const mode of ['idle', 'busy']) {
    for (const signal of signals) {
      it(`ends on ${signal} as node does, ${mode}`, async () => {
        const options = { cwd: work, env, signalAfterLine: 'ready', signal };
        const [expected, actual] = await Promise.all([
          runProcess(process.execPath, [fixture('wait.mjs'), mode], options),
          runChkpt(['run', '-o', path.join(work, `store-${mode}-${signal}`), fixture('wait.mjs'), mode], options),
        ]);
        assert.equal(ending(actual), ending(expected));
        assert.equal(actual.stdout, expected.stdout);
      });
    }
  }
});

describe('chkpt run options, one process and full CLI alike', () => {
  const lines = [
    ['-v'],
    ['-vv', '-q'],
    ['-qo', 'store-a'],
    ['--out=store-b', '-f', '300', '--budget', '5'],
    ['-f300', '-z', '64k', '--max-store=2G'],
    ['--include', 'lib/**', '--include=vendor/**', '--exclude', 'gen/**', '--lib', 'apache-arrow'],
    ['--no-throw-site', '--wait-attach'],
    ['--throw-site', '--every=-1', '--min-size=-1'],
    ['--'],
  ];
  for (const line of lines) {
    it(`reads ${line.join(' ')} alike`, async () => {
      const args = ['run', ...line, fixture('whoami.mjs'), 'arg'];
      const [launched, full] = await Promise.all([runChkpt(args, { cwd: work, env }), runChkptCli(args, { cwd: work, env })]);
      assert.equal(whoami(launched).ppid, process.pid, 'one process');
      assert.notEqual(whoami(full).ppid, process.pid, 'the full CLI\'s child');
      assert.deepEqual(whoami(launched).settings, whoami(full).settings);
      assert.deepEqual(whoami(launched).args, ['arg']);
    });
  }

  const bad = [
    ['-f', 'soon'],
    ['--budget', '200'],
    ['-z', 'big'],
    ['--max-store=-5'],
    ['--out'],
    [],
  ];
  for (const line of bad) {
    it(`refuses ${line.join(' ') || 'no script'} alike`, async () => {
      const args = ['run', ...line, ...(line.length ? [fixture('whoami.mjs')] : [])];
      const [launched, full] = await Promise.all([runChkpt(args, { cwd: work, env }), runChkptCli(args, { cwd: work, env })]);
      assert.notEqual(full.code, 0);
      assert.equal(launched.stderr, full.stderr);
      assert.equal(launched.code, full.code);
      assert.equal(launched.stdout, '');
    });
  }

  it('hands what it does not follow to the full CLI', async () => {
    const viaCli = await runChkpt(['run', '--node-arg', '--no-warnings', fixture('whoami.mjs')], { cwd: work, env });
    assert.notEqual(whoami(viaCli).ppid, process.pid);
    const help = await runChkpt(['run', '--help'], { cwd: work, env });
    assert.match(help.stdout, /Usage: chkpt run/);
    const [launched, full] = await Promise.all([
      runChkpt(['run', '--bogus', fixture('whoami.mjs')], { cwd: work, env }),
      runChkptCli(['run', '--bogus', fixture('whoami.mjs')], { cwd: work, env }),
    ]);
    assert.equal(launched.stderr, full.stderr);
    assert.equal(launched.code, full.code);
  });

  it('leaves a missing script to node, as node reports it', async () => {
    const [expected, actual] = await Promise.all([
      runProcess(process.execPath, [path.join(work, 'missing.js')], { cwd: work, env }),
      runChkpt(['run', path.join(work, 'missing.js')], { cwd: work, env }),
    ]);
    assert.equal(ending(actual), ending(expected));
    assert.equal(actual.stderr, expected.stderr);
  });
});
