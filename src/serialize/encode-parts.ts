// Binary values on the encoding side: small ones are copied inline into the
// meta stream, big ones become parts whose bytes are a view over the value's
// own memory (no copy).
import type { BinaryView } from './binary.js';
import type { Encoder } from './encoder.js';
import { TAG_INLINE_BINARY, TAG_PART } from './tags.js';

/** Writes a binary value inline (small) or as a part whose bytes alias the value's memory. */
export function writeBinary(enc: Encoder, view: BinaryView): void {
  const out = enc.out;
  if (view.byteLength < enc.options.minPartBytes) {
    out.u8(TAG_INLINE_BINARY);
    out.varint(view.kind.code);
    out.varint(view.byteLength);
    out.bytes(view.bytes, view.byteLength);
    return;
  }
  const id = enc.parts.length;
  const k = view.kind;
  enc.parts[id] = { id, kind: k.name, dtype: k.dtype, length: view.length, byteOffset: view.byteOffset, bytes: view.bytes };
  out.u8(TAG_PART);
  out.varint(id);
}
