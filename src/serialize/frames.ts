// The encoder's frames: one per container being written, holding where its
// children are (array elements read lazily, or a region of the value stack)
// and enough to name the child being written in a ledger path.
import { keyText, propLabel } from './path.js';

export const FRAME_PROPS = 0;
export const FRAME_ARRAY = 1;
export const FRAME_MAP = 2;
export const FRAME_SET = 3;

const NO_KEYS: readonly string[] = [];

/** A container being written: elements `i < n` read lazily (arrays), then the value-stack slots `[start, start + count)`. */
export class Frame {
  kind = FRAME_PROPS;
  obj: object | null = null;
  i = 0;
  n = 0;
  start = 0;
  j = 0;
  count = 0;
  /** How many leading slots are Map entries (key, value, ...) or Set values; property values follow. */
  entries = 0;
  /** Property names of the slots after `entries`. */
  keys: readonly string[] = NO_KEYS;
}

/** How the child of `f` being written is reached from `f`: `[3]`, `.name`, `.get("k")`, ... */
export function frameLabel(f: Frame, vals: readonly unknown[]): string {
  if (f.kind === FRAME_ARRAY && f.j === 0) return `[${f.i - 1}]`;
  const p = f.j - 1;
  if (p >= f.entries) return propLabel(f.keys[p - f.entries]!);
  if (f.kind === FRAME_SET) return `.values()[${p}]`;
  return p % 2 === 1 ? `.get(${keyText(vals[f.start + p - 1])})` : `.keys()[${p / 2}]`;
}
