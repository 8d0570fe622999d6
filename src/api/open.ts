// `open`: the reading API's entry. Async so that `import { chkpt } from
// 'chkpt'` in a script stays cheap: the store (SQLite, hashing) is loaded
// only when a store is opened. See docs/API.md.
import type { ChkptStore } from './store-handle.js';

export type { ChkptStore } from './store-handle.js';
export type { Checkpoint, ExportOptions, Located } from './checkpoint.js';
export type { ExportFormat, ExportResult } from './export/index.js';
export type { NumericSummary, SummaryOptions } from './stats.js';
export type { DiffOptions, DiffReport, VariableChange } from './diff.js';
export type { NumericSource } from './numeric.js';

export interface OpenReadOptions {
  /** Size cap used by `gc()` when it is given none, and of a shared store's read cache (`500M`, `2G` or bytes); else $CHKPT_MAX_STORE or the default. */
  maxBytes?: number | string;
  /** Environment to find the default store in (CHKPT_HOME, XDG_CACHE_HOME, HOME); default process.env. */
  env?: NodeJS.ProcessEnv;
  /** Directory that script paths in references are relative to; default process.cwd(). */
  cwd?: string;
}

/**
 * Opens an existing store for reading: `dir`, else $CHKPT_HOME, else the
 * shared cache. Never creates one (STORE_OPEN when there is none). A shared
 * store in object storage (`s3://bucket/prefix`) is read through this
 * machine's local store for it (docs/FORMAT.md, "Shared store").
 */
export async function open(dir?: string, opts: OpenReadOptions = {}): Promise<ChkptStore> {
  const env = opts.env ?? process.env;
  const where = dir ?? env['CHKPT_HOME'];
  if (where !== undefined && /^s3:\/\//i.test(where)) {
    // A shared store: its index copied into this machine's local store for it, its chunks read when needed.
    const [{ openShared }, { ChkptStore: Handle }] = await Promise.all([import('../remote/shared-reader.js'), import('./store-handle.js')]);
    const shared = await openShared(where, env, opts.maxBytes);
    return new Handle(shared.store, opts.cwd, () => shared.close());
  }
  const [{ openStore }, { ChkptStore: Handle }] = await Promise.all([import('../store/index.js'), import('./store-handle.js')]);
  const store = openStore(dir, {
    create: false, autoGc: false,
    ...(opts.maxBytes !== undefined ? { maxBytes: opts.maxBytes } : {}),
    ...(opts.env ? { env: opts.env } : {}),
  });
  return new Handle(store, opts.cwd);
}
