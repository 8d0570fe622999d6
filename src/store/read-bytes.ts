// Reading stored bytes back, every chunk verified against its address before
// anyone sees it. A damaged or missing chunk is an error naming the chunk and
// the variable; other variables of the checkpoint are unaffected.
import { ChkptError, ErrorCode, isChkptError } from '../shared/errors.js';
import { hashChunk } from './chunk-hash.js';
import type { StoreContext } from './context.js';
import { toVariable } from './records.js';
import type { BlobInfo, VariableInfo, VariableRef } from './types.js';

/** Which variable (and part) a read is for, to name it in errors. */
export interface ReadSite {
  checkpointId: number;
  variable: string;
  part?: number;
}

/** One chunk's bytes, verified (into `into` when given). Throws INTEGRITY or MISSING_CHUNK naming `site`. */
export function readChunk(ctx: StoreContext, hash: string, size: number, site: ReadSite, into?: Uint8Array): Uint8Array {
  const what = site.part === undefined ? `\`${site.variable}\`` : `part ${site.part} of \`${site.variable}\``;
  try {
    const row = ctx.db.prepare('SELECT data FROM chunks WHERE hash = ?').get(hash) as { data: Uint8Array | null } | undefined;
    let bytes: Uint8Array;
    if (row?.data) {
      if (row.data.byteLength !== size) throw new ChkptError(ErrorCode.INTEGRITY, 'wrong size', { hash });
      bytes = into ? (into.set(row.data), into) : row.data;
    } else {
      bytes = ctx.chunks.get(hash, size, into);
    }
    if (hashChunk(bytes) !== hash) throw new ChkptError(ErrorCode.INTEGRITY, 'hash mismatch', { hash });
    return bytes;
  } catch (err) {
    const code = isChkptError(err) && err.code === ErrorCode.MISSING_CHUNK ? ErrorCode.MISSING_CHUNK : ErrorCode.INTEGRITY;
    const why = code === ErrorCode.MISSING_CHUNK ? 'is missing' : 'is damaged (its bytes do not match its hash)';
    throw new ChkptError(code, `Chunk ${hash} of ${what} in checkpoint ${site.checkpointId} ${why}.`, { ...site, hash }, { cause: err });
  }
}

/** Tells the chunk store which chunks a read of `blob` takes, in order (one that fetches them reads ahead). */
function announce(ctx: StoreContext, blob: BlobInfo): void {
  if (!ctx.chunks.willRead || blob.chunks.length < 2) return;
  ctx.chunks.willRead(blob.chunks.map((hash, i) => ({ hash, size: Math.min(blob.chunkSize, blob.size - i * blob.chunkSize) })));
}

/** A whole stream (meta or part) as one fresh, verified buffer. */
export function readBlob(ctx: StoreContext, blob: BlobInfo, site: ReadSite): Uint8Array {
  const out = new Uint8Array(blob.size);
  announce(ctx, blob);
  blob.chunks.forEach((hash, i) => {
    const start = i * blob.chunkSize;
    const end = Math.min(blob.size, start + blob.chunkSize);
    readChunk(ctx, hash, end - start, site, out.subarray(start, end));
  });
  return out;
}

/** A stream chunk by chunk, each verified, never more than one chunk in memory at a time. */
export async function* streamBlob(ctx: StoreContext, blob: BlobInfo, site: ReadSite): AsyncGenerator<Uint8Array> {
  announce(ctx, blob);
  for (let i = 0; i < blob.chunks.length; i++) {
    const start = i * blob.chunkSize;
    yield readChunk(ctx, blob.chunks[i]!, Math.min(blob.size, start + blob.chunkSize) - start, site);
  }
}

/** The variables of a checkpoint, in capture order; NOT_FOUND when the checkpoint does not exist. */
export function listVariables(ctx: StoreContext, checkpointId: number): VariableInfo[] {
  if (!ctx.db.prepare('SELECT 1 FROM checkpoints WHERE id = ?').get(checkpointId)) {
    throw new ChkptError(ErrorCode.NOT_FOUND, `No checkpoint ${checkpointId} in this store.`, { checkpointId });
  }
  const rows = ctx.db.prepare('SELECT * FROM variables WHERE checkpoint_id = ? ORDER BY idx').all(checkpointId);
  return rows.map((r) => toVariable(r as Record<string, unknown>));
}

/** One variable by name (the first in frame order), position, or name and frame; INTEGRITY when its row is damaged. */
export function findVariable(ctx: StoreContext, checkpointId: number, ref: VariableRef): VariableInfo {
  const all = listVariables(ctx, checkpointId);
  const found = typeof ref === 'number'
    ? all.find((v) => v.idx === ref)
    : typeof ref === 'string'
      ? all.find((v) => v.name === ref)
      : all.find((v) => v.name === ref.name && (ref.frameIndex === undefined || v.frameIndex === ref.frameIndex));
  const label = typeof ref === 'object' ? ref.name : String(ref);
  if (!found) {
    throw new ChkptError(ErrorCode.NOT_FOUND, `No variable \`${label}\` in checkpoint ${checkpointId}.`, {
      checkpointId, variable: label, candidates: all.map((v) => v.name),
    });
  }
  if (found.damaged) {
    throw new ChkptError(ErrorCode.INTEGRITY, `The index record of \`${found.name}\` in checkpoint ${checkpointId} is damaged (${found.damaged}).`, {
      checkpointId, variable: found.name, reason: found.damaged,
    });
  }
  return found;
}
