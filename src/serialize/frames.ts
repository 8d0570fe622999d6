// The encoder's frames: one per container being written, holding where its
// children are (array elements read lazily, or a region of the value stack)
// and enough to name the child being written in a ledger path.
import { keyText, propLabel } from './path.js';

export const FRAME_PROPS = 0;
export const FRAME_ARRAY = 1;
export const FRAME_MAP = 2;
export const FRAME_SET = 3;
/** An array with no holes: every index below its length is known to be an own property. */
export const FRAME_DENSE_ARRAY = 4;

const NO_KEYS: readonly string[] = [];

/**
 * A container being written: first `n` children read one at a time (array
 * elements, or Map keys and values and Set members from an iterator), then
 * its property values, waiting on the value stack at `[start, start + count)`.
 */
export class Frame {
  kind = FRAME_PROPS;
  obj: object | null = null;
  i = 0;
  n = 0;
  /** A Map's keys and values (alternating) or a Set's members, read in one pass when the frame opens. */
  items: unknown[] | null = null;
  start = 0;
  j = 0;
  count = 0;
  /** Property names of the value-stack slots. */
  keys: readonly string[] = NO_KEYS;
}

/** How the child of `f` being written is reached from `f`: `[3]`, `.name`, `.get("k")`, ... */
export function frameLabel(f: Frame): string {
  if (f.j > 0) return propLabel(f.keys[f.j - 1]!);
  const p = f.i - 1;
  if (f.kind === FRAME_ARRAY || f.kind === FRAME_DENSE_ARRAY) return `[${p}]`;
  if (f.kind === FRAME_SET) return `.values()[${p}]`;
  return p % 2 === 1 ? `.get(${keyText(f.items![p - 1])})` : `.keys()[${p / 2}]`;
}
