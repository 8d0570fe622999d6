// What went wrong with the object store, in one line naming the problem and
// the fix. The SDK's own errors (already retried with backoff) become
// ECHKPT_REMOTE with the S3 code and HTTP status as data.
import { ChkptError, ErrorCode } from '../shared/errors.js';
import type { RemoteConfig } from './client.js';
import type { RemoteLocation } from './url.js';

interface SdkError {
  name?: string;
  code?: string;
  Code?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number };
  cause?: unknown;
}

const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'TimeoutError']);
const BAD_CREDENTIALS = new Set(['InvalidAccessKeyId', 'SignatureDoesNotMatch', 'CredentialsProviderError', 'ExpiredToken', 'InvalidToken']);

function codeOf(err: SdkError): string {
  const nested = (err.cause as SdkError | undefined)?.code;
  return err.Code ?? err.code ?? nested ?? err.name ?? 'Error';
}

/** ECHKPT_REMOTE for an SDK error met while doing `what` at `where`. */
export function remoteError(err: unknown, where: RemoteLocation, config: RemoteConfig, what: string): ChkptError {
  if (err instanceof ChkptError) return err;
  const e = (err ?? {}) as SdkError;
  const code = codeOf(e);
  const status = e.$metadata?.httpStatusCode;
  const endpoint = config.endpoint ?? `AWS S3 (${config.region})`;
  let message: string;
  if (UNREACHABLE.has(code) || /ECONNREFUSED|ENOTFOUND|getaddrinfo|socket hang up/.test(e.message ?? '')) {
    message = `Cannot reach the object store at ${endpoint} while ${what}: check CHKPT_S3_ENDPOINT (or AWS_ENDPOINT_URL) and the network.`;
  } else if (BAD_CREDENTIALS.has(code) || /credential/i.test(code)) {
    message = `The object store at ${endpoint} refused the credentials while ${what} (${code}): set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or AWS_PROFILE.`;
  } else if (code === 'NoSuchBucket' || (status === 404 && /bucket/i.test(e.message ?? ''))) {
    message = `There is no bucket \`${where.bucket}\` at ${endpoint}: create it, or fix the bucket in ${where.url}.`;
  } else if (code === 'AccessDenied' || status === 403) {
    message = `Access denied to ${where.url} while ${what}: the credentials need s3:ListBucket, s3:GetObject and s3:PutObject there (and s3:DeleteObject for gc).`;
  } else {
    const detail = (e.message ?? '').replace(/\.+$/, '');
    message = `The object store at ${endpoint} failed while ${what}: ${code}${status ? ` (HTTP ${status})` : ''}${detail && detail !== code ? `: ${detail}` : ''}.`;
  }
  return new ChkptError(ErrorCode.REMOTE, message, { code, status: status ?? null, url: where.url, endpoint }, { cause: err });
}
