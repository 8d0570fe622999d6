// Splitting a checkpoint's byte streams (each variable's meta stream and
// binary parts) into fixed-size chunks and naming each by its hash. Nothing is
// written here; the plan says which distinct chunks the checkpoint needs.
import { ChkptError, ErrorCode } from '../shared/errors.js';
import { hashChunk } from './chunk-hash.js';
import { CHUNK_SIZE, SMALL_CHUNK_MAX } from './format.js';
import type { BlobInfo, PartInfo, VariableInput } from './types.js';

export interface PlannedChunk {
  hash: string;
  size: number;
  bytes: Uint8Array;
}

export interface PlannedVariable {
  input: VariableInput;
  meta: BlobInfo;
  parts: PartInfo[];
}

export interface ChunkPlan {
  variables: PlannedVariable[];
  /** Distinct chunks stored as files, in first-use order. Their bytes may alias the script's memory. */
  big: Map<string, PlannedChunk>;
  /** Distinct chunks stored in the index; their bytes are copies. */
  small: Map<string, PlannedChunk>;
  bytesTotal: number;
}

/** Chunks every variable's meta stream and parts; throws INTERNAL on a malformed EncodedValue. */
export function planChunks(variables: readonly VariableInput[], chunkSize = CHUNK_SIZE): ChunkPlan {
  const plan: ChunkPlan = { variables: [], big: new Map(), small: new Map(), bytesTotal: 0 };
  for (const input of variables) {
    const enc = input?.encoded;
    if (typeof input?.name !== 'string' || !enc || !(enc.meta instanceof Uint8Array) || !Array.isArray(enc.parts)) {
      throw new ChkptError(ErrorCode.INTERNAL, `Variable \`${String(input?.name)}\` is not an encoded value.`, { name: input?.name });
    }
    const meta = splitBlob(enc.meta, chunkSize, plan);
    const parts = enc.parts.map((p): PartInfo => {
      if (!(p?.bytes instanceof Uint8Array)) {
        throw new ChkptError(ErrorCode.INTERNAL, `Part ${String(p?.id)} of \`${input.name}\` has no bytes.`, { name: input.name });
      }
      const blob = splitBlob(p.bytes, chunkSize, plan);
      return { id: p.id, kind: p.kind, dtype: p.dtype, length: p.length, byteOffset: p.byteOffset, ...blob };
    });
    plan.variables.push({ input, meta, parts });
  }
  return plan;
}

function splitBlob(bytes: Uint8Array, chunkSize: number, plan: ChunkPlan): BlobInfo {
  const chunks: string[] = [];
  for (let at = 0; at < bytes.byteLength; at += chunkSize) {
    let piece = bytes.subarray(at, Math.min(at + chunkSize, bytes.byteLength));
    const small = piece.byteLength <= SMALL_CHUNK_MAX;
    // Small chunks are copied before hashing: they go into the index later,
    // and must be the bytes that were hashed even if the script runs on.
    if (small) piece = piece.slice();
    const hash = hashChunk(piece);
    const into = small ? plan.small : plan.big;
    if (!into.has(hash)) into.set(hash, { hash, size: piece.byteLength, bytes: piece });
    chunks.push(hash);
  }
  plan.bytesTotal += bytes.byteLength;
  return { size: bytes.byteLength, chunkSize, chunks };
}
