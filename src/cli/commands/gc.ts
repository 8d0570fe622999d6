// `chkpt gc [--max-store <size>]`: delete the oldest checkpoints until the
// store fits its cap (the newest of each run and crash checkpoints last),
// then every chunk nothing refers to.
import { parseSize } from '../../store/index.js';
import { bytesText, durationText, plural } from '../format/units.js';
import { type JsonOption, type StoreOption, print, printJson, withStore } from './common.js';

export interface GcOptions extends StoreOption, JsonOption {
  maxStore?: string;
}

/** Collects garbage and reports what was freed. */
export async function gcCommand(opts: GcOptions): Promise<void> {
  const maxBytes = opts.maxStore === undefined ? undefined : parseSize(opts.maxStore, '--max-store');
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
