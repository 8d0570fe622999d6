// The encoder's side of the string table (see TABLE_STRING_CHARS in tags.ts):
// every short string written inline takes the next index, as the decoder
// counts them, and a string met again while it is still in the cache is
// written as a reference to its index.
//
// The cache is direct-mapped: a slot chosen from the length and four of the
// string's characters, holding the last string that fell there. A Map keyed
// by string hashed every short string of the graph and cost about 150 ms per
// million during the pause; this costs a few character reads and one
// comparison. A string evicted by another is simply written inline again
// (and takes a new index), which the decoder handles like any other.
import { StringPrototypeCharCodeAt } from './primordials.js';
import { MAX_TABLE_STRINGS } from './tags.js';

const SLOTS = 1 << 14;
const MASK = SLOTS - 1;

// One set of slots for every table: an encode is synchronous and a table
// lives for one encode, so a table owns the slots stamped with its
// generation. Filling sixteen thousand slots per table made every encode of
// a small value cost milliseconds.
const keys: (string | undefined)[] = [];
Reflect.setPrototypeOf(keys, null);
for (let i = 0; i < SLOTS; i++) keys[i] = undefined;
const indexes = new Int32Array(SLOTS);
const stamps = new Int32Array(SLOTS);
let generations = 0;

function nextGeneration(): number {
  if (generations === 0x7fffffff) {
    stamps.fill(0);
    generations = 0;
  }
  return ++generations;
}

export class StringTable {
  private readonly generation = nextGeneration();
  private count = 0;

  /**
   * The index of `s` when it was written before and is still cached (>= 0);
   * otherwise -1, and `s` takes the next index (the caller writes it inline).
   * Only for strings of at most TABLE_STRING_CHARS code units.
   */
  find(s: string): number {
    const n = s.length;
    let h = n;
    if (n > 0) {
      h = h * 31 + StringPrototypeCharCodeAt(s, 0);
      h = h * 31 + StringPrototypeCharCodeAt(s, n - 1);
      h = h * 31 + StringPrototypeCharCodeAt(s, n >> 1);
      h = h * 31 + StringPrototypeCharCodeAt(s, n >> 2);
      h = h * 31 + StringPrototypeCharCodeAt(s, (n * 3) >> 2);
    }
    h = (h ^ (h >>> 13)) & MASK;
    if (stamps[h] === this.generation && keys[h] === s) return indexes[h]!;
    if (this.count >= MAX_TABLE_STRINGS) return -1;
    keys[h] = s;
    stamps[h] = this.generation;
    indexes[h] = this.count++;
    return -1;
  }
}
