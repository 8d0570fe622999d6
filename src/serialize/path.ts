// Paths in ledger entries and findLarge results, written as JavaScript would
// reach the value: `state.onTick`, `rows[3].sock`, `m.get("k")`, `o["odd key"]`.
import { JSONStringify, StringPrototypeCharCodeAt } from './primordials.js';

function isIdentifier(key: string): boolean {
  const n = key.length;
  if (n === 0) return false;
  for (let i = 0; i < n; i++) {
    const c = StringPrototypeCharCodeAt(key, i);
    const letter = (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x5f || c === 0x24;
    if (!letter && (i === 0 || c < 0x30 || c > 0x39)) return false;
  }
  return true;
}

function isIndex(key: string): boolean {
  const n = key.length;
  if (n === 0 || n > 10 || (n > 1 && StringPrototypeCharCodeAt(key, 0) === 0x30)) return false;
  for (let i = 0; i < n; i++) {
    const c = StringPrototypeCharCodeAt(key, i);
    if (c < 0x30 || c > 0x39) return false;
  }
  return true;
}

/** `.key`, `[3]` or `["odd key"]`. */
export function propLabel(key: string): string {
  if (isIdentifier(key)) return `.${key}`;
  if (isIndex(key)) return `[${key}]`;
  return `[${JSONStringify(key)}]`;
}

/** A Map key as it would be written in `.get(...)`. */
export function keyText(key: unknown): string {
  switch (typeof key) {
    case 'string': return JSONStringify(key);
    case 'bigint': return `${key}n`;
    case 'number': case 'boolean': case 'undefined': return `${key}`;
    case 'symbol': return '<symbol>';
    case 'function': return '<function>';
    default: return key === null ? 'null' : '<object>';
  }
}
