// Exporting one value to a file or a stream in one of EXPORT_FORMATS. Each
// format's module (and its library: apache-arrow, hyparquet-writer) is
// loaded only when that format is used.
import type { Writable } from 'node:stream';
import type { ExportFormat, ExportInput } from './formats.js';
import { openSink, type Sink } from './sink.js';

export { EXPORT_FORMATS, pickFormat, type ExportFormat, type ExportInput } from './formats.js';

export interface ExportResult {
  format: ExportFormat;
  /** The file written, when the export went to a file. */
  file?: string;
  bytes: number;
}

type Exporter = (input: ExportInput, sink: Sink) => Promise<void>;

async function exporter(format: ExportFormat): Promise<Exporter> {
  switch (format) {
    case 'npy': return (await import('./npy.js')).exportNpy;
    case 'json': return (await import('./json.js')).exportJson;
    case 'ndjson': return (await import('./json.js')).exportNdjson;
    case 'csv': return (await import('./csv.js')).exportCsv;
    case 'arrow': return (await import('./arrow.js')).exportArrow;
    case 'parquet': return (await import('./parquet.js')).exportParquet;
    case 'raw': return (await import('./raw.js')).exportRaw;
  }
}

/** Writes `input` as `format` to a file path or a stream; a file appears only once complete. */
export async function exportInput(input: ExportInput, format: ExportFormat, to: string | Writable): Promise<ExportResult> {
  const write = await exporter(format);
  const sink = await openSink(to);
  try {
    await write(input, sink);
    await sink.end();
  } catch (err) {
    await sink.abort();
    throw err;
  }
  return { format, bytes: sink.bytes, ...(typeof to === 'string' ? { file: to } : {}) };
}
