// The S3 client, configured as the AWS tools are: credentials from the
// environment, a profile (AWS_PROFILE) or the instance's role, through the
// SDK's own chain; the region from AWS_REGION; and for S3-compatible servers
// (MinIO, Ceph, R2, ...) an endpoint URL, with path-style addressing.
import { S3Client } from '@aws-sdk/client-s3';

export interface RemoteConfig {
  /** CHKPT_S3_ENDPOINT, else AWS_ENDPOINT_URL_S3, else AWS_ENDPOINT_URL; none: AWS itself. */
  endpoint?: string;
  region: string;
  /** CHKPT_S3_PATH_STYLE=1 (or 0); default: on with a custom endpoint, off for AWS. */
  pathStyle: boolean;
}

/** The configuration `env` describes. */
export function remoteConfig(env: NodeJS.ProcessEnv = process.env): RemoteConfig {
  const endpoint = env['CHKPT_S3_ENDPOINT'] || env['AWS_ENDPOINT_URL_S3'] || env['AWS_ENDPOINT_URL'] || undefined;
  const style = env['CHKPT_S3_PATH_STYLE'];
  return {
    ...(endpoint ? { endpoint } : {}),
    region: env['AWS_REGION'] || env['AWS_DEFAULT_REGION'] || 'us-east-1',
    pathStyle: style === undefined || style === '' ? endpoint !== undefined : style === '1' || style === 'true',
  };
}

/** A client for `config`; the SDK retries each request with backoff (5 attempts). */
export function remoteClient(config: RemoteConfig = remoteConfig()): S3Client {
  // The SDK warns on Node 20 about its releases of 2027 (chkpt pins the
  // major it uses): not a line for the script's stderr.
  process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] = 'true';
  return new S3Client({
    region: config.region,
    forcePathStyle: config.pathStyle,
    maxAttempts: 5,
    ...(config.endpoint ? { endpoint: config.endpoint } : {}),
  });
}
