// Chunks as one file each under chunks/<2 hex>/<30 hex>, written like
// cacache's lib/content/write.js: temp file in the store's tmp/, fsync, rename
// into place, fsync the directory. Two writers of the same chunk each rename
// their own complete copy; the last rename wins and both are identical.
import fs from 'node:fs';
import path from 'node:path';
import { ChkptError, ErrorCode } from '../shared/errors.js';
import type { ChunkStore, ChunkWrite } from './chunk-store.js';
import { hashChunk } from './chunk-hash.js';
import { fsyncDir, mkdirPrivate, openPrivate, readAll, writeAll } from './fs-private.js';
import { chunkRelPath, isChunkHash, storeLayout } from './paths.js';
import { tempName } from './temp-files.js';

// All temp files of a put are written before any is fsynced: the kernel then
// writes back while we copy, and each fdatasync finds less left to do
// (bench/store-layout.ts: 1.2-1.4x one big fsync'd file, against 1.7x with
// fsync right after each write). Files are closed after writing and reopened to sync, so
// a put of any size holds one descriptor at a time.
export class FileChunkStore implements ChunkStore {
  readonly root: string;
  private readonly chunksDir: string;
  private readonly tmpDir: string;
  private readonly fanouts = new Set<string>();

  constructor(root: string) {
    const layout = storeLayout(root);
    this.root = root;
    this.chunksDir = layout.chunks;
    this.tmpDir = layout.tmp;
  }

  has(hash: string, size: number): boolean {
    const st = fs.statSync(path.join(this.root, chunkRelPath(hash)), { throwIfNoEntry: false });
    return st !== undefined && st.isFile() && st.size === size;
  }

  put(chunks: readonly ChunkWrite[]): number {
    const dirs = new Set<string>();
    const staged: { tmp: string | null; chunk: ChunkWrite }[] = [];
    let newFanout = false;
    let written = 0;
    try {
      for (const chunk of chunks) {
        const tmp = path.join(this.tmpDir, tempName());
        const fd = openPrivate(tmp, 'wx');
        staged.push({ tmp, chunk });
        try {
          writeAll(fd, chunk.bytes);
        } finally {
          fs.closeSync(fd);
        }
        // The bytes may alias memory the script could change during the
        // write: an address whose file holds other bytes would poison every
        // later checkpoint that dedups against it. Re-hash after writing.
        if (hashChunk(chunk.bytes) !== chunk.hash) {
          throw new ChkptError(ErrorCode.WRITE_FAILED, `The bytes of chunk ${chunk.hash} changed while being written.`, {
            hash: chunk.hash, reason: 'changed-during-write',
          });
        }
      }
      for (const s of staged) {
        const fd = fs.openSync(s.tmp!, 'r+');
        try {
          fs.fdatasyncSync(fd);
        } finally {
          fs.closeSync(fd);
        }
        const final = path.join(this.root, chunkRelPath(s.chunk.hash));
        const dir = path.dirname(final);
        if (this.ensureDir(dir)) newFanout = true;
        fs.renameSync(s.tmp!, final);
        s.tmp = null;
        dirs.add(dir);
        written += s.chunk.bytes.byteLength;
      }
    } finally {
      for (const s of staged) if (s.tmp !== null) removeQuietly(s.tmp);
    }
    for (const dir of dirs) fsyncDir(dir);
    if (newFanout) fsyncDir(this.chunksDir);
    return written;
  }

  get(hash: string, size: number, into?: Uint8Array): Uint8Array {
    const target = into ?? new Uint8Array(size);
    let fd: number;
    try {
      fd = fs.openSync(path.join(this.root, chunkRelPath(hash)), 'r');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
        throw new ChkptError(ErrorCode.MISSING_CHUNK, `Chunk ${hash} is missing from the store.`, { hash }, { cause: err });
      }
      throw err;
    }
    try {
      const n = readAll(fd, target);
      if (n !== size || fs.fstatSync(fd).size !== size) {
        throw new ChkptError(ErrorCode.INTEGRITY, `Chunk ${hash} has the wrong size (expected ${size} bytes).`, { hash, size });
      }
    } finally {
      fs.closeSync(fd);
    }
    return target;
  }

  delete(hash: string): void {
    fs.rmSync(path.join(this.root, chunkRelPath(hash)), { force: true });
  }

  *list(): Iterable<{ hash: string; size: number }> {
    for (const fan of safeReaddir(this.chunksDir)) {
      if (!/^[0-9a-f]{2}$/.test(fan)) continue;
      for (const name of safeReaddir(path.join(this.chunksDir, fan))) {
        const hash = fan + name;
        if (!isChunkHash(hash)) continue;
        const st = fs.statSync(path.join(this.chunksDir, fan, name), { throwIfNoEntry: false });
        if (st?.isFile()) yield { hash, size: st.size };
      }
    }
  }

  /** Makes sure a fan-out directory exists; true when it had to be created. */
  private ensureDir(dir: string): boolean {
    if (this.fanouts.has(dir)) return false;
    let created = false;
    try {
      fs.mkdirSync(dir, { mode: 0o700 });
      fs.chmodSync(dir, 0o700);
      created = true;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    this.fanouts.add(dir);
    return created;
  }
}

function removeQuietly(file: string): void {
  try {
    fs.rmSync(file, { force: true });
  } catch {
    // Left for gc's temp sweep; the original error matters more.
  }
}

function safeReaddir(dir: string): string[] {
  try {
    return fs.readdirSync(dir);
  } catch {
    return [];
  }
}

/** Creates the chunk and temp directories of a store. */
export function ensureChunkDirs(root: string): void {
  const layout = storeLayout(root);
  mkdirPrivate(layout.chunks);
  mkdirPrivate(layout.tmp);
}
