// File-system helpers that keep a store private (0700 directories, 0600
// files, whatever the umask) and durable (fsync of files and directories).
import fs from 'node:fs';
import path from 'node:path';

/** Creates `dir` and any missing parents with mode 0700 (chmod'ed, so the umask cannot loosen or tighten it). */
export function mkdirPrivate(dir: string): void {
  const first = fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (first === undefined) return;
  // Every directory from the first one created down to `dir` is ours.
  for (let d = dir; ; d = path.dirname(d)) {
    fs.chmodSync(d, 0o700);
    if (d === first || path.dirname(d) === d) break;
  }
}

/** Opens `file` for writing, creating it exclusively with mode 0600 whatever the umask. */
export function openPrivate(file: string, flags: 'wx' | 'a' = 'wx'): number {
  const fd = fs.openSync(file, flags, 0o600);
  try {
    fs.fchmodSync(fd, 0o600);
  } catch (err) {
    fs.closeSync(fd);
    throw err;
  }
  return fd;
}

/** fsyncs a directory so renames and new entries in it survive a power loss. */
export function fsyncDir(dir: string): void {
  const fd = fs.openSync(dir, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Writes all of `bytes` at the current position of `fd`. */
export function writeAll(fd: number, bytes: Uint8Array): void {
  let done = 0;
  while (done < bytes.byteLength) done += fs.writeSync(fd, bytes, done, bytes.byteLength - done);
}

/** Reads exactly `into.byteLength` bytes of `fd` from position 0; returns the number read (less at end of file). */
export function readAll(fd: number, into: Uint8Array): number {
  let done = 0;
  while (done < into.byteLength) {
    const n = fs.readSync(fd, into, done, into.byteLength - done, done);
    if (n === 0) break;
    done += n;
  }
  return done;
}

/** True when process `pid` exists on this machine (EPERM means it exists but is not ours). */
export function pidAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
