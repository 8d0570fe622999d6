// The export formats, what each one takes, and the value an exporter gets.
import { ChkptError, ErrorCode } from '../../shared/errors.js';
import type { NumericSource } from '../numeric.js';
import { typeText } from '../preview.js';
import { asSingleColumn, asTable, type Table } from '../table.js';

export const EXPORT_FORMATS = ['npy', 'json', 'ndjson', 'csv', 'arrow', 'parquet', 'raw'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** File name endings that imply a format when none is given. */
const EXTENSIONS: Record<string, ExportFormat> = {
  '.npy': 'npy', '.json': 'json', '.ndjson': 'ndjson', '.jsonl': 'ndjson', '.csv': 'csv',
  '.arrow': 'arrow', '.feather': 'arrow', '.ipc': 'arrow', '.parquet': 'parquet', '.pq': 'parquet', '.bin': 'raw', '.raw': 'raw',
};

/** What an exporter reads: a numeric array (streamed) or a decoded value, and a name for its column. */
export interface ExportInput {
  /** Column name for one-column outputs: the last part of the variable path. */
  name: string;
  /** The variable path, for messages. */
  label: string;
  /** Set when the value is an array of numbers: exporters stream it. */
  numeric?: NumericSource;
  /** The decoded value (not called for numeric arrays that stream). */
  value: () => unknown;
}

/** The format named `format` (or implied by `file`'s ending); BAD_OPTION lists the formats. */
export function pickFormat(format: string | undefined, file: string | undefined): ExportFormat {
  if (format !== undefined) {
    const f = format.toLowerCase();
    if ((EXPORT_FORMATS as readonly string[]).includes(f)) return f as ExportFormat;
    throw new ChkptError(ErrorCode.BAD_OPTION, `Unknown export format \`${format}\`: use one of ${EXPORT_FORMATS.join(', ')}.`, {
      option: 'format', value: format, formats: [...EXPORT_FORMATS],
    });
  }
  const ext = file ? Object.keys(EXTENSIONS).find((e) => file.toLowerCase().endsWith(e)) : undefined;
  if (ext) return EXTENSIONS[ext]!;
  throw new ChkptError(ErrorCode.BAD_OPTION, `Which format? Pass --format with one of ${EXPORT_FORMATS.join(', ')} (or an -o file ending in .npy, .csv, ...).`, {
    option: 'format', formats: [...EXPORT_FORMATS],
  });
}

/** The input as a table: a table value, or a numeric array or list of plain values as one column. */
export function tableOf(input: ExportInput): Table | undefined {
  const value = input.value();
  return asTable(value) ?? asSingleColumn(value, input.name);
}

/** The formats that fit this input, for error messages. */
export function fittingFormats(input: ExportInput): ExportFormat[] {
  if (input.numeric) return [...EXPORT_FORMATS];
  const value = input.value();
  if (typeof value === 'string') return ['json', 'ndjson', 'raw'];
  if (tableOf(input)) return ['csv', 'arrow', 'parquet', 'json', 'ndjson'];
  return ['json', 'ndjson'];
}

/** BAD_OPTION: this value does not fit this format; names the formats that do. */
export function doesNotFit(input: ExportInput, format: ExportFormat, what: string): ChkptError {
  const fits = fittingFormats(input);
  return new ChkptError(ErrorCode.BAD_OPTION, `\`${input.label}\` cannot be exported as ${format} (${what}): use ${fits.join(', ')}.`, {
    option: 'format', value: format, fits,
  });
}

/** A short description of a decoded value's kind, for messages. */
export function describeKind(value: unknown): string {
  const a = (word: string): string => `${/^[aeiou]/i.test(word) ? 'an' : 'a'} ${word}`;
  if (value === null) return 'null';
  if (typeof value !== 'object') return a(typeof value);
  const table = asTable(value);
  if (table) return table.form === 'records' ? 'an array of records' : table.form === 'rows' ? 'an array of rows' : 'a table of columns';
  if (Array.isArray(value)) return 'an array of mixed values';
  return a(typeText(value));
}
