// Where a store lives and where each file goes inside it.
//
// Worked example: a store at /home/ana/.cache/chkpt holding a chunk whose
// XXH128 is 3f2a9c04d1e85b7760aa19c2e4f0b8d1:
//
//   /home/ana/.cache/chkpt/                     0700
//     index.sqlite (+ -wal, -shm)               0600  runs, checkpoints, variables, small chunks
//     chunks/3f/2a9c04d1e85b7760aa19c2e4f0b8d1  0600  the chunk's bytes, nothing else
//     tmp/1234-9e1c77a0-5d2b0f1a.tmp            0600  a chunk being written by pid 1234
//
// The index refers to chunks by hash only, never by path, so a store can be
// moved, copied or mirrored to object storage (key = the same relative path).
import { createHash } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { ChkptError, ErrorCode } from '../shared/errors.js';
import { CHUNKS_DIR, INDEX_FILE, TEMP_DIR } from './format.js';

const HASH_RE = /^[0-9a-f]{32}$/;

/** The store directory to use when none is given: $CHKPT_HOME, else $XDG_CACHE_HOME/chkpt, else ~/.cache/chkpt. A shared store in $CHKPT_HOME (s3://...): its local store. */
export function defaultStoreDir(env: NodeJS.ProcessEnv = process.env): string {
  const home = env['CHKPT_HOME'];
  if (home && /^s3:\/\//i.test(home)) return remoteCacheDir(home, env);
  if (home) return path.resolve(home);
  return path.join(cacheRoot(env), 'chkpt');
}

/** $XDG_CACHE_HOME, else ~/.cache. */
export function cacheRoot(env: NodeJS.ProcessEnv): string {
  // The XDG spec says a relative XDG_CACHE_HOME is invalid and must be ignored.
  const xdg = env['XDG_CACHE_HOME'];
  if (xdg && path.isAbsolute(xdg)) return xdg;
  return path.join(env['HOME'] || os.homedir(), '.cache');
}

/**
 * The local store of a shared store (`s3://bucket/prefix`): where this
 * machine's runs are written first, and what it has sent.
 * `<cache>/chkpt-remotes/<bucket>-<12 hex digits of sha256(url)>`.
 */
export function remoteCacheDir(url: string, env: NodeJS.ProcessEnv = process.env): string {
  const normal = url.trim().replace(/\/+$/, '');
  const bucket = /^s3:\/\/([^/]+)/i.exec(normal)?.[1] ?? 'bucket';
  return path.join(cacheRoot(env), 'chkpt-remotes', `${bucket.replace(/[^a-z0-9.-]/gi, '_')}-${createHash('sha256').update(normal).digest('hex').slice(0, 12)}`);
}

/** Absolute paths of the parts of the store at `root`. */
export function storeLayout(root: string): { root: string; index: string; chunks: string; tmp: string } {
  return {
    root,
    index: path.join(root, INDEX_FILE),
    chunks: path.join(root, CHUNKS_DIR),
    tmp: path.join(root, TEMP_DIR),
  };
}

/** True when `hash` is a chunk address (32 lowercase hex digits). */
export function isChunkHash(hash: unknown): hash is string {
  return typeof hash === 'string' && HASH_RE.test(hash);
}

/** Path of a chunk relative to the store root: `chunks/<2 hex>/<30 hex>`. */
export function chunkRelPath(hash: string): string {
  // The hash comes from the index, which may be damaged or crafted: never let
  // it name anything outside chunks/.
  if (!isChunkHash(hash)) {
    throw new ChkptError(ErrorCode.INTEGRITY, `Invalid chunk address \`${String(hash).slice(0, 80)}\` in the index.`, { hash });
  }
  return path.join(CHUNKS_DIR, hash.slice(0, 2), hash.slice(2));
}
