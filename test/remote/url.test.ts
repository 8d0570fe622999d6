import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { remoteConfig } from '../../src/remote/client.js';
import { isRemote, parseRemote } from '../../src/remote/url.js';

describe('parseRemote', () => {
  it('reads s3://bucket/prefix, with or without a prefix or trailing slashes', () => {
    assert.deepEqual(parseRemote('s3://team-bucket/chkpt/runs/'), { url: 's3://team-bucket/chkpt/runs', bucket: 'team-bucket', prefix: 'chkpt/runs/' });
    assert.deepEqual(parseRemote('s3://team-bucket'), { url: 's3://team-bucket', bucket: 'team-bucket', prefix: '' });
    assert.equal(isRemote('S3://x/y'), true);
    assert.equal(isRemote('/tmp/store'), false);
  });

  it('refuses what is not a bucket and a plain prefix, naming the fix', () => {
    assert.throws(() => parseRemote('s3://B/x'), { code: 'ECHKPT_BAD_OPTION', message: /use s3:\/\/<bucket>\/<prefix>/ });
    assert.throws(() => parseRemote('s3://ab'), { code: 'ECHKPT_BAD_OPTION' });
    assert.throws(() => parseRemote('/tmp/store'), { code: 'ECHKPT_BAD_OPTION' });
    assert.throws(() => parseRemote('s3://bucket/a/../b'), { code: 'ECHKPT_BAD_OPTION', message: /\. or \.\./ });
  });
});

describe('remoteConfig', () => {
  it('takes the endpoint as the AWS tools do, path-style for a custom endpoint unless told', () => {
    assert.deepEqual(remoteConfig({}), { region: 'us-east-1', pathStyle: false });
    assert.deepEqual(remoteConfig({ AWS_ENDPOINT_URL: 'http://127.0.0.1:9000', AWS_REGION: 'eu-west-3' }),
      { endpoint: 'http://127.0.0.1:9000', region: 'eu-west-3', pathStyle: true });
    assert.equal(remoteConfig({ CHKPT_S3_ENDPOINT: 'http://h:1', AWS_ENDPOINT_URL: 'http://other:2' }).endpoint, 'http://h:1');
    assert.equal(remoteConfig({ CHKPT_S3_ENDPOINT: 'http://h:1', CHKPT_S3_PATH_STYLE: '0' }).pathStyle, false);
  });
});
