// Binary values on the decoding side: the part table the caller passes is
// checked (ids, kinds, dtypes, lengths) before any part is read, and every
// part's bytes must be exactly as long as the table says.
import { BINARY_KINDS, type BinaryKind, binaryFromBytes, binaryKindNamed } from './binary.js';
import type { Decoder, PartInfo } from './decoder.js';
import { ArrayIsArray, NumberIsSafeInteger, SafeMap, TypedArrayPrototypeGetByteLength, isUint8Array } from './primordials.js';
import type { ByteReader } from './reader.js';

/** The part table by id, after checking every entry. */
export function checkParts(r: ByteReader, infos: readonly PartInfo[]): SafeMap<number, PartInfo> {
  const byId = new SafeMap<number, PartInfo>();
  if (!ArrayIsArray(infos)) r.fail('partsInfo is not an array');
  for (let i = 0; i < infos.length; i++) {
    const info = infos[i];
    if (typeof info !== 'object' || info === null) r.fail(`partsInfo[${i}] is not an object`);
    const { id, kind, dtype, length } = info;
    const k = typeof kind === 'string' ? binaryKindNamed(kind) : undefined;
    if (!NumberIsSafeInteger(id) || id < 0 || byId.has(id)) r.fail(`partsInfo[${i}] has a bad or repeated id`);
    if (k === undefined || k.dtype !== dtype) r.fail(`part ${id} has an unknown kind or a dtype that does not match it`);
    if (!NumberIsSafeInteger(length) || length < 0 || length * k.itemSize > 0x1fffffffffffff) r.fail(`part ${id} has a bad length`);
    byId.set(id, info);
  }
  return byId;
}

/** Looks up and checks the part `id`, and rebuilds its value from the bytes `part(id)` returns. */
export function readPart(dec: Decoder, id: number): unknown {
  const parts = dec.partsById();
  const info = parts.get(id);
  if (info === undefined) dec.r.fail(`reference to missing or already read part ${id}`);
  // The encoder writes each part once (a second reference is a REF): reading
  // one twice would let a small stream make the reader load a big part again and again.
  parts.delete(id);
  const kind = binaryKindNamed(info.kind) as BinaryKind;
  const byteLength = info.length * kind.itemSize;
  const bytes = dec.part(id);
  if (!isUint8Array(bytes) || TypedArrayPrototypeGetByteLength(bytes) !== byteLength) {
    dec.r.fail(`part ${id} does not hold ${byteLength} bytes`);
  }
  return binaryFromBytes(kind, bytes, byteLength, true);
}

/** Reads an inline binary value (kind code, byte length, bytes). */
export function readInlineBinary(dec: Decoder): unknown {
  const kind = BINARY_KINDS[dec.r.varint()];
  if (kind === undefined) dec.r.fail('unknown binary kind');
  const byteLength = dec.r.varint();
  if (byteLength % kind.itemSize !== 0) dec.r.fail('binary length is not a whole number of items');
  return binaryFromBytes(kind, dec.r.bytes(byteLength), byteLength, true);
}
