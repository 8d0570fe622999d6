// Human sizes for options: `CHKPT_MAX_STORE=2G`, `--max-store 500M`.
import { ChkptError, ErrorCode } from '../shared/errors.js';

const UNITS: Record<string, number> = { '': 1, b: 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4 };

/** Parses `64k`, `1M`, `1.5G`, `2GiB`, `500MB` or plain bytes (binary units); throws BAD_OPTION naming the value. */
export function parseSize(value: string | number, option = 'size'): number {
  if (typeof value === 'number') {
    if (Number.isFinite(value) && value >= 0) return Math.floor(value);
  } else {
    const m = /^\s*(\d+(?:\.\d+)?)\s*(?:([kmgt])(?:i?b)?|b)?\s*$/i.exec(value);
    if (m) {
      const unit = UNITS[(m[2] ?? '').toLowerCase()] ?? 1;
      // A fraction of a byte is a typo, not a size.
      if (unit > 1 || !m[1]!.includes('.')) return Math.floor(Number(m[1]) * unit);
    }
  }
  throw new ChkptError(
    ErrorCode.BAD_OPTION,
    `Expected \`${option}\` to be a size such as 500M, 2G or a number of bytes, got \`${String(value)}\`.`,
    { option, value },
  );
}

/** Formats bytes with a binary unit, for messages: 1536 -> `1.5 KiB`. */
export function formatSize(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = bytes;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return i === 0 ? `${v} B` : `${v.toFixed(v < 10 ? 1 : 0)} ${units[i]}`;
}
