// A shared store in object storage, as objects (docs/FORMAT.md, "Shared
// store"): content-addressed chunks, written once ever whoever writes them
// (the key is the hash, so two machines writing one chunk write the same
// bytes), and per-run manifests, immutable, under the run's own prefix: each
// writer adds keys no other writer adds, so many machines write at once
// without a lock or a server of chkpt's, and a listing sees every run.
import {
  DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, PutObjectCommand, type S3Client,
} from '@aws-sdk/client-s3';
import { type RemoteConfig, remoteClient, remoteConfig } from './client.js';
import { remoteError } from './errors.js';
import { type RemoteLocation, parseRemote } from './url.js';

/** Keys of a shared store under its prefix. */
export const layout = {
  chunk: (hash: string): string => `chunks/${hash.slice(0, 2)}/${hash}`,
  runStart: (runId: string): string => `runs/${runId}/run.json`,
  runEnd: (runId: string): string => `runs/${runId}/end.json`,
  checkpoint: (runId: string, n: number): string => `runs/${runId}/checkpoints/${String(n).padStart(8, '0')}.json`,
  runs: 'runs/',
} as const;

export class RemoteStore {
  readonly location: RemoteLocation;
  readonly config: RemoteConfig;
  private readonly s3: S3Client;

  constructor(url: string, env: NodeJS.ProcessEnv = process.env) {
    this.location = parseRemote(url);
    this.config = remoteConfig(env);
    this.s3 = remoteClient(this.config);
  }

  get url(): string {
    return this.location.url;
  }

  private key(rel: string): string {
    return `${this.location.prefix}${rel}`;
  }

  private async call<T>(what: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (err) {
      throw remoteError(err, this.location, this.config, what);
    }
  }

  /** Whether the object exists (with this size, when given). */
  async has(rel: string, size?: number): Promise<boolean> {
    return this.call(`looking for ${rel}`, async () => {
      try {
        const head = await this.s3.send(new HeadObjectCommand({ Bucket: this.location.bucket, Key: this.key(rel) }));
        return size === undefined || head.ContentLength === size;
      } catch (err) {
        const status = (err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
        if (status === 404 && (err as { name?: string }).name !== 'NoSuchBucket') return false;
        throw err;
      }
    });
  }

  async put(rel: string, body: Uint8Array | string, contentType = 'application/octet-stream'): Promise<void> {
    await this.call(`writing ${rel}`, () => this.s3.send(new PutObjectCommand({
      Bucket: this.location.bucket, Key: this.key(rel), Body: body, ContentType: contentType,
    })));
  }

  /** The object's bytes (a range of them with `range`); undefined when it does not exist. */
  async get(rel: string, range?: { start: number; end: number }): Promise<Uint8Array | undefined> {
    return this.call(`reading ${rel}`, async () => {
      try {
        const res = await this.s3.send(new GetObjectCommand({
          Bucket: this.location.bucket, Key: this.key(rel), ...(range ? { Range: `bytes=${range.start}-${range.end - 1}` } : {}),
        }));
        return await res.Body!.transformToByteArray();
      } catch (err) {
        if ((err as { name?: string }).name === 'NoSuchKey') return undefined;
        throw err;
      }
    });
  }

  async putJson(rel: string, value: unknown): Promise<void> {
    await this.put(rel, JSON.stringify(value), 'application/json');
  }

  /**
   * The object as JSON; undefined when it does not exist or is not whole JSON
   * yet (some S3-compatible servers show an object while it is being
   * written: it is read again the next time).
   */
  async getJson<T>(rel: string): Promise<T | undefined> {
    const bytes = await this.get(rel);
    if (bytes === undefined) return undefined;
    try {
      return JSON.parse(Buffer.from(bytes).toString('utf8')) as T;
    } catch {
      return undefined;
    }
  }

  /** Every key under `rel` (relative to the store's prefix), following continuation tokens. */
  async list(rel: string): Promise<string[]> {
    return this.call(`listing ${rel}`, async () => {
      const keys: string[] = [];
      let token: string | undefined;
      do {
        const page = await this.s3.send(new ListObjectsV2Command({
          Bucket: this.location.bucket, Prefix: this.key(rel), ...(token ? { ContinuationToken: token } : {}),
        }));
        for (const o of page.Contents ?? []) if (o.Key) keys.push(o.Key.slice(this.location.prefix.length));
        token = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (token);
      return keys;
    });
  }

  /** Every object under `rel` with its size and when it was last written. */
  async listDetailed(rel: string): Promise<{ key: string; size: number; modified: number }[]> {
    return this.call(`listing ${rel}`, async () => {
      const out: { key: string; size: number; modified: number }[] = [];
      let token: string | undefined;
      do {
        const page = await this.s3.send(new ListObjectsV2Command({
          Bucket: this.location.bucket, Prefix: this.key(rel), ...(token ? { ContinuationToken: token } : {}),
        }));
        for (const o of page.Contents ?? []) {
          if (o.Key) out.push({ key: o.Key.slice(this.location.prefix.length), size: o.Size ?? 0, modified: o.LastModified?.getTime() ?? 0 });
        }
        token = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (token);
      return out;
    });
  }

  async delete(rel: string): Promise<void> {
    await this.call(`deleting ${rel}`, () => this.s3.send(new DeleteObjectCommand({ Bucket: this.location.bucket, Key: this.key(rel) })));
  }

  close(): void {
    this.s3.destroy();
  }
}
