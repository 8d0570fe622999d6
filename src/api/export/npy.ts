// `.npy` (numpy's format, version 1.0): a small header written by hand, then
// the array's little-endian bytes streamed chunk by chunk from the store, so
// a 2 GiB array exports in a few MiB of memory.
// https://numpy.org/doc/stable/reference/generated/numpy.lib.format.html
import type { NumericSource } from '../numeric.js';
import { type ExportInput, describeKind, doesNotFit } from './formats.js';
import type { Sink } from './sink.js';

const DESCR: Record<NumericSource['dtype'], string> = {
  int8: '|i1', uint8: '|u1', int16: '<i2', uint16: '<u2', int32: '<i4', uint32: '<u4',
  float32: '<f4', float64: '<f8', int64: '<i8', uint64: '<u8',
};

/** The .npy header of a 1-D array: magic, version 1.0, length, and the dict padded to a multiple of 64 bytes. */
export function npyHeader(dtype: NumericSource['dtype'], length: number): Uint8Array {
  const dict = `{'descr': '${DESCR[dtype]}', 'fortran_order': False, 'shape': (${length},), }`;
  const unpadded = 10 + dict.length + 1;
  const text = dict + ' '.repeat((64 - (unpadded % 64)) % 64) + '\n';
  const out = new Uint8Array(10 + text.length);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0], 0); // \x93NUMPY, version 1.0
  new DataView(out.buffer).setUint16(8, text.length, true);
  out.set(Buffer.from(text, 'latin1'), 10);
  return out;
}

/** Writes a numeric array as .npy. */
export async function exportNpy(input: ExportInput, sink: Sink): Promise<void> {
  const source = input.numeric;
  if (!source) throw doesNotFit(input, 'npy', `it is ${describeKind(input.value())}; npy holds arrays of numbers`);
  await sink.binary(npyHeader(source.dtype, source.length));
  for await (const chunk of source.chunks()) {
    await sink.binary(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
  }
}
