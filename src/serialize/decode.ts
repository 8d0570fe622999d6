// decodeValue: a meta stream and its parts back to a live value. Malformed
// input of any kind ends in ChkptError BAD_ENCODING; errors the caller's
// `part` function throws as ChkptError (a missing or corrupt chunk) pass through.
import { ChkptError, ErrorCode, isChkptError } from '../shared/errors.js';
import type { ClassLookup } from './class-ref.js';
import { Decoder, type PartInfo } from './decoder.js';
import { MAGIC, ENCODING_VERSION } from './version.js';

export interface DecodeOptions {
  /** Classes to re-link by name or by `${module}#${name}`; a function form is also fine. */
  classes?: ClassLookup;
}

/**
 * Decodes a value written by encodeValue. `part(id)` returns the stored bytes
 * of parts[id]; a typed array may adopt the memory of a returned Uint8Array
 * that spans a whole ArrayBuffer, so return fresh buffers (or copies).
 */
export function decodeValue(meta: Uint8Array, part: (id: number) => Uint8Array, partsInfo: PartInfo[], options: DecodeOptions = {}): unknown {
  try {
    const dec = new Decoder(meta, part, partsInfo, options.classes);
    for (let i = 0; i < MAGIC.length; i++) if (dec.r.u8() !== MAGIC[i]) dec.r.fail('not a chkpt value encoding');
    const version = dec.r.u8();
    if (version !== ENCODING_VERSION) dec.r.fail(`encoding version ${version} (this chkpt reads version ${ENCODING_VERSION})`);
    return dec.run();
  } catch (err) {
    if (isChkptError(err)) throw err;
    const message = err instanceof Error ? err.message : 'unknown failure';
    throw new ChkptError(ErrorCode.BAD_ENCODING, `Malformed value encoding: ${message}`, {}, { cause: err });
  }
}
