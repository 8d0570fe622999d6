// A decoded value as JSON-friendly data for `--json`, limited in depth and
// items like the tree view: typed arrays give their first elements, bigints
// become strings (`"12n"`), NaN and infinities strings, cycles `"[Circular]"`.
import { className, typeText } from '../../api/preview.js';

export interface JsonPreviewOptions {
  depth?: number;
  items?: number;
  /** Strings longer than this are cut (their length is kept next to them). */
  chars?: number;
}

/** JSON-safe data for `value`, cut to the limits. */
export function jsonPreview(value: unknown, opts: JsonPreviewOptions = {}): unknown {
  const depth = opts.depth ?? 3;
  const items = opts.items ?? 20;
  const chars = opts.chars ?? 200;
  const ancestors: unknown[] = [];
  const go = (v: unknown, level: number): unknown => {
    switch (typeof v) {
      case 'string': return v.length > chars ? { $string: v.slice(0, chars), length: v.length } : v;
      case 'number': return Number.isFinite(v) ? v : String(v);
      case 'bigint': return `${v}n`;
      case 'boolean': return v;
      case 'undefined': return null;
      case 'function': case 'symbol': return String(v);
    }
    if (v === null) return null;
    if (v instanceof Date) return Number.isNaN(v.getTime()) ? 'Invalid Date' : v.toISOString();
    if (v instanceof RegExp) return String(v);
    if (ancestors.includes(v)) return '[Circular]';
    if (ArrayBuffer.isView(v) || v instanceof ArrayBuffer || v instanceof SharedArrayBuffer) {
      const list = v instanceof DataView ? new Uint8Array(v.buffer, v.byteOffset, v.byteLength)
        : ArrayBuffer.isView(v) ? v as unknown as ArrayLike<number | bigint> : new Uint8Array(v as ArrayBuffer);
      return { $type: typeText(v), length: list.length, head: Array.from({ length: Math.min(items, list.length) }, (_, i) => go(list[i], level)) };
    }
    if (level >= depth) return { $type: typeText(v) };
    ancestors.push(v);
    try {
      if (Array.isArray(v)) {
        const out = v.slice(0, items).map((x) => go(x, level + 1));
        if (v.length > items) out.push(`… ${v.length - items} more`);
        return out;
      }
      if (v instanceof Map) return { $type: 'Map', size: v.size, entries: [...v].slice(0, items).map(([k, x]) => [go(k, level + 1), go(x, level + 1)]) };
      if (v instanceof Set) return { $type: 'Set', size: v.size, values: [...v].slice(0, items).map((x) => go(x, level + 1)) };
      const keys = Object.keys(v as object);
      const out: Record<string, unknown> = {};
      const cls = className(v as object);
      if (cls) out['$class'] = cls;
      if (v instanceof Error) (out['name'] = v.name, out['message'] = v.message);
      for (const k of keys.slice(0, items)) out[k] = go((v as Record<string, unknown>)[k], level + 1);
      if (keys.length > items) out['$more'] = keys.length - items;
      return out;
    } finally {
      ancestors.pop();
    }
  };
  return go(value, 0);
}
