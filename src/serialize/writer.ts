// The growable byte buffer the encoder writes the meta stream into. It never
// calls a method or getter of a typed array (the script may have replaced
// them): it keeps its own capacity and copies through captured built-ins.
import {
  BufferByteLength, OrigArrayBuffer, OrigFloat64Array, OrigUint8Array, StringPrototypeCharCodeAt, StringPrototypeIsWellFormed,
  TypedArrayPrototypeSet, utf8EncodeInto,
} from './primordials.js';
import { TAG_FLOAT64, TAG_INT } from './tags.js';

const scratch = new OrigFloat64Array(1);
const scratchBytes = new OrigUint8Array(scratch.buffer, 0, 8);
/** Strings up to this length are tried as ASCII byte by byte; longer ones go through TextEncoder. */
const SHORT_STRING = 64;

/** Bytes needed for `v` as a varint. */
export function varintSize(v: number): number {
  let n = 1;
  while (v >= 0x80) {
    v = (v - (v % 0x80)) / 0x80;
    n++;
  }
  return n;
}

/** An append-only byte buffer with varint, float64 and string writers. */
export class ByteWriter {
  ab: ArrayBuffer;
  buf: Uint8Array;
  capacity: number;
  pos = 0;

  constructor(initialCapacity = 1 << 16) {
    this.capacity = initialCapacity;
    this.ab = new OrigArrayBuffer(initialCapacity);
    this.buf = new OrigUint8Array(this.ab);
  }

  /** Makes room for `n` more bytes. */
  reserve(n: number): void {
    if (this.pos + n <= this.capacity) return;
    let capacity = this.capacity * 2;
    while (capacity < this.pos + n) capacity *= 2;
    const ab = new OrigArrayBuffer(capacity);
    const next = new OrigUint8Array(ab);
    TypedArrayPrototypeSet(next, new OrigUint8Array(this.ab, 0, this.pos), 0);
    this.ab = ab;
    this.buf = next;
    this.capacity = capacity;
  }

  u8(b: number): void {
    if (this.pos + 1 > this.capacity) this.reserve(1);
    this.buf[this.pos++] = b;
  }

  /** Unsigned LEB128 of a non-negative safe integer. */
  varint(v: number): void {
    if (this.pos + 8 > this.capacity) this.reserve(8);
    const buf = this.buf;
    let p = this.pos;
    while (v >= 0x80000000) {
      buf[p++] = (v % 0x80) | 0x80;
      v = (v - (v % 0x80)) / 0x80;
    }
    while (v >= 0x80) {
      buf[p++] = (v & 0x7f) | 0x80;
      v >>>= 7;
    }
    buf[p++] = v;
    this.pos = p;
  }

  float64(v: number): void {
    if (this.pos + 8 > this.capacity) this.reserve(8);
    scratch[0] = v;
    const buf = this.buf;
    const p = this.pos;
    // Unrolled: a loop here costs three times as much for tables of floats.
    buf[p] = scratchBytes[0]!;
    buf[p + 1] = scratchBytes[1]!;
    buf[p + 2] = scratchBytes[2]!;
    buf[p + 3] = scratchBytes[3]!;
    buf[p + 4] = scratchBytes[4]!;
    buf[p + 5] = scratchBytes[5]!;
    buf[p + 6] = scratchBytes[6]!;
    buf[p + 7] = scratchBytes[7]!;
    this.pos = p + 8;
  }

  /** A number as TAG_INT (int32 but not -0) or TAG_FLOAT64. */
  number(v: number): void {
    if ((v | 0) === v && (v !== 0 || 1 / v > 0)) {
      this.u8(TAG_INT);
      this.varint(((v << 1) ^ (v >> 31)) >>> 0);
    } else {
      this.u8(TAG_FLOAT64);
      this.float64(v);
    }
  }

  /** A string: varint (length * 2 + form), then UTF-8 bytes (form 0) or UTF-16LE units (form 1, for lone surrogates). */
  string(s: string): void {
    const n = s.length;
    if (n <= SHORT_STRING && this.ascii(s, n)) return;
    if (!StringPrototypeIsWellFormed(s)) {
      this.varint(n * 2 + 1);
      this.reserve(n * 2);
      const buf = this.buf;
      let p = this.pos;
      for (let i = 0; i < n; i++) {
        const c = StringPrototypeCharCodeAt(s, i);
        buf[p++] = c & 0xff;
        buf[p++] = c >>> 8;
      }
      this.pos = p;
      return;
    }
    const bytes = BufferByteLength(s, 'utf8');
    this.varint(bytes * 2);
    this.reserve(bytes);
    this.pos += utf8EncodeInto(s, new OrigUint8Array(this.ab, this.pos, bytes));
  }

  /** Writes `s` if it is all ASCII; otherwise writes nothing and returns false. */
  private ascii(s: string, n: number): boolean {
    this.reserve(n + 2);
    const buf = this.buf;
    const start = this.pos;
    let p = start + (n < 64 ? 1 : 2);
    for (let i = 0; i < n; i++) {
      const c = StringPrototypeCharCodeAt(s, i);
      if (c >= 0x80) return false;
      buf[p++] = c;
    }
    if (n < 64) buf[start] = n * 2;
    else {
      buf[start] = ((n * 2) & 0x7f) | 0x80;
      buf[start + 1] = (n * 2) >>> 7;
    }
    this.pos = p;
    return true;
  }

  /** Copies `length` bytes of `src`. */
  bytes(src: Uint8Array, length: number): void {
    this.reserve(length);
    TypedArrayPrototypeSet(this.buf, src, this.pos);
    this.pos += length;
  }

  /** The bytes written so far (a view, no copy). */
  finish(): Uint8Array {
    return new OrigUint8Array(this.ab, 0, this.pos);
  }
}
