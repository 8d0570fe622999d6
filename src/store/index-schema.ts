// The index's tables, created on first open. One row per run, checkpoint and
// variable, each carrying `checksum`: XXH3-64 of its other columns (rows.ts),
// because SQLite does not checksum its pages and a flipped byte in the index
// must be reported, never trusted. Chunk lists are JSON arrays of hashes;
// nothing in the index is ever evaluated or imported.
import type Database from 'better-sqlite3';
import { ChkptError, ErrorCode } from '../shared/errors.js';
import { STORE_FORMAT_VERSION } from './format.js';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS runs (
  id TEXT PRIMARY KEY,
  script TEXT NOT NULL,
  argv TEXT NOT NULL,            -- JSON array of strings
  cwd TEXT NOT NULL,
  node_version TEXT NOT NULL,
  pid INTEGER NOT NULL,
  hostname TEXT NOT NULL,
  started_at INTEGER NOT NULL,   -- ms since the epoch
  ended_at INTEGER,
  exit_code INTEGER,
  signal TEXT,
  status TEXT NOT NULL,          -- running | exited | crashed | killed
  parent_id TEXT,
  extra TEXT,                    -- JSON, for what later features need (resume)
  checksum TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS runs_started ON runs (started_at);
CREATE TABLE IF NOT EXISTS checkpoints (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  run_id TEXT NOT NULL,
  n INTEGER NOT NULL,            -- 1, 2, ... within the run
  created_at INTEGER NOT NULL,
  trigger TEXT NOT NULL,
  label TEXT,
  status TEXT NOT NULL,          -- ok | failed
  failure TEXT,
  file TEXT, line INTEGER, col INTEGER, func TEXT,
  var_count INTEGER NOT NULL,
  bytes_total INTEGER NOT NULL,
  bytes_new INTEGER NOT NULL,
  chunks_new INTEGER NOT NULL,
  skipped TEXT NOT NULL,         -- JSON ledger: [{path, type, size, reason}]
  extra TEXT,
  checksum TEXT NOT NULL,
  UNIQUE (run_id, n)
);
CREATE INDEX IF NOT EXISTS checkpoints_time ON checkpoints (created_at, id);
CREATE TABLE IF NOT EXISTS variables (
  checkpoint_id INTEGER NOT NULL,
  idx INTEGER NOT NULL,
  name TEXT NOT NULL,
  scope TEXT NOT NULL,
  frame_index INTEGER,
  frame_function TEXT,
  type TEXT NOT NULL,
  class_name TEXT,
  class_module TEXT,
  shape TEXT,                    -- JSON array of numbers
  byte_size INTEGER NOT NULL,
  meta TEXT NOT NULL,            -- JSON blob ref: {size, chunkSize, chunks: [hash]}
  parts TEXT NOT NULL,           -- JSON: [{id, kind, dtype, length, byteOffset, size, chunkSize, chunks}]
  skipped TEXT NOT NULL,
  checksum TEXT NOT NULL,
  PRIMARY KEY (checkpoint_id, idx)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS chunks (
  hash TEXT PRIMARY KEY,
  size INTEGER NOT NULL,
  data BLOB                      -- the bytes of small chunks; NULL for chunk files
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS checkpoint_chunks (
  hash TEXT NOT NULL,
  checkpoint_id INTEGER NOT NULL,
  PRIMARY KEY (hash, checkpoint_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS checkpoint_chunks_by_checkpoint ON checkpoint_chunks (checkpoint_id);
CREATE TABLE IF NOT EXISTS leases (
  id TEXT PRIMARY KEY,
  pid INTEGER NOT NULL,
  hostname TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS lease_chunks (
  hash TEXT NOT NULL,
  lease_id TEXT NOT NULL,
  PRIMARY KEY (hash, lease_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS lease_chunks_by_lease ON lease_chunks (lease_id);
`;

/** Creates the schema in a new index, or checks the version of an existing one (STORE_VERSION when newer). */
export function ensureSchema(db: Database.Database, where: string): void {
  // IMMEDIATE: two processes opening a new store at once must not both create it.
  db.transaction(() => {
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > STORE_FORMAT_VERSION) {
      throw new ChkptError(
        ErrorCode.STORE_VERSION,
        `The store at ${where} has format version ${version}; this chkpt reads up to ${STORE_FORMAT_VERSION}. Upgrade chkpt or use another --out directory.`,
        { dir: where, version, supported: STORE_FORMAT_VERSION },
      );
    }
    if (version === STORE_FORMAT_VERSION) return;
    if (version !== 0) {
      // No older format has ever been released; a migration goes here when one is.
      throw new ChkptError(ErrorCode.STORE_VERSION, `The store at ${where} has unknown format version ${version}.`, { dir: where, version });
    }
    db.exec(SCHEMA);
    db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)').run('format_version', String(STORE_FORMAT_VERSION));
    db.prepare('INSERT OR IGNORE INTO meta (key, value) VALUES (?, ?)').run('created_at', String(Date.now()));
    db.pragma(`user_version = ${STORE_FORMAT_VERSION}`);
  }).immediate();
}
