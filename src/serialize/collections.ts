// Maps and Sets: their entries are read one at a time, while they are written,
// with the iterators of Map.prototype.entries and Set.prototype.values captured
// at load (a script that replaces `entries`, `next` or `Symbol.iterator` is
// never called), then the collection's own properties.
import { writeClassPrefix } from './class-ref.js';
import type { Encoder } from './encoder.js';
import { FRAME_MAP, FRAME_SET } from './frames.js';
import { pushProps } from './props.js';
import {
  MapPrototype, MapPrototypeEntries, MapPrototypeGetSize, ObjectGetOwnPropertyNames, SetPrototype, SetPrototypeGetSize,
  SetPrototypeValues,
} from './primordials.js';
import { TAG_MAP, TAG_SET } from './tags.js';

/** Writes a Map (TAG_MAP, size, shape); its entries, then its property values, follow. */
export function writeMap(enc: Encoder, o: Map<unknown, unknown>, proto: object | null): void {
  writeClassPrefix(enc, proto, MapPrototype);
  const size = MapPrototypeGetSize(o);
  enc.out.u8(TAG_MAP);
  enc.out.varint(size);
  const start = enc.top;
  const keys = pushProps(enc, o, ObjectGetOwnPropertyNames(o));
  enc.pushFrame(FRAME_MAP, o, size * 2, start, keys, MapPrototypeEntries(o));
}

/** Writes a Set (TAG_SET, size, shape); its members, then its property values, follow. */
export function writeSet(enc: Encoder, o: Set<unknown>, proto: object | null): void {
  writeClassPrefix(enc, proto, SetPrototype);
  const size = SetPrototypeGetSize(o);
  enc.out.u8(TAG_SET);
  enc.out.varint(size);
  const start = enc.top;
  const keys = pushProps(enc, o, ObjectGetOwnPropertyNames(o));
  enc.pushFrame(FRAME_SET, o, size, start, keys, SetPrototypeValues(o));
}
