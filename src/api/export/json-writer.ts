// Streaming JSON of any decoded value, with an explicit stack (a deeply
// nested value cannot overflow the call stack) and text written in batches.
// What JSON has no word for: typed arrays and Sets become arrays, Maps
// objects (or [key, value] pairs when a key is not a string), Dates ISO
// strings, bigints bare integers, NaN and infinities null, a cycle the
// string "[Circular]".
import type { Sink } from './sink.js';
import type { NumericSource } from '../numeric.js';

type Frame = { close: string; entries: Iterator<[string | undefined, unknown]>; first: boolean; value: object };

/** JSON text of a primitive (or Date, RegExp); undefined when the value is a container or has no JSON form. */
function scalar(v: unknown): string | undefined | null {
  switch (typeof v) {
    case 'string': return JSON.stringify(v);
    case 'number': return Number.isFinite(v) ? String(v) : 'null';
    case 'bigint': return v.toString();
    case 'boolean': return v ? 'true' : 'false';
    case 'undefined': case 'function': case 'symbol': return null;
    default:
      if (v === null) return 'null';
      if (v instanceof Date) return Number.isNaN(v.getTime()) ? 'null' : JSON.stringify(v.toISOString());
      if (v instanceof RegExp) return JSON.stringify(String(v));
      return undefined;
  }
}

function* indexed(list: ArrayLike<unknown>): Iterator<[undefined, unknown]> {
  for (let i = 0; i < list.length; i++) yield [undefined, list[i]];
}

function* keyed(entries: Iterable<[string, unknown]>): Iterator<[string, unknown]> {
  yield* entries;
}

/** How a container is opened: its brackets and its entries (key undefined for array items). */
function open(v: object): Omit<Frame, 'first' | 'value'> & { open: string } {
  if (Array.isArray(v)) return { open: '[', close: ']', entries: indexed(v) };
  if (ArrayBuffer.isView(v)) {
    const list = v instanceof DataView ? new Uint8Array(v.buffer, v.byteOffset, v.byteLength) : v as unknown as ArrayLike<unknown>;
    return { open: '[', close: ']', entries: indexed(list) };
  }
  if (v instanceof ArrayBuffer || v instanceof SharedArrayBuffer) return { open: '[', close: ']', entries: indexed(new Uint8Array(v)) };
  if (v instanceof Set) return { open: '[', close: ']', entries: indexed([...v]) };
  if (v instanceof Map) {
    if ([...v.keys()].every((k) => typeof k === 'string')) return { open: '{', close: '}', entries: keyed(v as Map<string, unknown>) };
    return { open: '[', close: ']', entries: indexed([...v.entries()]) };
  }
  if (v instanceof Error) {
    const fields: [string, unknown][] = [['name', v.name], ['message', v.message], ...Object.entries(v)];
    if (v.stack) fields.push(['stack', v.stack]);
    return { open: '{', close: '}', entries: keyed(fields) };
  }
  return { open: '{', close: '}', entries: keyed(Object.entries(v)) };
}

/** Writes `value` as JSON to `sink` (compact, no newline). */
export async function writeJson(value: unknown, sink: Sink): Promise<void> {
  const first = scalar(value);
  if (first !== undefined) return sink.text(first ?? 'null');
  const stack: Frame[] = [];
  const onPath = new Set<object>();
  const push = (v: object): void => {
    const o = open(v);
    onPath.add(v);
    stack.push({ close: o.close, entries: o.entries, first: true, value: v });
    pending += o.open;
  };
  let pending = '';
  push(value as object);
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    const next = top.entries.next();
    if (next.done) {
      pending += top.close;
      onPath.delete(top.value);
      stack.pop();
    } else {
      const [key, v] = next.value;
      const text = scalar(v);
      // An object's property with no JSON form is left out, as JSON.stringify does.
      if (text === null && key !== undefined) continue;
      if (!top.first) pending += ',';
      top.first = false;
      if (key !== undefined) pending += `${JSON.stringify(key)}:`;
      if (text !== undefined) pending += text ?? 'null';
      else if (onPath.has(v as object)) pending += '"[Circular]"';
      else push(v as object);
    }
    if (pending.length >= 16384) {
      await sink.text(pending);
      pending = '';
    }
  }
  await sink.text(pending);
}

/** Writes a numeric array as one JSON array, chunk by chunk. */
export async function writeJsonNumbers(source: NumericSource, sink: Sink): Promise<void> {
  await sink.text('[');
  let first = true;
  for await (const chunk of source.chunks()) {
    const step = 8192;
    for (let i = 0; i < chunk.length; i += step) {
      const part = Array.from(chunk.subarray(i, i + step) as ArrayLike<number | bigint>, (x) => scalar(x)!);
      await sink.text((first ? '' : ',') + part.join(','));
      first = false;
    }
  }
  await sink.text(']');
}
