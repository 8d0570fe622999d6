// Walking the rest of a variable path through a decoded value. Only own data
// properties are read: a re-linked class's getters never run here.
import { ChkptError, ErrorCode } from '../shared/errors.js';
import { nearestText } from './nearest.js';
import { type Step, stepText } from './var-path.js';

function ownValue(o: object, key: string): { found: boolean; value?: unknown } {
  const d = Object.getOwnPropertyDescriptor(o, key);
  return d && 'value' in d ? { found: true, value: d.value } : { found: false };
}

function kindOf(v: unknown): string {
  if (v === null) return 'null';
  if (typeof v !== 'object') return typeof v;
  if (Array.isArray(v)) return `an Array of ${v.length}`;
  if (ArrayBuffer.isView(v) && !(v instanceof DataView)) return `a ${v.constructor.name} of ${(v as unknown as { length: number }).length}`;
  if (v instanceof Map) return `a Map of ${v.size}`;
  if (v instanceof Set) return `a Set of ${v.size}`;
  return 'an object';
}

function step(value: unknown, s: Step): { found: boolean; value?: unknown; why?: string; keys?: string[] } {
  if (typeof value === 'string' && s.kind === 'index') {
    return s.index < value.length ? { found: true, value: value[s.index] } : { found: false, why: `has ${value.length} characters` };
  }
  if (typeof value !== 'object' || value === null) return { found: false, why: `is ${kindOf(value)}` };
  if (value instanceof Map) {
    if (s.kind === 'get' || s.kind === 'prop' || s.kind === 'index') {
      const key = s.kind === 'index' ? s.index : s.key;
      if (value.has(key)) return { found: true, value: value.get(key) };
      if (s.kind === 'index' && value.has(String(key))) return { found: true, value: value.get(String(key)) };
      return { found: false, why: 'has no such key', keys: [...value.keys()].slice(0, 200).map((k) => String(k)) };
    }
  }
  if (s.kind === 'keys' || s.kind === 'values') {
    if (!(value instanceof Map) && !(value instanceof Set)) return { found: false, why: `is ${kindOf(value)}, not a Map or Set` };
    const list = s.kind === 'keys' ? [...value.keys()] : [...value.values()];
    return s.index < list.length ? { found: true, value: list[s.index] } : { found: false, why: `has ${list.length} entries` };
  }
  if (s.kind === 'index') {
    if (value instanceof Set) {
      const list = [...value];
      return s.index < list.length ? { found: true, value: list[s.index] } : { found: false, why: `has ${list.length} entries` };
    }
    const length = Array.isArray(value) || ArrayBuffer.isView(value) ? (value as unknown as { length: number }).length : undefined;
    if (length !== undefined && s.index >= length) return { found: false, why: `has ${length} elements` };
    const got = ownValue(value, String(s.index));
    return got.found ? got : { found: false, why: `has no element ${s.index}` };
  }
  if (s.kind !== 'prop') return { found: false, why: `is ${kindOf(value)}, not a Map` };
  const got = ownValue(value, s.key);
  if (got.found) return got;
  return { found: false, why: `has no property \`${s.key}\``, keys: Object.keys(value).slice(0, 200) };
}

/** The value at `steps` inside `root` (named `rootName`); NOT_FOUND names where the path stops and what is there. */
export function walk(root: unknown, steps: Step[], rootName: string): unknown {
  let value = root;
  let at = rootName;
  for (const s of steps) {
    const r = step(value, s);
    const next = at + stepText(s);
    if (!r.found) {
      const key = s.kind === 'prop' ? s.key : s.kind === 'get' ? String(s.key) : '';
      const hint = r.keys && r.keys.length > 0 ? (nearestText(key, r.keys) || `; it has: ${r.keys.slice(0, 8).join(', ')}`) : '';
      throw new ChkptError(ErrorCode.NOT_FOUND, `\`${next}\` not found: \`${at}\` ${r.why}${hint}.`, { path: next, at, candidates: r.keys ?? [] });
    }
    value = r.value;
    at = next;
  }
  return value;
}
