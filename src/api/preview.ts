// One-line previews of decoded values, for diffs, trees and tables:
// `Float64Array(1000) [0.1, 0.2, …]`, `"a long str…" (600 chars)`, `Model {…}`.
import { CLASS_SYMBOL } from '../serialize/index.js';
import type { ClassRef } from '../shared/encoded.js';

/** The class an instance was, from a re-linked prototype or the decoder's mark. */
export function className(value: object): string | undefined {
  const mark = (value as Record<symbol, ClassRef | undefined>)[CLASS_SYMBOL];
  if (mark?.name) return mark.name;
  const proto = Object.getPrototypeOf(value) as object | null;
  if (proto === null || proto === Object.prototype) return undefined;
  const ctor = Object.getOwnPropertyDescriptor(proto, 'constructor')?.value as { name?: unknown } | undefined;
  return typeof ctor?.name === 'string' && ctor.name !== '' ? ctor.name : undefined;
}

/** A number as people read it: integers whole, others to 6 significant digits. */
export function numberText(x: number | bigint): string {
  if (typeof x === 'bigint') return `${x}n`;
  if (Number.isInteger(x) || !Number.isFinite(x)) return Object.is(x, -0) ? '-0' : String(x);
  const abs = Math.abs(x);
  if (abs >= 1e-4 && abs < 1e15) return String(Number(x.toPrecision(6)));
  return x.toExponential(4).replace(/\.?0+e/, 'e');
}

/** A string shown in about `max` characters (at least a few of its own), with its length when cut. */
export function stringText(s: string, max: number): string {
  const quoted = JSON.stringify(s);
  if (quoted.length <= max) return quoted;
  const suffix = ` (${s.length.toLocaleString('en-US')} chars)`;
  return `${quoted.slice(0, Math.max(8, max - suffix.length - 2))}…"${suffix}`;
}

/** The short type of a value: `Float64Array(1000)`, `Array(3)`, `Map(2)`, `Model`, `object`. */
export function typeText(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value !== 'object') return typeof value;
  if (Array.isArray(value)) return `Array(${value.length})`;
  if (ArrayBuffer.isView(value)) {
    const name = Buffer.isBuffer(value) ? 'Buffer' : value.constructor.name;
    return `${name}(${value instanceof DataView ? value.byteLength : (value as unknown as { length: number }).length})`;
  }
  if (value instanceof ArrayBuffer || value instanceof SharedArrayBuffer) return `${value.constructor.name}(${value.byteLength})`;
  if (value instanceof Map) return `Map(${value.size})`;
  if (value instanceof Set) return `Set(${value.size})`;
  if (value instanceof Date) return 'Date';
  if (value instanceof RegExp) return 'RegExp';
  if (value instanceof Error) return value.name;
  return className(value) ?? 'object';
}

/** A primitive's text, or undefined for containers. */
export function scalarText(value: unknown, max = 60): string | undefined {
  switch (typeof value) {
    case 'string': return stringText(value, max);
    case 'number': case 'bigint': return numberText(value);
    case 'boolean': case 'undefined': return String(value);
    case 'symbol': return String(value);
    case 'function': return '[function]';
    default:
      if (value === null) return 'null';
      if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
      if (value instanceof RegExp) return String(value);
      if (value instanceof Error) return `${value.name}: ${stringText(value.message, max).slice(1, -1)}`;
      return undefined;
  }
}

/** A one-line preview of any value in about `max` characters. */
export function preview(value: unknown, max = 60): string {
  const s = scalarText(value, max);
  if (s !== undefined) return s;
  const obj = value as object;
  const type = typeText(obj);
  let items: string[];
  let keyed = false;
  if (Array.isArray(obj)) items = obj.slice(0, 20).map((v) => short(v));
  else if (ArrayBuffer.isView(obj) && !(obj instanceof DataView)) {
    items = Array.from((obj as unknown as ArrayLike<number | bigint>), (x) => numberText(x)).slice(0, 20);
  } else if (obj instanceof Map) {
    items = [...obj].slice(0, 10).map(([k, v]) => `${short(k)} => ${short(v)}`);
  } else if (obj instanceof Set) items = [...obj].slice(0, 20).map((v) => short(v));
  else if (obj instanceof ArrayBuffer || obj instanceof SharedArrayBuffer || obj instanceof DataView) return type;
  else {
    keyed = true;
    items = Object.entries(obj).slice(0, 10).map(([k, v]) => `${/^[A-Za-z_$][\w$]*$/.test(k) ? k : JSON.stringify(k)}: ${short(v)}`);
  }
  const open = keyed ? '{' : '[';
  const close = keyed ? '}' : ']';
  const head = keyed && type === 'object' ? '' : `${type} `;
  let body = '';
  for (const item of items) {
    const next = body === '' ? item : `${body}, ${item}`;
    if (head.length + next.length + 4 > max) {
      body = body === '' ? '…' : `${body}, …`;
      return `${head}${open}${body}${close}`;
    }
    body = next;
  }
  const total = Array.isArray(obj) || ArrayBuffer.isView(obj) ? (obj as unknown as { length: number }).length
    : obj instanceof Map || obj instanceof Set ? obj.size : Object.keys(obj).length;
  if (total > items.length) body += body === '' ? '…' : ', …';
  return `${head}${open}${body}${close}`;
}

function short(v: unknown): string {
  return scalarText(v, 24) ?? (typeText(v) === 'object' ? '{…}' : `${typeText(v)}`);
}
