// Shapes: the ordered property names (and which are non-enumerable) shared by
// many objects, written once and then referred to by number, so an array of a
// million `{id, x, y, tag}` records spells its four names once.
import { SafeMap, list } from './primordials.js';
import type { ByteWriter } from './writer.js';

/** Cached shapes are capped; past this, new shapes are still written, just not reused. */
const MAX_CACHED = 1 << 16;

/** One shape: property names in order and, when some are non-enumerable, a flag per name. */
export interface Shape {
  readonly id: number;
  readonly keys: readonly string[];
  readonly hidden: Uint8Array | null;
}

const EMPTY_KEYS: readonly string[] = [];

function same(s: Shape, keys: readonly string[], hidden: Uint8Array | null): boolean {
  const n = keys.length;
  if (s.keys.length !== n) return false;
  for (let i = 0; i < n; i++) if (s.keys[i] !== keys[i]) return false;
  if (s.hidden === null || hidden === null) return s.hidden === hidden;
  for (let i = 0; i < n; i++) if (s.hidden[i] !== hidden[i]) return false;
  return true;
}

/** The encoder's shape table. */
export class ShapeTable {
  private readonly byFirst = new SafeMap<string, Shape[]>();
  private empty: Shape | null = null;
  private last: Shape | null = null;
  private next = 0;
  private cached = 0;

  /** Writes a reference to the shape of `keys`; the first time, the definition follows the reference. */
  write(out: ByteWriter, keys: readonly string[], hidden: Uint8Array | null): void {
    const last = this.last;
    if (last !== null && same(last, keys, hidden)) {
      out.varint(last.id);
      return;
    }
    const found = this.find(keys, hidden);
    if (found !== undefined) {
      this.last = found;
      out.varint(found.id);
      return;
    }
    const shape: Shape = { id: this.next++, keys: keys.length === 0 ? EMPTY_KEYS : keys, hidden };
    this.remember(shape);
    this.last = shape;
    out.varint(shape.id);
    out.varint(keys.length);
    for (let i = 0; i < keys.length; i++) {
      out.u8(hidden === null ? 0 : hidden[i]!);
      out.string(keys[i]!);
    }
  }

  private find(keys: readonly string[], hidden: Uint8Array | null): Shape | undefined {
    if (keys.length === 0) return hidden === null && this.empty !== null ? this.empty : undefined;
    const candidates = this.byFirst.get(keys[0]!);
    if (candidates === undefined) return undefined;
    for (let i = 0; i < candidates.length; i++) if (same(candidates[i]!, keys, hidden)) return candidates[i];
    return undefined;
  }

  private remember(shape: Shape): void {
    if (shape.keys.length === 0) {
      if (shape.hidden === null) this.empty = shape;
      return;
    }
    if (this.cached >= MAX_CACHED) return;
    this.cached++;
    const first = shape.keys[0]!;
    let candidates = this.byFirst.get(first);
    if (candidates === undefined) {
      candidates = list<Shape>();
      this.byFirst.set(first, candidates);
    }
    candidates[candidates.length] = shape;
  }
}
