// `chkpt gc [--max-store <size>]`: delete the oldest checkpoints until the
// store fits its cap (the newest of each run and crash checkpoints last),
// then every chunk nothing refers to.
import { DEFAULT_MAX_BYTES, parseSize } from '../../store/index.js';
import { ChkptError, ErrorCode } from '../../shared/errors.js';
import { bytesText, durationText, plural } from '../format/units.js';
import { type JsonOption, type StoreOption, print, printJson, withStore } from './common.js';

/** A shared store's chunks that no checkpoint names are kept this long (a push in flight sends its manifest last). */
const DEFAULT_GRACE_MS = 3_600_000;

export interface GcOptions extends StoreOption, JsonOption {
  maxStore?: string;
  grace?: string;
}

/** Collects garbage and reports what was freed. */
export async function gcCommand(opts: GcOptions): Promise<void> {
  const maxBytes = opts.maxStore === undefined ? undefined : parseSize(opts.maxStore, '--max-store');
  const shared = opts.store ?? process.env['CHKPT_HOME'];
  if (shared !== undefined && /^s3:\/\//i.test(shared)) return gcShared(shared, maxBytes, opts);
  await withStore(opts, (store) => {
    const started = performance.now();
    const report = store.gc(maxBytes === undefined ? {} : { maxBytes });
    const ms = performance.now() - started;
    if (opts.json) return printJson({ dir: store.dir, ...report, ms: Math.round(ms) });
    const freed = Math.max(0, report.bytesBefore - report.bytesAfter);
    print([
      `deleted ${plural(report.checkpointsDeleted.length, 'checkpoint')} and ${plural(report.chunksDeleted, 'chunk')}, freed ${bytesText(freed)} in ${durationText(ms)}`,
      `store ${store.dir}: ${bytesText(report.bytesAfter)} of ${bytesText(report.maxBytes)}`,
    ]);
  });
}

/** `0`, `90s`, `10m`, `2h` (a bare number: seconds) as ms. */
function parseGrace(value: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h)?\s*$/.exec(value);
  if (!m) throw new ChkptError(ErrorCode.BAD_OPTION, `Expected \`--grace\` to be a time like 90s, 10m or 2h, got \`${value}\`.`, { option: 'grace', value });
  return Math.round(Number(m[1]) * { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[m[2] ?? 's']!);
}

/** A shared store: its own objects, by its cap (--max-store, else $CHKPT_MAX_STORE, else 5 GiB). */
async function gcShared(url: string, maxBytes: number | undefined, opts: GcOptions): Promise<void> {
  const { RemoteStore } = await import('../../remote/remote-store.js');
  const { gcRemote } = await import('../../remote/gc.js');
  const cap = maxBytes ?? (process.env['CHKPT_MAX_STORE'] ? parseSize(process.env['CHKPT_MAX_STORE'], 'CHKPT_MAX_STORE') : DEFAULT_MAX_BYTES);
  const grace = opts.grace === undefined ? DEFAULT_GRACE_MS : parseGrace(opts.grace);
  const remote = new RemoteStore(url);
  try {
    const started = performance.now();
    const report = await gcRemote(remote, cap, grace);
    const ms = performance.now() - started;
    if (opts.json) return printJson({ ...report, ms: Math.round(ms) });
    print([
      `deleted ${plural(report.checkpointsDeleted.length, 'checkpoint')} and ${plural(report.chunksDeleted, 'chunk')}, freed ${bytesText(report.bytesBefore - report.bytesAfter)} in ${durationText(ms)}`,
      `store ${report.url}: ${bytesText(report.bytesAfter)} of ${bytesText(report.maxBytes)}`,
    ]);
  } finally {
    remote.close();
  }
}
