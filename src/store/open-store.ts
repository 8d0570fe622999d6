// Finding, creating and opening a store directory.
import fs from 'node:fs';
import path from 'node:path';
import { ChkptError, ErrorCode } from '../shared/errors.js';
import { ensureChunkDirs } from './chunk-files.js';
import { CHUNKS_DIR, INDEX_FILE, TEMP_DIR } from './format.js';
import { mkdirPrivate } from './fs-private.js';
import { defaultStoreDir, storeLayout } from './paths.js';
import { parseSize } from './size.js';

export interface OpenOptions {
  /** Size cap (the CLI's --max-store), bytes or a size like `2G`; else $CHKPT_MAX_STORE; else 5 GiB or a quarter of free space. */
  maxBytes?: number | string;
  /** Environment to read CHKPT_HOME, XDG_CACHE_HOME, HOME and CHKPT_MAX_STORE from (default process.env). */
  env?: NodeJS.ProcessEnv;
  /** Create the store when it does not exist (default true). Readers pass false: looking never creates anything, and a missing store is STORE_OPEN with `data.missing` true. */
  create?: boolean;
  /** Enforce the cap after every checkpoint written (default true). */
  autoGc?: boolean;
  /** How long to wait for another process's index transaction (default 20 s). */
  busyTimeoutMs?: number;
  /** Where a chunk missing here is read from (a shared store: src/remote/); kept here once read. */
  fetchChunk?: (hash: string, size: number) => Uint8Array | undefined;
  /** With fetchChunk: told the missing chunks a read takes next, in order, to read them ahead. */
  prefetchChunks?: (hashes: string[]) => void;
}

const OURS = new Set([INDEX_FILE, `${INDEX_FILE}-wal`, `${INDEX_FILE}-shm`, `${INDEX_FILE}-journal`, CHUNKS_DIR, TEMP_DIR]);

/** Resolves the directory and makes sure it is (or may become) a store; creates it 0700 when allowed. */
export function prepareStoreDir(dir: string | undefined, opts: OpenOptions): string {
  const root = path.resolve(dir ?? defaultStoreDir(opts.env ?? process.env));
  const create = opts.create !== false;
  const st = fs.statSync(root, { throwIfNoEntry: false });
  try {
    if (!st) {
      if (!create) throw new ChkptError(ErrorCode.STORE_OPEN, `No chkpt store at ${root}.`, { dir: root, missing: true });
      mkdirPrivate(root);
    } else if (!st.isDirectory()) {
      throw new ChkptError(ErrorCode.STORE_OPEN, `${root} is not a directory; pass a directory for the store.`, { dir: root });
    } else if (!fs.existsSync(storeLayout(root).index)) {
      const foreign = fs.readdirSync(root).filter((name) => !OURS.has(name));
      if (!create) throw new ChkptError(ErrorCode.STORE_OPEN, `No chkpt store at ${root}.`, { dir: root, missing: true });
      // Never scatter a store into a directory that holds other things (`-o .`).
      if (foreign.length > 0) {
        throw new ChkptError(ErrorCode.STORE_OPEN, `${root} is not a chkpt store and is not empty; choose an empty or new directory.`, {
          dir: root, entries: foreign.slice(0, 5),
        });
      }
    }
    if (create) ensureChunkDirs(root);
  } catch (err) {
    if (err instanceof ChkptError) throw err;
    throw new ChkptError(ErrorCode.STORE_OPEN, `Cannot create the store at ${root}: ${(err as Error).message}`, { dir: root }, { cause: err });
  }
  return root;
}

/** The configured cap in bytes, or undefined for the default. */
export function configuredMaxBytes(opts: OpenOptions): number | undefined {
  if (opts.maxBytes !== undefined) return parseSize(opts.maxBytes, 'maxBytes');
  const fromEnv = (opts.env ?? process.env)['CHKPT_MAX_STORE'];
  return fromEnv ? parseSize(fromEnv, 'CHKPT_MAX_STORE') : undefined;
}
