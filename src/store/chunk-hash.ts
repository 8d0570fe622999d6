// Content addresses and record checksums, both xxHash (xxhash-addon, N-API):
// XXH128 hashes about 15 GiB/s on the reference machine, so hashing a 1 GiB
// checkpoint costs about 70 ms, well under the fsync'd write it saves.
import { createRequire } from 'node:module';
import type { XXHash128, XXHash3 } from 'xxhash-addon';

// xxhash-addon is CommonJS built by node-gyp-build; its exports cannot be
// named from ESM, so load it through require.
const require = createRequire(import.meta.url);
const xxhash = require('xxhash-addon') as { XXHash128: typeof XXHash128; XXHash3: typeof XXHash3 };

function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** XXH128 of `bytes` as 32 lowercase hex digits: a chunk's address. */
export function hashChunk(bytes: Uint8Array): string {
  return xxhash.XXHash128.hash(asBuffer(bytes)).toString('hex');
}

/** XXH3-64 of a row's values in a fixed order, as 16 hex digits: the index records' self-check. */
export function rowChecksum(table: string, values: readonly unknown[]): string {
  return xxhash.XXHash3.hash(Buffer.from(JSON.stringify([table, ...values]), 'utf8')).toString('hex');
}
