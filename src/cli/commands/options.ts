// Parsing command options that are numbers, with the one-line error STYLE.md asks for.
import { ChkptError, ErrorCode } from '../../shared/errors.js';

/** A whole number >= `min` from an option, or `fallback` when absent; BAD_OPTION names the option and the value. */
export function intOption(value: string | undefined, option: string, fallback: number, min = 0): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) {
    throw new ChkptError(ErrorCode.BAD_OPTION, `Expected \`${option}\` to be a whole number of at least ${min}, got \`${value}\`.`, { option, value });
  }
  return n;
}
