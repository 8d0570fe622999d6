// Data frames held by the script, read back from their decoded fields (no
// library code runs): apache-arrow Tables (schema.fields + batches of Data
// with typed-array buffers) and danfojs DataFrames ($columns + $data).
// Arrow columns of numbers, booleans, strings (plain or dictionary-encoded),
// dates and timestamps are rebuilt; other types become null with a note.

type Obj = Record<string, unknown>;

export interface FrameColumn {
  name: string;
  values: unknown[] | ArrayLike<unknown>;
}

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null;

// apache-arrow's Type enum: the typeIds a checkpoint can hold.
const INT = 2;
const FLOAT = 3;
const UTF8 = 5;
const BOOL = 6;
const DATE = 8;
const TIMESTAMP = 10;
const LARGE_UTF8 = 20;

function bit(bits: unknown, i: number): boolean {
  return bits instanceof Uint8Array && ((bits[i >> 3]! >> (i & 7)) & 1) === 1;
}

function strings(data: Obj, from: number, n: number): string[] {
  const offsets = data['valueOffsets'] as ArrayLike<number | bigint>;
  const bytes = data['values'] as Uint8Array;
  const dec = new TextDecoder();
  return Array.from({ length: n }, (_, j) => dec.decode(bytes.subarray(Number(offsets[from + j]!), Number(offsets[from + j + 1]!))));
}

/** The values of one Data (one column of one batch), or undefined for a type chkpt does not rebuild. */
function dataValues(data: Obj): unknown[] | undefined {
  const type = data['type'] as Obj | undefined;
  const typeId = type?.['typeId'];
  const offset = Number(data['offset'] ?? 0);
  const length = Number(data['length'] ?? 0);
  const values = data['values'];
  let out: unknown[] | undefined;
  const dictionary = data['dictionary'] as Obj | undefined;
  if (isObj(dictionary) && Array.isArray(dictionary['data']) && ArrayBuffer.isView(values)) {
    const words = (dictionary['data'] as Obj[]).flatMap((d) => dataValues(d) ?? []);
    const keys = values as unknown as ArrayLike<number>;
    out = Array.from({ length }, (_, j) => words[Number(keys[offset + j])]);
  } else if ((typeId === INT || typeId === FLOAT || typeId === DATE || typeId === TIMESTAMP) && ArrayBuffer.isView(values)) {
    const list = values as unknown as ArrayLike<unknown>;
    out = Array.from({ length }, (_, j) => list[offset + j]);
  } else if (typeId === BOOL) {
    out = Array.from({ length }, (_, j) => bit(values, offset + j));
  } else if ((typeId === UTF8 || typeId === LARGE_UTF8) && values instanceof Uint8Array) {
    out = strings(data, offset, length);
  }
  const nulls = data['nullBitmap'];
  if (out && nulls instanceof Uint8Array && nulls.byteLength > 0) {
    for (let j = 0; j < length; j++) if (!bit(nulls, offset + j)) out[j] = null;
  }
  return out;
}

function arrowColumns(v: Obj): FrameColumn[] | undefined {
  const schema = v['schema'];
  const batches = v['batches'];
  if (!isObj(schema) || !Array.isArray(schema['fields']) || !Array.isArray(batches)) return undefined;
  const fields = schema['fields'] as unknown[];
  if (!fields.every((f) => isObj(f) && typeof f['name'] === 'string')) return undefined;
  if (!batches.every((b) => isObj(b) && isObj(b['data']) && Array.isArray((b['data'] as Obj)['children']))) return undefined;
  return fields.map((f, i) => {
    const parts = batches.map((b) => ((b as Obj)['data'] as Obj)['children'] as Obj[]).map((children) => children[i]);
    const values: unknown[] = [];
    for (const d of parts) {
      const got = isObj(d) ? dataValues(d) : undefined;
      const n = isObj(d) ? Number(d['length'] ?? 0) : 0;
      if (got) values.push(...got);
      else for (let j = 0; j < n; j++) values.push(null);
    }
    return { name: (f as Obj)['name'] as string, values };
  });
}

function danfoColumns(v: Obj): FrameColumn[] | undefined {
  const names = v['$columns'];
  if (!Array.isArray(names) || !names.every((n) => typeof n === 'string')) return undefined;
  const byColumn = v['$dataIncolumnFormat'];
  if (Array.isArray(byColumn) && byColumn.length === names.length && byColumn.every(Array.isArray)) {
    return names.map((name: string, i) => ({ name, values: byColumn[i] as unknown[] }));
  }
  const rows = v['$data'];
  if (!Array.isArray(rows) || !rows.every(Array.isArray)) return undefined;
  return names.map((name: string, i) => ({ name, values: rows.map((r) => (r as unknown[])[i]) }));
}

/** The columns of a data frame the script held, or undefined when `value` is not one. */
export function frameColumns(value: unknown): FrameColumn[] | undefined {
  if (!isObj(value) || Array.isArray(value)) return undefined;
  return arrowColumns(value) ?? danfoColumns(value);
}
