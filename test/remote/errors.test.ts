// What the object store's failures say: one line naming the problem and the
// fix, for each kind of failure the SDK reports (shapes as its errors have them).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { remoteConfig } from '../../src/remote/client.js';
import { remoteError } from '../../src/remote/errors.js';
import { parseRemote } from '../../src/remote/url.js';
import { ErrorCode } from '../../src/shared/errors.js';

const where = parseRemote('s3://team-bucket/chkpt');
const config = remoteConfig({ CHKPT_S3_ENDPOINT: 'http://127.0.0.1:9000' });
const sdk = (name: string, status?: number, message = name): Error =>
  Object.assign(new Error(message), { name, ...(status ? { $metadata: { httpStatusCode: status } } : {}) });
const say = (err: unknown): string => {
  const e = remoteError(err, where, config, 'writing chunks/ab/abc');
  assert.equal(e.code, ErrorCode.REMOTE);
  assert.doesNotMatch(e.message, /\n/);
  return e.message;
};

describe('remoteError', () => {
  it('an unreachable endpoint names it and the setting to fix', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9000'), { code: 'ECONNREFUSED' });
    assert.match(say(refused), /^Cannot reach the object store at http:\/\/127\.0\.0\.1:9000 while writing chunks\/ab\/abc: check CHKPT_S3_ENDPOINT/);
    assert.match(say(Object.assign(new Error('getaddrinfo ENOTFOUND s3.example'), { code: 'ENOTFOUND' })), /^Cannot reach/);
  });

  it('refused credentials name the variables to set', () => {
    assert.match(say(sdk('InvalidAccessKeyId', 403)), /refused the credentials .*\(InvalidAccessKeyId\): set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or AWS_PROFILE\.$/);
    assert.match(say(sdk('SignatureDoesNotMatch', 403)), /refused the credentials/);
    assert.match(say(sdk('CredentialsProviderError', undefined, 'Could not load credentials from any providers')), /refused the credentials/);
  });

  it('a missing bucket, and access denied, name the bucket and the permissions', () => {
    assert.equal(say(sdk('NoSuchBucket', 404)), 'There is no bucket `team-bucket` at http://127.0.0.1:9000: create it, or fix the bucket in s3://team-bucket/chkpt.');
    assert.match(say(sdk('AccessDenied', 403)), /^Access denied to s3:\/\/team-bucket\/chkpt while writing chunks\/ab\/abc: the credentials need s3:ListBucket, s3:GetObject and s3:PutObject there \(and s3:DeleteObject for gc\)\.$/);
  });

  it('anything else keeps the S3 code and the HTTP status', () => {
    const e = remoteError(sdk('SlowDown', 503, 'Please reduce your request rate.'), where, config, 'listing runs/');
    assert.match(e.message, /failed while listing runs\/: SlowDown \(HTTP 503\): Please reduce your request rate\.$/);
    assert.deepEqual(e.data, { code: 'SlowDown', status: 503, url: 's3://team-bucket/chkpt', endpoint: 'http://127.0.0.1:9000' });
  });
});
