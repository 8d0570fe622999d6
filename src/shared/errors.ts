// Stable error codes. Every error chkpt raises on purpose is a ChkptError with
// one of these codes and the data that explains it; the CLI turns the code
// into one line for people and an exit status.

export const ErrorCode = {
  /** Command line: no script given to `chkpt run`. */
  NO_SCRIPT: 'ECHKPT_NO_SCRIPT',
  /** Command line: an option chkpt does not know. */
  UNKNOWN_OPTION: 'ECHKPT_UNKNOWN_OPTION',
  /** Command line or environment: an option value that does not parse. */
  BAD_OPTION: 'ECHKPT_BAD_OPTION',
  /** Store: the directory cannot be created, opened or is not a chkpt store. */
  STORE_OPEN: 'ECHKPT_STORE_OPEN',
  /** Store: the store was written by a newer, incompatible chkpt. */
  STORE_VERSION: 'ECHKPT_STORE_VERSION',
  /** Store: a chunk's bytes do not match its hash. */
  INTEGRITY: 'ECHKPT_INTEGRITY',
  /** Store: a chunk is missing. */
  MISSING_CHUNK: 'ECHKPT_MISSING_CHUNK',
  /** Store: writing failed (disk full, permissions, I/O error). */
  WRITE_FAILED: 'ECHKPT_WRITE_FAILED',
  /** Encoding: a stored value's meta stream is malformed. */
  BAD_ENCODING: 'ECHKPT_BAD_ENCODING',
  /** Resume: a restored instance's class is not in the resumed script. */
  CLASS_MISSING: 'ECHKPT_CLASS_MISSING',
  /** Object storage: unreachable, refused the credentials, no such bucket, access denied. */
  REMOTE: 'ECHKPT_REMOTE',
  /** References: no run or checkpoint matches. */
  NOT_FOUND: 'ECHKPT_NOT_FOUND',
  /** References: more than one run or checkpoint matches. */
  AMBIGUOUS: 'ECHKPT_AMBIGUOUS',
  /** Internal: a bug in chkpt. */
  INTERNAL: 'ECHKPT_INTERNAL',
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** An error with a stable code, a one-line message for people, and its data. */
export class ChkptError extends Error {
  readonly code: ErrorCode;
  readonly data: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, data: Record<string, unknown> = {}, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ChkptError';
    this.code = code;
    this.data = data;
  }
}

/** True when `err` is a ChkptError, whichever copy of chkpt created it. */
export function isChkptError(err: unknown): err is ChkptError {
  const code = err instanceof Error ? (err as Error & { code?: unknown }).code : undefined;
  return typeof code === 'string' && code.startsWith('ECHKPT_');
}
