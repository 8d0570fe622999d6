// Stores built through the store API for the reading-API tests: runs with
// chosen ids, scripts and times, values encoded by the real encoder.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { encodeValue } from '../../src/serialize/index.js';
import { openStore, type Store } from '../../src/store/index.js';
import type { Trigger } from '../../src/shared/encoded.js';

export interface TempStore {
  dir: string;
  store: Store;
  cleanup(): void;
}

/** A new store in a temp folder (closed and removed by cleanup). */
export function tempStore(): TempStore {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'chkpt-api-'));
  const dir = path.join(root, 'store');
  const store = openStore(dir, { autoGc: false });
  return { dir, store, cleanup: () => (store.close(), fs.rmSync(root, { recursive: true, force: true })) };
}

/** Writes a checkpoint of `values` (name -> value) with the real encoding; returns its id. */
export function checkpoint(store: Store, runId: string, values: Record<string, unknown>, opts: { trigger?: Trigger; time?: number; failed?: string } = {}): number {
  return store.writeCheckpoint(runId, {
    trigger: opts.trigger ?? 'api',
    ...(opts.time !== undefined ? { time: opts.time } : {}),
    ...(opts.failed ? { failed: opts.failed } : {}),
    variables: opts.failed ? [] : Object.entries(values).map(([name, value]) => ({ name, scope: 'module' as const, encoded: encodeValue(value, { path: name }) })),
  }).id;
}
