// Reading a variable back as a live value through the value encoding. The
// only file of the store that knows about serialize/.
import type { ClassRef } from '../shared/encoded.js';
import { ChkptError, ErrorCode, isChkptError } from '../shared/errors.js';
import { decodeValue } from '../serialize/index.js';
import type { StoreContext } from './context.js';
import { findVariable, readBlob } from './read-bytes.js';
import type { PartInfo, VariableInfo, VariableRef } from './types.js';

/** Decoding options: the classes to re-link instances to (by name, or a resolver); never imported by the store. */
export interface ReadOptions {
  classes?: Map<string, Function> | ((ref: ClassRef) => Function | undefined);
}

/** Decodes one variable; chunk errors (INTEGRITY, MISSING_CHUNK) name it, a bad stream is BAD_ENCODING. */
export function readValue(ctx: StoreContext, checkpointId: number, ref: VariableRef, opts: ReadOptions): unknown {
  const v = findVariable(ctx, checkpointId, ref);
  const meta = readBlob(ctx, v.meta, { checkpointId, variable: v.name });
  // Fresh buffers: decodeValue may adopt them as the typed arrays' memory.
  const part = (id: number): Uint8Array => readBlob(ctx, partOf(v, id), { checkpointId, variable: v.name, part: id });
  const info = v.parts.map(({ id, kind, dtype, length, byteOffset }) => ({ id, kind, dtype, length, byteOffset }));
  try {
    return decodeValue(meta, part, info, opts.classes ? { classes: opts.classes } : {});
  } catch (err) {
    if (isChkptError(err)) throw err;
    throw new ChkptError(ErrorCode.BAD_ENCODING, `\`${v.name}\` in checkpoint ${checkpointId} cannot be decoded: ${String(err)}`, {
      checkpointId, variable: v.name,
    }, { cause: err });
  }
}

/** The part with this id of a variable; NOT_FOUND lists the ids there are. */
export function partOf(v: VariableInfo, id: number): PartInfo {
  const p = v.parts.find((x) => x.id === id);
  if (!p) {
    throw new ChkptError(ErrorCode.NOT_FOUND, `\`${v.name}\` has no binary part ${id}.`, { variable: v.name, part: id, parts: v.parts.map((x) => x.id) });
  }
  return p;
}
