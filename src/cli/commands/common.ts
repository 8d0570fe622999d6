// What every reading command shares: opening the store (never creating it),
// printing lines or JSON, and the store option's help.
import { open, type ChkptStore } from '../../api/open.js';
import { ChkptError, ErrorCode } from '../../shared/errors.js';
import { type Style, stdoutStyle } from '../format/style.js';

export interface StoreOption {
  store?: string;
}

export interface JsonOption {
  json?: boolean;
}

/** Opens the store for reading; a missing store is one line saying how to make one. */
export async function openForReading(opts: StoreOption): Promise<ChkptStore> {
  try {
    return await open(opts.store);
  } catch (err) {
    if (err instanceof ChkptError && err.code === ErrorCode.STORE_OPEN && /^No chkpt store/.test(err.message)) {
      const dir = String(err.data['dir']);
      throw new ChkptError(ErrorCode.STORE_OPEN, `No chkpt store at ${dir}: run a script with \`chkpt run <script>\` first, or pass --store <dir>.`, {
        dir, empty: true,
      });
    }
    throw err;
  }
}

/** Runs `fn` with the store open, and closes it after. */
export async function withStore<T>(opts: StoreOption, fn: (store: ChkptStore) => Promise<T> | T): Promise<T> {
  const store = await openForReading(opts);
  try {
    return await fn(store);
  } finally {
    store.close();
  }
}

/** Writes lines to stdout. */
export function print(lines: string[]): void {
  if (lines.length > 0) process.stdout.write(lines.join('\n') + '\n');
}

/** Writes `value` as indented JSON to stdout. */
export function printJson(value: unknown): void {
  process.stdout.write(JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v), 2) + '\n');
}

/** The style of stdout, read once per command. */
export function style(): Style {
  return stdoutStyle();
}

/** A time as ISO 8601 for JSON, or null. */
export function isoTime(ms: number | undefined): string | null {
  return ms === undefined ? null : new Date(ms).toISOString();
}
