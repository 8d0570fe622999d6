// Notes of runs not yet sent whole to their shared store: a note whose
// process is gone gets a detached push, at most once a minute; a live
// process's note is left to it; a note of a store that is gone goes.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { UNSENT_NOTE_ENV, clearUnsent, noteUnsent, resendUnsent } from '../../src/remote/unsent.js';

const cli = fileURLToPath(new URL('../fixtures/remote/fake-cli.mjs', import.meta.url));
let work: string;
let env: NodeJS.ProcessEnv;
let log: string;

before(() => {
  work = mkdtempSync(path.join(tmpdir(), 'chkpt-unsent-'));
  log = path.join(work, 'log');
  env = { ...process.env, XDG_CACHE_HOME: path.join(work, 'cache'), FAKE_CLI_LOG: log };
  delete env[UNSENT_NOTE_ENV];
  mkdirSync(path.join(work, 'store'));
});
after(() => rmSync(work, { recursive: true, force: true }));

/** A pid no process has here: near the top of the kernel's range. */
const deadPid = 2 ** 22 - 7;

async function started(count: number): Promise<{ args: string[]; note: string | null }[]> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const lines = existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n').filter(Boolean) : [];
    if (lines.length >= count || Date.now() > deadline) return lines.map((l) => JSON.parse(l) as { args: string[]; note: string | null });
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

test('a note of a live process is left to it; of a dead one, a detached push of its store is started once a minute', async () => {
  const store = path.join(work, 'store');
  const live = noteUnsent({ url: 's3://b/p', store, pid: process.pid, runId: 'live1' }, env);
  const dead = noteUnsent({ url: 's3://b/p', store, pid: deadPid, runId: 'dead1' }, env);
  assert.equal(resendUnsent(cli, env), 1);
  const [push] = await started(1);
  assert.deepEqual(push, { args: ['push', 's3://b/p', '--store', store], note: dead });
  // Tried a moment ago: not again before a minute has passed.
  assert.equal(resendUnsent(cli, env), 0);
  // A push started for a note starts no other.
  assert.equal(resendUnsent(cli, { ...env, [UNSENT_NOTE_ENV]: dead }), 0);
  clearUnsent(dead);
  clearUnsent(live);
  assert.deepEqual(readdirSync(path.dirname(live)), []);
});

test('a note whose local store is gone is dropped, without a push', () => {
  const note = noteUnsent({ url: 's3://b/p', store: path.join(work, 'gone'), pid: deadPid, runId: 'gone1' }, env);
  assert.equal(resendUnsent(cli, env), 0);
  assert.equal(existsSync(note), false);
});

test('no notes, no directory: nothing to do', () => {
  assert.equal(resendUnsent(cli, { ...env, XDG_CACHE_HOME: path.join(work, 'empty') }), 0);
});
