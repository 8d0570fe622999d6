// JSON and newline-delimited JSON. Arrays of numbers stream; ndjson writes
// one line per element of an array (or per row of a columnar table, per
// entry of a Map or Set), one line for anything else.
import { asTable } from '../table.js';
import type { ExportInput } from './formats.js';
import { writeJson, writeJsonNumbers } from './json-writer.js';
import type { Sink } from './sink.js';

/** Writes the value as one JSON document, ending in a newline. */
export async function exportJson(input: ExportInput, sink: Sink): Promise<void> {
  if (input.numeric) await writeJsonNumbers(input.numeric, sink);
  else await writeJson(input.value(), sink);
  await sink.text('\n');
}

function* rowsOf(value: unknown): Iterable<unknown> {
  const table = asTable(value);
  if (table && table.form === 'columns') {
    for (let i = 0; i < table.rowCount; i++) {
      const row: Record<string, unknown> = {};
      for (const c of table.columns) row[c.name] = c.values[i];
      yield row;
    }
  } else if (Array.isArray(value) || value instanceof Set) {
    yield* value;
  } else if (value instanceof Map) {
    yield* value.entries();
  } else if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    yield* value as unknown as Iterable<unknown>;
  } else {
    yield value;
  }
}

/** Writes one JSON value per line. */
export async function exportNdjson(input: ExportInput, sink: Sink): Promise<void> {
  if (input.numeric) {
    for await (const chunk of input.numeric.chunks()) {
      for (let i = 0; i < chunk.length; i += 8192) {
        const part = Array.from(chunk.subarray(i, i + 8192) as ArrayLike<number | bigint>, (x) =>
          (typeof x === 'bigint' ? x.toString() : Number.isFinite(x) ? String(x) : 'null'));
        await sink.text(part.join('\n') + '\n');
      }
    }
    return;
  }
  for (const row of rowsOf(input.value())) {
    await writeJson(row, sink);
    await sink.text('\n');
  }
}
