// Temp files of chunks being written: named after the writer (pid and host)
// so gc can tell a dead writer's leftovers from a live writer's work.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { rowChecksum } from './chunk-hash.js';
import { TEMP_MAX_AGE_MS } from './format.js';
import { pidAlive } from './fs-private.js';
import { storeLayout } from './paths.js';

/** Short tag of this machine in temp names, so gc only judges pids of its own host. */
export const HOST_TAG = rowChecksum('host', [os.hostname()]).slice(0, 8);

/** A fresh temp file name for this process: `<pid>-<host tag>-<random>.tmp`. */
export function tempName(): string {
  return `${process.pid}-${HOST_TAG}-${randomBytes(4).toString('hex')}.tmp`;
}

/** Removes temp files left by writers that died (same host, pid gone) or older than an hour; returns how many. */
export function sweepTemp(root: string, now = Date.now()): number {
  const dir = storeLayout(root).tmp;
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return 0;
  }
  let removed = 0;
  for (const name of names) {
    const file = path.join(dir, name);
    const m = /^(\d+)-([0-9a-f]{8})-[0-9a-f]+\.tmp$/.exec(name);
    const st = fs.statSync(file, { throwIfNoEntry: false });
    if (!st) continue;
    const dead = m !== null && m[2] === HOST_TAG && !pidAlive(Number(m[1]));
    if (dead || now - st.mtimeMs > TEMP_MAX_AGE_MS) {
      fs.rmSync(file, { force: true });
      removed++;
    }
  }
  return removed;
}
