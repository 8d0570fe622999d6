// Runs whose sending to a shared store may not be finished, noted on this
// machine (`<cache>/chkpt-remotes/unsent/<run id>.json`: the shared store's
// URL, the local store, the run's pid). The capture worker notes its run
// when it first sends; the push that sends the last of it (the detached one
// started at exit) removes the note. A note whose process is gone, killed
// or its last push failed, is taken up by the next chkpt command on the
// machine, whatever it is: a detached `chkpt push` of that store, at most
// once a minute per note. The script's own process never waits for it.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { debug } from '../shared/debug.js';
import { mkdirPrivate } from '../store/fs-private.js';
import { cacheRoot } from '../store/paths.js';

/** A note is retried at most this often. */
const RETRY_EVERY_MS = 60_000;
/** Set for a push started for a note: the note it removes once it has sent everything. */
export const UNSENT_NOTE_ENV = 'CHKPT_UNSENT_NOTE';

export interface UnsentNote {
  url: string;
  store: string;
  pid: number;
  runId: string;
  triedAt?: number;
}

function unsentDir(env: NodeJS.ProcessEnv): string {
  return path.join(cacheRoot(env), 'chkpt-remotes', 'unsent');
}

function writeNote(file: string, note: UnsentNote): void {
  writeFileSync(file, JSON.stringify(note), { mode: 0o600 });
}

/** Notes that `runId` is being sent; returns the note's file. */
export function noteUnsent(note: UnsentNote, env: NodeJS.ProcessEnv = process.env): string {
  const dir = unsentDir(env);
  mkdirPrivate(dir);
  const file = path.join(dir, `${note.runId.replace(/[^a-zA-Z0-9_-]/g, '_')}.json`);
  writeNote(file, note);
  return file;
}

/** After a push that sent everything: its note goes. */
export function clearUnsent(file: string): void {
  rmSync(file, { force: true });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A detached `chkpt push` of `store` to `url` (removing `note` once everything is sent): it outlives the caller. */
export function spawnPush(cli: string, url: string, store: string, note: string | undefined, env: NodeJS.ProcessEnv = process.env): void {
  try {
    const child = spawn(process.execPath, [cli, 'push', url, '--store', store], {
      detached: true, stdio: 'ignore',
      env: { ...env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', ...(note ? { [UNSENT_NOTE_ENV]: note } : {}) },
    });
    child.on('error', (err) => debug('upload', `could not start a push: ${err.message}`));
    child.unref();
  } catch (err) {
    debug('upload', `could not start a push: ${String(err)}`);
  }
}

/** Starts a push for each note whose process is gone and that was not tried in the last minute; returns how many. */
export function resendUnsent(cli: string, env: NodeJS.ProcessEnv = process.env): number {
  if (env[UNSENT_NOTE_ENV]) return 0; // A push for a note leaves the others to the next command.
  const dir = unsentDir(env);
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return 0;
  }
  let started = 0;
  for (const name of names) {
    if (!name.endsWith('.json')) continue;
    const file = path.join(dir, name);
    try {
      const note = JSON.parse(readFileSync(file, 'utf8')) as UnsentNote;
      if (alive(note.pid) || (note.triedAt !== undefined && Date.now() - note.triedAt < RETRY_EVERY_MS)) continue;
      if (typeof note.url !== 'string' || typeof note.store !== 'string' || !existsSync(note.store)) {
        clearUnsent(file);
        continue;
      }
      writeNote(file, { ...note, triedAt: Date.now() });
      spawnPush(cli, note.url, note.store, file, env);
      debug('upload', `sending what run ${note.runId} left unsent to ${note.url}`);
      started++;
    } catch (err) {
      debug('upload', `note ${name} unreadable: ${String(err)}`);
    }
  }
  return started;
}
