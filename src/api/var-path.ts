// Variable paths: `model.weights`, `frames[2].locals.x`, `rows[3].name`,
// `m.get("k")`, `o["odd key"]`. A path is resolved by the longest stored
// variable name that prefixes it (capture stores `state.w` on its own when
// it is big); the rest is walked through the decoded value (walk.ts).
import { ChkptError, ErrorCode } from '../shared/errors.js';

/** One step from a value to a value inside it. */
export type Step =
  | { kind: 'prop'; key: string }
  | { kind: 'index'; index: number }
  | { kind: 'get'; key: unknown }
  | { kind: 'keys' | 'values'; index: number };

/** The stored variable name that holds `path` (the longest that prefixes it), and the rest of the path. */
export function splitPath(names: Iterable<string>, path: string): { name: string; rest: string } | undefined {
  let best: string | undefined;
  for (const name of names) {
    if (path !== name && !(path.startsWith(name) && (path[name.length] === '.' || path[name.length] === '['))) continue;
    if (best === undefined || name.length > best.length) best = name;
  }
  return best === undefined ? undefined : { name: best, rest: path.slice(best.length) };
}

function bad(whole: string, pos: number, expected: string): never {
  throw new ChkptError(ErrorCode.BAD_OPTION, `Cannot read the path \`${whole}\` at character ${pos + 1}: expected ${expected}.`, {
    path: whole, position: pos,
  });
}

/** Reads a JSON-like key literal (string, number, true, false, null, 123n) from `s` at `pos`; returns it and the end. */
function readKey(s: string, pos: number, whole: string, offset: number): [unknown, number] {
  const quote = s[pos];
  if (quote === '"' || quote === "'") {
    let end = pos + 1;
    while (end < s.length && s[end] !== quote) end += s[end] === '\\' ? 2 : 1;
    if (end >= s.length) bad(whole, offset + pos, 'a closing quote');
    const body = s.slice(pos + 1, end);
    try {
      return [JSON.parse(quote === '"' ? `"${body}"` : `"${body.replace(/\\'/g, "'").replace(/"/g, '\\"')}"`), end + 1];
    } catch {
      return bad(whole, offset + pos, 'a valid string');
    }
  }
  const m = /^(-?\d+(?:\.\d+)?(?:e[+-]?\d+)?n?|true|false|null)/i.exec(s.slice(pos));
  if (!m) return bad(whole, offset + pos, 'a number or a quoted string');
  const text = m[1]!;
  const key = text === 'true' ? true : text === 'false' ? false : text === 'null' ? null
    : text.endsWith('n') ? BigInt(text.slice(0, -1)) : Number(text);
  return [key, pos + text.length];
}

/** Parses the rest of a path after its variable name (`.a[3].get("k")`) into steps. */
export function parseSteps(rest: string, whole = rest): Step[] {
  const steps: Step[] = [];
  const offset = whole.length - rest.length;
  let pos = 0;
  while (pos < rest.length) {
    const c = rest[pos];
    if (c === '[') {
      if (/\d/.test(rest[pos + 1] ?? '')) {
        const m = /^\d+/.exec(rest.slice(pos + 1))!;
        if (rest[pos + 1 + m[0].length] !== ']') bad(whole, offset + pos + 1 + m[0].length, '`]`');
        steps.push({ kind: 'index', index: Number(m[0]) });
        pos += m[0].length + 2;
      } else {
        const [key, end] = readKey(rest, pos + 1, whole, offset);
        if (rest[end] !== ']') bad(whole, offset + end, '`]`');
        steps.push({ kind: 'prop', key: String(key) });
        pos = end + 1;
      }
    } else if (c === '.') {
      const tail = rest.slice(pos);
      const call = /^\.(keys|values)\(\)\[(\d+)\]/.exec(tail);
      if (call) {
        steps.push({ kind: call[1] as 'keys' | 'values', index: Number(call[2]) });
        pos += call[0].length;
      } else if (tail.startsWith('.get(')) {
        const [key, end] = readKey(rest, pos + 5, whole, offset);
        if (rest[end] !== ')') bad(whole, offset + end, '`)`');
        steps.push({ kind: 'get', key });
        pos = end + 1;
      } else {
        const m = /^\.([^.[]+)/.exec(tail);
        if (!m) bad(whole, offset + pos + 1, 'a property name');
        steps.push({ kind: 'prop', key: m[1]! });
        pos += m[0].length;
      }
    } else {
      bad(whole, offset + pos, '`.` or `[`');
    }
  }
  return steps;
}

/** A step written back as in a path. */
export function stepText(step: Step): string {
  switch (step.kind) {
    case 'prop': return /^[A-Za-z_$][\w$]*$/.test(step.key) ? `.${step.key}` : `[${JSON.stringify(step.key)}]`;
    case 'index': return `[${step.index}]`;
    case 'get': return `.get(${typeof step.key === 'bigint' ? `${step.key}n` : JSON.stringify(step.key)})`;
    default: return `.${step.kind}()[${step.index}]`;
  }
}
