// `chkpt export <checkpoint> <variable> --format <f> [-o file]`: one value to
// a file numpy, pandas, polars or DuckDB opens. Streams: memory stays bounded
// whatever the size of the array.
import type { ExportResult } from '../../api/open.js';
import { pickFormat } from '../../api/export/formats.js';
import { ChkptError, ErrorCode } from '../../shared/errors.js';
import { bytesText } from '../format/units.js';
import { type JsonOption, type StoreOption, print, printJson, withStore } from './common.js';

export interface ExportOptions extends StoreOption, JsonOption {
  format?: string;
  out?: string;
}

const BINARY = new Set(['npy', 'arrow', 'parquet', 'raw']);

function isBrokenPipe(err: unknown): boolean {
  return (err as NodeJS.ErrnoException | undefined)?.code === 'EPIPE';
}

/** Exports the value at `path` in checkpoint `ref`. */
export async function exportCommand(ref: string, path: string, opts: ExportOptions): Promise<void> {
  const format = pickFormat(opts.format, opts.out);
  if (!opts.out && BINARY.has(format) && process.stdout.isTTY) {
    throw new ChkptError(ErrorCode.BAD_OPTION, `${format} is binary: pass -o <file>, or pipe the output into a file or a program.`, { option: 'out', format });
  }
  let result: ExportResult | undefined;
  await withStore(opts, async (store) => {
    const cp = store.checkpoint(ref);
    try {
      result = await cp.export(path, { format, to: opts.out ?? process.stdout });
    } catch (err) {
      // `chkpt export ... | head`: the reader left; that is not an error.
      if (!isBrokenPipe(err)) throw err;
    }
  });
  if (!opts.out || !result) return;
  if (opts.json) printJson(result);
  else print([`wrote ${result.file} (${format}, ${bytesText(result.bytes)})`]);
}
