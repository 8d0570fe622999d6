// Raw bytes: a binary value's little-endian bytes as stored (streamed), or a
// string's UTF-8 bytes.
import { type ExportInput, describeKind, doesNotFit } from './formats.js';
import type { Sink } from './sink.js';

/** Writes the bytes of a numeric or binary value, or of a string. */
export async function exportRaw(input: ExportInput, sink: Sink): Promise<void> {
  if (input.numeric) {
    for await (const chunk of input.numeric.chunks()) await sink.binary(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
    return;
  }
  const value = input.value();
  if (typeof value === 'string') return sink.binary(Buffer.from(value, 'utf8'));
  throw doesNotFit(input, 'raw', `it is ${describeKind(value)}; raw writes the bytes of typed arrays, buffers and strings`);
}
