// Parquet, written with hyparquet-writer (pure JavaScript, snappy). A
// numeric array streams: one row group per stored chunk, its bytes written
// before the next chunk is read. Loaded only when this format is asked for.
import { ByteWriter, ParquetWriter, type SchemaElement } from 'hyparquet-writer';
import type { NumArray, NumericSource } from '../numeric.js';
import type { Column, ColumnType } from '../table.js';
import { type ExportInput, describeKind, doesNotFit, tableOf } from './formats.js';
import type { Sink } from './sink.js';

const GROUP_ROWS = 100_000;

/** hyparquet-writer's byte writer, emptied into the sink after every row group. */
class SinkWriter extends ByteWriter {
  constructor(private readonly sink: Sink) {
    super(1 << 20);
  }

  flush(): Promise<void> {
    const bytes = this.getBytes();
    this.index = 0;
    return this.sink.binary(bytes);
  }

  override finish(): Promise<void> {
    return this.flush();
  }
}

type Element = Omit<SchemaElement, 'name'>;

/** Schema element of a column type; unsigned and small integers keep their logical type. */
function element(type: ColumnType, nullable: boolean): Element {
  const repetition_type = nullable ? 'OPTIONAL' : 'REQUIRED';
  switch (type) {
    case 'float64': case 'number': return { type: 'DOUBLE', repetition_type };
    case 'float32': return { type: 'FLOAT', repetition_type };
    case 'int32': return { type: 'INT32', repetition_type };
    case 'int8': return { type: 'INT32', converted_type: 'INT_8', repetition_type };
    case 'int16': return { type: 'INT32', converted_type: 'INT_16', repetition_type };
    case 'uint8': return { type: 'INT32', converted_type: 'UINT_8', repetition_type };
    case 'uint16': return { type: 'INT32', converted_type: 'UINT_16', repetition_type };
    case 'uint32': return { type: 'INT32', converted_type: 'UINT_32', repetition_type };
    case 'int64': case 'bigint': return { type: 'INT64', repetition_type };
    case 'uint64': return { type: 'INT64', converted_type: 'UINT_64', repetition_type };
    case 'boolean': return { type: 'BOOLEAN', repetition_type };
    case 'date': return { type: 'INT64', converted_type: 'TIMESTAMP_MILLIS', repetition_type };
    case 'json': return { type: 'BYTE_ARRAY', converted_type: 'JSON', repetition_type: 'OPTIONAL' };
    default: return { type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'OPTIONAL' };
  }
}

/** Values as hyparquet-writer takes them for a type (it range-checks uint32 as plain numbers). */
function data(type: ColumnType, values: ArrayLike<unknown>): ArrayLike<unknown> {
  if (type === 'uint32' || type === 'int8' || type === 'int16' || type === 'uint8' || type === 'uint16') return Array.from(values);
  if (type === 'json') return Array.from(values, (v) => (v === undefined ? null : JSON.parse(JSON.stringify(v, jsonSafe)) as unknown));
  if (ArrayBuffer.isView(values)) return values;
  return Array.from(values, (v) => (v === undefined ? null : v));
}

function jsonSafe(_key: string, v: unknown): unknown {
  return typeof v === 'bigint' ? v.toString() : ArrayBuffer.isView(v) ? Array.from(v as unknown as ArrayLike<number>) : v;
}

/** Writes a table, or a numeric array as a one-column table, as a Parquet file. */
export async function exportParquet(input: ExportInput, sink: Sink): Promise<void> {
  const writer = new SinkWriter(sink);
  if (input.numeric) {
    const source: NumericSource = input.numeric;
    const parquet = new ParquetWriter({ writer, schema: [{ name: 'root', num_children: 1 }, { name: input.name, ...element(source.dtype, false) }] });
    for await (const chunk of source.chunks()) {
      await parquet.write({ columnData: [{ name: input.name, data: data(source.dtype, chunk as NumArray) as never }], rowGroupSize: chunk.length || 1 });
    }
    await parquet.finish();
    return;
  }
  const table = tableOf(input);
  if (!table) throw doesNotFit(input, 'parquet', `it is ${describeKind(input.value())}; parquet writes tables and lists`);
  const columns: Column[] = table.columns;
  const schema: SchemaElement[] = [{ name: 'root', num_children: columns.length }, ...columns.map((c) => ({ name: c.name, ...element(c.type, c.nullable) }))];
  const parquet = new ParquetWriter({ writer, schema });
  await parquet.write({ columnData: columns.map((c) => ({ name: c.name, data: data(c.type, c.values) as never })), rowGroupSize: GROUP_ROWS });
  await parquet.finish();
}
