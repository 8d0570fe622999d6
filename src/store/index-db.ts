// Opening the SQLite index: private file modes, WAL so readers never block
// writers, a busy timeout so several writer processes take turns, and FULL
// sync so a committed checkpoint survives a power loss.
import fs from 'node:fs';
import Database from 'better-sqlite3';
import { ChkptError, ErrorCode } from '../shared/errors.js';
import { BUSY_TIMEOUT_MS } from './format.js';
import { openPrivate } from './fs-private.js';
import { ensureSchema } from './index-schema.js';

/** Opens (creating when allowed) the index at `file` and checks its format version. */
export function openIndex(file: string, opts: { create: boolean; busyTimeoutMs?: number }): Database.Database {
  if (opts.create) {
    // SQLite gives -wal and -shm files the mode of the database file, so
    // creating it 0600 first keeps all three private whatever the umask.
    try {
      fs.closeSync(openPrivate(file, 'wx'));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw openError(file, err);
    }
  } else if (!fs.existsSync(file)) {
    throw new ChkptError(ErrorCode.STORE_OPEN, `No chkpt store index at ${file}.`, { file });
  }
  let db: Database.Database;
  try {
    db = new Database(file, { timeout: opts.busyTimeoutMs ?? BUSY_TIMEOUT_MS, fileMustExist: true });
  } catch (err) {
    throw openError(file, err);
  }
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    ensureSchema(db, file);
  } catch (err) {
    db.close();
    if (err instanceof ChkptError) throw err;
    throw openError(file, err);
  }
  return db;
}

/** Turns an SQLite or file-system error on open into a STORE_OPEN (or INTEGRITY for a damaged index) ChkptError. */
export function openError(file: string, err: unknown): ChkptError {
  const code = (err as { code?: string }).code ?? '';
  if (code === 'SQLITE_CORRUPT') {
    return new ChkptError(ErrorCode.INTEGRITY, `The store index ${file} is damaged (${String(err)}).`, { file }, { cause: err });
  }
  const why = code === 'SQLITE_NOTADB' ? 'it is not a chkpt index' : String((err as Error).message ?? err);
  return new ChkptError(ErrorCode.STORE_OPEN, `Cannot open the store index ${file}: ${why}.`, { file, cause: code }, { cause: err });
}
