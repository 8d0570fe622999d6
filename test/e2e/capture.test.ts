// The capture engine end to end: fixture scripts run with the built
// `chkpt run`, their checkpoints read back through the store's API.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { pidAlive } from '../../src/store/fs-private.js';
import { openStore, type Store } from '../../src/store/index.js';
import { chkptCli, runChkpt, runProcess } from '../helpers/run-process.js';

const fixtures = fileURLToPath(new URL('../fixtures/capture/', import.meta.url));
let work: string;

before(() => {
  work = mkdtempSync(path.join(tmpdir(), 'chkpt-capture-'));
  cpSync(fixtures, work, { recursive: true });
});
after(() => rmSync(work, { recursive: true, force: true }));

/** Runs a fixture under chkpt with its own store; returns the result and the opened store. */
async function capture(script: string, options: string[] = [], extra: Parameters<typeof runChkpt>[1] = {}) {
  const out = path.join(work, `store-${script}-${Math.random().toString(36).slice(2)}`);
  const result = await runChkpt(['run', '-o', out, ...options, script], { cwd: work, ...extra });
  return { result, out, open: (): Store => openStore(out, { create: false }) };
}

describe('capture', () => {
  it('takes interval checkpoints in a busy loop, each consistent with one instant', async () => {
    // -vv: should too few checkpoints come, stderr says what became of the others.
    const { result, open } = await capture('busy.mjs', ['-f', '100', '--budget', '50', '-vv']);
    assert.equal(result.code, 0, result.stderr);
    const store = open();
    const checkpoints = store.checkpoints().filter((c) => c.trigger === 'interval');
    assert.ok(checkpoints.length >= 2, `only ${checkpoints.length} interval checkpoints; chkpt said:\n${result.stderr}`);
    for (const c of checkpoints) {
      const names = store.variables(c.id).map((v) => v.name);
      assert.ok(names.includes('weights'), names.join(', '));
      const weights = store.readVariable(c.id, 'weights') as Float64Array;
      assert.ok(weights instanceof Float64Array);
      assert.equal(weights.length, 200_000);
      // (0 when the pause came before the loop's first fill: a loaded machine starts the script late.)
      assert.ok(weights[0]! >= 0, String(weights[0]));
      // The whole array holds one step's value: read at one instant.
      assert.equal(weights[0], weights[199_999]);
    }
    // Those taken in the loop are located there (one may come after it, in
    // node's code behind console.log, and still read the module's binding).
    const inLoop = checkpoints.filter((c) => c.location?.file === path.join(work, 'busy.mjs'));
    assert.ok(inLoop.length >= 2, JSON.stringify(checkpoints.map((c) => c.location)));
    store.close();
  });

  it('saves the module state at a crash, keeps the exit code and stderr, and says where', async () => {
    const expected = await runProcess(process.execPath, ['crash-late.mjs'], { cwd: work });
    const { result, open } = await capture('crash-late.mjs', ['-f', '100']);
    assert.equal(result.code, expected.code);
    assert.equal(result.stdout, expected.stdout);
    const crashLine = /^chkpt: crash state saved as [0-9a-f]{12}@\d+; look at it with: chkpt show --store .* [0-9a-f]{12}@crash\n/m;
    assert.match(result.stderr, crashLine);
    assert.equal(result.stderr.replace(crashLine, ''), expected.stderr);
    const store = open();
    const [crash] = store.checkpoints().filter((c) => c.trigger === 'crash');
    assert.ok(crash);
    assert.deepEqual((store.readVariable(crash.id, 'table') as Float64Array).slice(0, 2), new Float64Array([7, 7]));
    assert.equal(store.runs()[0]?.status, 'crashed');
    store.close();
  });

  it('with --throw-site, keeps the locals of every frame at the throw', async () => {
    const { result, open } = await capture('crash.mjs', ['--throw-site', '-q']);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /^RangeError: too deep: 2$/m);
    assert.doesNotMatch(result.stderr, /^chkpt:/m);
    const store = open();
    const [crash] = store.checkpoints().filter((c) => c.trigger === 'crash');
    assert.ok(crash);
    const names = store.variables(crash.id).map((v) => v.name);
    for (let depth = 0; depth <= 2; depth++) {
      const local = store.readVariable(crash.id, `frames[${2 - depth}].locals.local`) as Int32Array;
      assert.equal(local[0], depth, names.join(', '));
    }
    assert.equal(crash.location?.line, 4);
    assert.equal(crash.location?.function, 'inner');
    store.close();
  });

  it('on SIGINT in a busy loop, saves a signal checkpoint and dies of SIGINT within 2 s', async () => {
    // The signal comes 150 ms after the first line: attached by then, whatever the machine's load.
    const { result, open } = await capture('sigint.cjs', ['-f', '-1', '--wait-attach'], { signalAfterLine: 'ready', signal: 'SIGINT' });
    assert.equal(result.signal, 'SIGINT');
    assert.ok((result.msAfterSignal ?? Infinity) < 2000, `took ${result.msAfterSignal} ms`);
    const store = open();
    const [signal] = store.checkpoints().filter((c) => c.trigger === 'signal');
    assert.ok(signal);
    assert.equal(signal.label, 'SIGINT');
    assert.equal((store.readVariable(signal.id, 'buffer') as Uint8Array)[0], 9);
    const run = store.runs()[0];
    assert.equal(run?.status, 'killed');
    assert.equal(run?.signal, 'SIGINT');
    store.close();
  });

  it('by default keeps every data value whole, small ones too, and leaves out code', async () => {
    const { result, open } = await capture('nested.mjs');
    assert.equal(result.code, 0, result.stderr);
    const store = open();
    const [snap] = store.checkpoints().filter((c) => c.trigger === 'api');
    assert.ok(snap);
    const names = store.variables(snap.id).map((v) => v.name).sort();
    // `Model` (a class) and `chkpt` (a library's exports) are code, not data.
    assert.deepEqual(names, ['hyper', 'state']);
    const state = store.readVariable(snap.id, 'state') as { model: { weights: Float32Array; name: string }; epoch: number; opts: { lr: number } };
    assert.equal(state.epoch, 3);
    assert.deepEqual(state.opts, { lr: 0.1 });
    assert.equal(state.model.name, 'm');
    assert.equal(state.model.weights.length, 500_000);
    assert.equal(state.model.weights[499_999], 0.5);
    store.close();
  });

  it('with --min-size, finds large values nested in small objects by path, and tracked small values', async () => {
    const { result, open } = await capture('nested.mjs', ['-z', '1M']);
    assert.equal(result.code, 0, result.stderr);
    const store = open();
    const [exit] = store.checkpoints().filter((c) => c.trigger === 'api');
    assert.ok(exit);
    const byName = new Map(store.variables(exit.id).map((v) => [v.name, v]));
    assert.ok(byName.has('state.model.weights'), [...byName.keys()].join(', '));
    assert.equal((store.readVariable(exit.id, 'state.model.weights') as Float32Array)[7], 0.5);
    assert.equal(byName.get('hyper')?.scope, 'tracked');
    assert.deepEqual(store.readVariable(exit.id, 'hyper'), { lr: 0.001, betas: [0.9, 0.999] });
    store.close();
  });

  it('never calls getters, Proxy traps or toJSON', async () => {
    const { result, open } = await capture('hostile.mjs');
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stdout.trim(), JSON.stringify({ get: 0, trap: 0, toJSON: 0 }));
    const store = open();
    const api = store.checkpoints().find((c) => c.trigger === 'api');
    assert.ok(api);
    assert.equal(api.label, 'check');
    assert.ok(api.skipped.some((s) => s.path.includes('sneaky')), JSON.stringify(api.skipped));
    store.close();
  });

  it('records a forked child as a child run with its own checkpoints', async () => {
    // Both processes end at once: they wait for capture, for their exit checkpoints.
    const { result, open } = await capture('forker.cjs', ['--wait-attach']);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /child done/);
    const store = open();
    const runs = store.runs();
    assert.equal(runs.length, 2, JSON.stringify(runs));
    const parent = runs.find((r) => !r.parentRunId);
    const child = runs.find((r) => r.parentRunId);
    assert.ok(parent && child);
    assert.equal(child.parentRunId, parent.id);
    const childCheckpoints = store.checkpoints({ runId: child.id });
    assert.ok(childCheckpoints.length >= 1);
    assert.equal((store.readVariable(childCheckpoints.at(-1)!.id, 'mine') as Float64Array)[0], 2);
    store.close();
  });

  it('records a worker thread as a child run, with interval and exit checkpoints of its own', async () => {
    const { result, open } = await capture('threads.mjs', ['-f', '100', '--budget', '50']);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /worker ran true\nworker exited 0/);
    const store = open();
    const runs = store.runs();
    const parent = runs.find((r) => !r.parentRunId);
    const thread = runs.find((r) => r.parentRunId);
    assert.ok(parent && thread, JSON.stringify(runs));
    assert.equal(thread.parentRunId, parent.id);
    const checkpoints = store.checkpoints({ runId: thread.id });
    const interval = checkpoints.filter((c) => c.trigger === 'interval');
    assert.ok(interval.length >= 2, JSON.stringify(checkpoints.map((c) => c.trigger)));
    for (const c of interval) {
      const grid = store.readVariable(c.id, 'grid') as Float64Array;
      assert.ok(grid[0]! > 0);
      // One instant of the thread: every element holds the same step.
      assert.equal(grid[0], grid[grid.length - 1]);
    }
    assert.ok(interval.some((c) => c.location?.file === path.join(work, 'threads-worker.mjs')), JSON.stringify(interval.map((c) => c.location)));
    const exit = checkpoints.at(-1)!;
    assert.equal(exit.trigger, 'exit');
    const final = store.readVariable(exit.id, 'grid') as Float64Array;
    assert.ok(final[0]! >= (store.readVariable(interval.at(-1)!.id, 'grid') as Float64Array)[0]!);
    assert.equal(thread.status, 'exited');
    // The main thread's own state stays in the main run.
    const main = store.checkpoints({ runId: parent.id }).at(-1);
    assert.ok(main && store.variables(main.id).some((v) => v.name === 'settings'));
    store.close();
  });

  it('maps locations of a .ts script to its own lines', async () => {
    // Locations are the point: -z keeps the 20,000 rows out, so the loop's
    // checkpoints stay small and frequent on a loaded machine.
    const { result, open } = await capture('typed.ts', ['-f', '150', '--budget', '50', '-z', '1M']);
    assert.equal(result.code, 0, result.stderr);
    const store = open();
    const interval = store.checkpoints().find((c) => c.trigger === 'interval' && c.location?.function === 'crunch');
    assert.ok(interval, JSON.stringify(store.checkpoints().map((c) => c.location)));
    assert.equal(interval.location?.file, path.join(work, 'typed.ts'));
    assert.ok([9, 10].includes(interval.location!.line), `line ${interval.location!.line}`);
    const names = store.variables(interval.id).map((v) => v.name);
    assert.ok(names.includes('frames[0].locals.scratch'), names.join(', '));
    assert.ok(names.includes('rows'), names.join(', '));
    store.close();
  });

  it('captures instances of library classes only for packages named with --lib', async () => {
    const lib = (name: string, source: string) => {
      mkdirSync(path.join(work, 'node_modules', name), { recursive: true });
      writeFileSync(path.join(work, 'node_modules', name, 'index.js'), source);
    };
    lib('fake-frame', 'exports.Frame = class Frame { constructor(n) { this.values = new Float64Array(n).fill(2); } };\n');
    lib('other-lib', 'exports.Pool = class Pool { constructor(n) { this.buffers = Array.from({ length: n }, (_, i) => i); } };\n');
    const names = async (options: string[]) => {
      const { result, open } = await capture('libs.cjs', ['-vv', '--wait-attach', ...options]);
      assert.equal(result.code, 0, result.stderr);
      const store = open();
      const [last] = store.checkpoints().slice(-1);
      const found = store.variables(last!.id).map((v) => v.name);
      store.close();
      return { found, log: result.stderr };
    };
    const plain = await names([]);
    assert.ok(plain.found.some((n) => n.startsWith('model')), plain.found.join(', '));
    assert.ok(!plain.found.some((n) => n.startsWith('frame') || n.startsWith('pool')), plain.found.join(', '));
    assert.match(plain.log, /frame.*Frame.*--lib/);
    const withLib = await names(['--lib', 'fake-frame']);
    assert.ok(withLib.found.some((n) => n.startsWith('model')), withLib.found.join(', '));
    assert.ok(withLib.found.some((n) => n.startsWith('frame')), withLib.found.join(', '));
    assert.ok(!withLib.found.some((n) => n.startsWith('pool')), withLib.found.join(', '));
  });

  it('leaves no trace when nothing is salient', async () => {
    const { result, out } = await capture('idle.cjs', ['--wait-attach']);
    assert.equal(result.stdout, 'tick 1\n');
    assert.equal(existsSync(out), false);
  });

  it('does not hold up a script that ends at once: no exit checkpoint then, unless --wait-attach', async () => {
    const quick = await capture('quick.cjs');
    assert.equal(quick.result.stdout, '3\n');
    assert.equal(quick.result.code, 0);
    assert.equal(existsSync(quick.out), false);
    const waited = await capture('quick.cjs', ['--wait-attach']);
    const store = waited.open();
    const [last] = store.checkpoints();
    assert.equal(last?.trigger, 'exit');
    assert.deepEqual((store.readVariable(last!.id, 'weights') as Float64Array).slice(0, 2), new Float64Array([3, 3]));
    store.close();
  });

  it('chkpt snap checkpoints a running script on request', async () => {
    const out = path.join(work, 'store-snap');
    const running = runChkpt(['run', '-o', out, '-f', '-1', 'snap-me.mjs'], { cwd: work });
    // The script's process, once its capture worker listens (slow machines take a while).
    let snap = { code: 1 as number | null, stdout: '', stderr: 'not tried' };
    for (let attempt = 0; attempt < 150 && snap.code !== 0; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      const list = await runProcess('pgrep', ['-f', 'register\\.cjs (-- )?snap-me\\.mjs']);
      const pid = list.stdout.trim().split('\n')[0];
      if (pid) snap = await runProcess(process.execPath, [chkptCli, 'snap', pid, '--label', 'by-hand', '--json']);
    }
    writeFileSync(path.join(work, 'snap-done'), '');
    assert.equal(snap.code, 0, snap.stderr);
    const answer = JSON.parse(snap.stdout) as { ok: boolean; n: number };
    assert.equal(answer.ok, true);
    await running;
    const store = openStore(out, { create: false });
    const request = store.checkpoints().find((c) => c.trigger === 'request');
    assert.equal(request?.label, 'by-hand');
    assert.equal((store.readVariable(request!.id, 'history') as Float64Array)[0], 5);
    store.close();
  });

  it('ends the script when chkpt run itself is killed, as node would be', async () => {
    const cli = spawn(process.execPath, [chkptCli, 'run', '-o', path.join(work, 'store-linger'), 'linger.cjs'], {
      cwd: work, stdio: ['ignore', 'pipe', 'pipe'], detached: true,
    });
    try {
      const pid = await new Promise<number>((resolve, reject) => {
        cli.stdout.setEncoding('utf8');
        cli.stdout.once('data', (line: string) => resolve(Number(line.trim())));
        cli.once('exit', () => reject(new Error('chkpt run ended first')));
      });
      assert.ok(pid > 0);
      process.kill(cli.pid!, 'SIGKILL');
      const killedAt = Date.now();
      while (alive(pid) && Date.now() - killedAt < 5000) await new Promise((resolve) => setTimeout(resolve, 50));
      assert.ok(!alive(pid), 'the script still runs 5 s after chkpt run was killed');
    } finally {
      try {
        process.kill(-cli.pid!, 'SIGKILL');
      } catch {
        // Gone, as it should be.
      }
    }
  });
});

/** Whether a process runs: exists, and is not a zombie waiting to be reaped. */
function alive(pid: number): boolean {
  if (!pidAlive(pid)) return false;
  try {
    // The state follows the command name, which is in parentheses.
    return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.[0] !== 'Z';
  } catch {
    return true;
  }
}
