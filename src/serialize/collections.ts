// Maps and Sets: their entries are read in one pass when the collection is
// met, with Map.prototype.forEach and Set.prototype.forEach captured at load
// (a script that replaces `forEach`, `entries` or `Symbol.iterator` is never
// called), then the collection's own properties. One callback per entry into
// a list instead of an iterator step: the iterator allocated a result and an
// entry array per entry.
import { writeClassPrefix } from './class-ref.js';
import type { Encoder } from './encoder.js';
import { FRAME_MAP, FRAME_SET } from './frames.js';
import { pushProps } from './props.js';
import {
  MapPrototype, MapPrototypeForEach, MapPrototypeGetSize, ObjectGetOwnPropertyNames, SetPrototype, SetPrototypeForEach,
  SetPrototypeGetSize, list,
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
  const items = list<unknown>();
  let n = 0;
  MapPrototypeForEach(o, (value, key) => {
    items[n++] = key;
    items[n++] = value;
  });
  enc.pushFrame(FRAME_MAP, o, n, start, keys, items);
}

/** Writes a Set (TAG_SET, size, shape); its members, then its property values, follow. */
export function writeSet(enc: Encoder, o: Set<unknown>, proto: object | null): void {
  writeClassPrefix(enc, proto, SetPrototype);
  const size = SetPrototypeGetSize(o);
  enc.out.u8(TAG_SET);
  enc.out.varint(size);
  const start = enc.top;
  const keys = pushProps(enc, o, ObjectGetOwnPropertyNames(o));
  const items = list<unknown>();
  let n = 0;
  SetPrototypeForEach(o, (value) => {
    items[n++] = value;
  });
  enc.pushFrame(FRAME_SET, o, n, start, keys, items);
}
