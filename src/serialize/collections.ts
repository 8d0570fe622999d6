// Maps and Sets: their entries are read with the Map.prototype.forEach and
// Set.prototype.forEach captured at load (a script that replaces `entries` or
// `Symbol.iterator` is never called) and wait on the value stack, followed by
// the collection's own properties.
import { writeClassPrefix } from './class-ref.js';
import type { Encoder } from './encoder.js';
import { FRAME_MAP, FRAME_SET } from './frames.js';
import { pushProps } from './props.js';
import {
  MapPrototype, MapPrototypeForEach, MapPrototypeGetSize, ObjectGetOwnPropertyNames, SetPrototype, SetPrototypeForEach,
  SetPrototypeGetSize,
} from './primordials.js';
import { TAG_MAP, TAG_SET } from './tags.js';

// The encoder whose value stack Map/Set forEach callbacks fill. Module-level
// functions rather than closures: encoding creates no functions.
let filling: Encoder | null = null;

function pushEntry(value: unknown, key: unknown): void {
  const enc = filling!;
  enc.vals[enc.top++] = key;
  enc.vals[enc.top++] = value;
}

function pushMember(value: unknown): void {
  const enc = filling!;
  enc.vals[enc.top++] = value;
}

/** Pushes the entries of a Map (key, value, key, value...) on the value stack, in order. */
function pushMapEntries(enc: Encoder, map: Map<unknown, unknown>): void {
  const outer = filling;
  filling = enc;
  try {
    MapPrototypeForEach(map, pushEntry);
  } finally {
    filling = outer;
  }
}

/** Pushes the members of a Set on the value stack, in order. */
function pushSetMembers(enc: Encoder, set: Set<unknown>): void {
  const outer = filling;
  filling = enc;
  try {
    SetPrototypeForEach(set, pushMember);
  } finally {
    filling = outer;
  }
}

/** Writes a Map (TAG_MAP, size, shape) and queues its entries and properties. */
export function writeMap(enc: Encoder, o: Map<unknown, unknown>, proto: object | null): void {
  writeClassPrefix(enc, proto, MapPrototype);
  const size = MapPrototypeGetSize(o);
  enc.out.u8(TAG_MAP);
  enc.out.varint(size);
  const start = enc.top;
  pushMapEntries(enc, o);
  const keys = pushProps(enc, o, ObjectGetOwnPropertyNames(o));
  enc.pushFrame(FRAME_MAP, o, 0, start, size * 2, keys);
}

/** Writes a Set (TAG_SET, size, shape) and queues its members and properties. */
export function writeSet(enc: Encoder, o: Set<unknown>, proto: object | null): void {
  writeClassPrefix(enc, proto, SetPrototype);
  const size = SetPrototypeGetSize(o);
  enc.out.u8(TAG_SET);
  enc.out.varint(size);
  const start = enc.top;
  pushSetMembers(enc, o);
  const keys = pushProps(enc, o, ObjectGetOwnPropertyNames(o));
  enc.pushFrame(FRAME_SET, o, 0, start, size, keys);
}
