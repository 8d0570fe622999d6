// Reads the meta stream back with a bounds check on every read: malformed or
// truncated input becomes ChkptError BAD_ENCODING, never an out-of-range read.
import { ChkptError, ErrorCode } from '../shared/errors.js';
import {
  OrigBigInt, OrigFloat64Array, OrigUint8Array, StringFromCharCode, StringPrototypeCharCodeAt, StringPrototypeSlice, TypedArrayPrototypeGetByteLength,
  TypedArrayPrototypeGetByteOffset, TypedArrayPrototypeGetBuffer, TypedArrayPrototypeSet, isUint8Array, utf8Decode,
} from './primordials.js';

const scratch = new OrigFloat64Array(1);
const scratchBytes = new OrigUint8Array(scratch.buffer, 0, 8);

/** Throws the error every malformed input ends in. */
export function badEncoding(message: string, data: Record<string, unknown> = {}): never {
  throw new ChkptError(ErrorCode.BAD_ENCODING, `Malformed value encoding: ${message}`, data);
}

/** A cursor over a meta stream. */
export class ByteReader {
  readonly buf: Uint8Array;
  readonly end: number;
  private readonly ab: ArrayBufferLike;
  private readonly base: number;
  pos = 0;

  constructor(bytes: Uint8Array) {
    if (!isUint8Array(bytes)) badEncoding('meta is not a Uint8Array');
    this.end = TypedArrayPrototypeGetByteLength(bytes);
    this.ab = TypedArrayPrototypeGetBuffer(bytes);
    this.base = TypedArrayPrototypeGetByteOffset(bytes);
    this.buf = new OrigUint8Array(this.ab, this.base, this.end);
  }

  /** Bytes not read yet. */
  remaining(): number {
    return this.end - this.pos;
  }

  fail(message: string): never {
    return badEncoding(`${message} at byte ${this.pos}`, { offset: this.pos });
  }

  u8(): number {
    if (this.pos >= this.end) this.fail('unexpected end');
    return this.buf[this.pos++]!;
  }

  /** The next byte, not consumed (-1 at the end). */
  peek(): number {
    return this.pos < this.end ? this.buf[this.pos]! : -1;
  }

  /** An unsigned LEB128 varint that must fit a safe integer. */
  varint(): number {
    let result = 0;
    let scale = 1;
    for (let i = 0; i < 8; i++) {
      const b = this.u8();
      result += (b & 0x7f) * scale;
      if (b < 0x80) {
        if (b === 0 && i > 0) this.fail('overlong varint');
        if (result > 0x1fffffffffffff) this.fail('varint beyond 2^53');
        return result;
      }
      scale *= 0x80;
    }
    return this.fail('varint too long');
  }

  /** A count of items that each take at least `minBytes` bytes of what is left. */
  count(minBytes: number): number {
    const n = this.varint();
    if (n * minBytes > this.remaining()) this.fail(`count ${n} exceeds the remaining bytes`);
    return n;
  }

  float64(): number {
    if (this.pos + 8 > this.end) this.fail('unexpected end');
    const buf = this.buf;
    const p = this.pos;
    scratchBytes[0] = buf[p]!;
    scratchBytes[1] = buf[p + 1]!;
    scratchBytes[2] = buf[p + 2]!;
    scratchBytes[3] = buf[p + 3]!;
    scratchBytes[4] = buf[p + 4]!;
    scratchBytes[5] = buf[p + 5]!;
    scratchBytes[6] = buf[p + 6]!;
    scratchBytes[7] = buf[p + 7]!;
    this.pos = p + 8;
    return scratch[0]!;
  }

  /** A copy of the next `n` bytes. */
  bytes(n: number): Uint8Array {
    if (n > this.remaining()) this.fail('unexpected end');
    const out = new OrigUint8Array(n);
    TypedArrayPrototypeSet(out, new OrigUint8Array(this.ab, this.base + this.pos, n), 0);
    this.pos += n;
    return out;
  }

  /** A string written by ByteWriter.string. */
  string(): string {
    const header = this.varint();
    const n = (header - (header % 2)) / 2;
    if (header % 2 === 1) return this.utf16(n);
    if (n > this.remaining()) this.fail('string past the end');
    const buf = this.buf;
    const start = this.pos;
    if (n <= 16) {
      let s = '';
      for (let i = 0; i < n; i++) {
        const c = buf[start + i]!;
        if (c >= 0x80) return this.utf8(n);
        s += StringFromCharCode(c);
      }
      this.pos = start + n;
      return s;
    }
    return this.utf8(n);
  }

  private utf8(n: number): string {
    const view = new OrigUint8Array(this.ab, this.base + this.pos, n);
    let s: string;
    try {
      s = utf8Decode(view);
    } catch {
      return this.fail('invalid UTF-8');
    }
    this.pos += n;
    return s;
  }

  private utf16(n: number): string {
    if (n * 2 > this.remaining()) this.fail('string past the end');
    const buf = this.buf;
    let s = '';
    let p = this.pos;
    for (let i = 0; i < n; i++, p += 2) s += StringFromCharCode(buf[p]! | (buf[p + 1]! << 8));
    this.pos = p;
    return s;
  }

  /** A BigInt written as a string of lowercase hex digits, '-' first when negative. */
  bigint(): bigint {
    const s = this.string();
    const negative = s.length > 0 && StringPrototypeCharCodeAt(s, 0) === 0x2d;
    const digits = negative ? StringPrototypeSlice(s, 1, s.length) : s;
    if (digits.length === 0) this.fail('empty bigint');
    for (let i = 0; i < digits.length; i++) {
      const c = StringPrototypeCharCodeAt(digits, i);
      if (!((c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x66))) this.fail('bad bigint digit');
    }
    const v = OrigBigInt(`0x${digits}`);
    return negative ? -v : v;
  }
}
