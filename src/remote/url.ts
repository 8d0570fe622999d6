// `s3://bucket/prefix`: where a shared store lives in S3-compatible object
// storage. Parsed once, with a one-line error for anything else.
import { ChkptError, ErrorCode } from '../shared/errors.js';

export interface RemoteLocation {
  /** As given, normalized: `s3://bucket/prefix` (no trailing slash). */
  url: string;
  bucket: string;
  /** The key prefix, `''` or ending in `/`. */
  prefix: string;
}

/** Whether `value` names object storage rather than a directory. */
export function isRemote(value: string | undefined): value is string {
  return value !== undefined && /^s3:\/\//i.test(value);
}

/** `s3://bucket[/prefix]`; BAD_OPTION naming the problem otherwise. */
export function parseRemote(value: string): RemoteLocation {
  const m = /^s3:\/\/([^/]+)(?:\/(.*))?$/i.exec(value.trim());
  const bucket = m?.[1] ?? '';
  if (!m || !/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket)) {
    throw new ChkptError(ErrorCode.BAD_OPTION, `\`${value}\` is not an object store location: use s3://<bucket>/<prefix> (a bucket name of 3-63 lowercase letters, digits, dots and dashes).`, {
      value,
    });
  }
  const path = (m[2] ?? '').replace(/^\/+|\/+$/g, '');
  if (path.split('/').some((part) => part === '.' || part === '..')) {
    throw new ChkptError(ErrorCode.BAD_OPTION, `\`${value}\` has a . or .. in its prefix: name the prefix plainly, e.g. s3://${bucket}/team/chkpt.`, { value });
  }
  return { url: `s3://${bucket}${path ? `/${path}` : ''}`, bucket, prefix: path ? `${path}/` : '' };
}
