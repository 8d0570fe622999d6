// Where an export goes: a file (written to a temp file next to it, renamed
// into place when complete, so a failed export leaves no half file) or a
// stream such as stdout (with backpressure). Text is batched into 64 KiB
// writes; binary chunks are written as they come, so memory stays bounded.
import fs from 'node:fs';
import path from 'node:path';
import type { Writable } from 'node:stream';
import { ChkptError, ErrorCode } from '../../shared/errors.js';

const TEXT_BATCH = 64 * 1024;

/** Bytes out, in order. */
export interface Sink {
  /** Bytes written so far. */
  readonly bytes: number;
  text(s: string): Promise<void>;
  binary(b: Uint8Array): Promise<void>;
  /** Writes what is batched and completes the output (renames the file into place). */
  end(): Promise<void>;
  /** Drops the output (removes the temp file). */
  abort(): Promise<void>;
}

abstract class BatchingSink implements Sink {
  bytes = 0;
  private batch = '';

  protected abstract write(b: Uint8Array): Promise<void>;

  async text(s: string): Promise<void> {
    this.batch += s;
    if (this.batch.length >= TEXT_BATCH) await this.flush();
  }

  async binary(b: Uint8Array): Promise<void> {
    await this.flush();
    if (b.byteLength > 0) await this.write(b);
    this.bytes += b.byteLength;
  }

  protected async flush(): Promise<void> {
    if (this.batch === '') return;
    const b = Buffer.from(this.batch, 'utf8');
    this.batch = '';
    await this.write(b);
    this.bytes += b.byteLength;
  }

  abstract end(): Promise<void>;
  abstract abort(): Promise<void>;
}

class FileSink extends BatchingSink {
  private constructor(private readonly fd: fs.promises.FileHandle, private readonly temp: string, private readonly final: string) {
    super();
  }

  static async open(file: string): Promise<FileSink> {
    const final = path.resolve(file);
    const temp = path.join(path.dirname(final), `.${path.basename(final)}.${process.pid}.${Date.now().toString(36)}.tmp`);
    try {
      const fd = await fs.promises.open(temp, 'wx');
      return new FileSink(fd, temp, final);
    } catch (err) {
      throw new ChkptError(ErrorCode.WRITE_FAILED, `Cannot write ${final}: ${(err as Error).message}`, { file: final }, { cause: err });
    }
  }

  protected async write(b: Uint8Array): Promise<void> {
    try {
      let done = 0;
      while (done < b.byteLength) done += (await this.fd.write(b, done, b.byteLength - done)).bytesWritten;
    } catch (err) {
      throw new ChkptError(ErrorCode.WRITE_FAILED, `Cannot write ${this.final}: ${(err as Error).message}`, { file: this.final }, { cause: err });
    }
  }

  async end(): Promise<void> {
    await this.flush();
    await this.fd.close();
    await fs.promises.rename(this.temp, this.final);
  }

  async abort(): Promise<void> {
    await this.fd.close().catch(() => {});
    await fs.promises.rm(this.temp, { force: true });
  }
}

class StreamSink extends BatchingSink {
  private failed: Error | undefined;

  constructor(private readonly out: Writable) {
    super();
    out.on('error', (err) => (this.failed = err));
  }

  protected async write(b: Uint8Array): Promise<void> {
    if (this.failed) throw this.failed;
    if (!this.out.write(b)) {
      await new Promise<void>((resolve, reject) => {
        const done = (): void => (this.out.off('error', fail), resolve());
        const fail = (err: Error): void => (this.out.off('drain', done), reject(err));
        this.out.once('drain', done);
        this.out.once('error', fail);
      });
    }
  }

  async end(): Promise<void> {
    await this.flush();
  }

  async abort(): Promise<void> {}
}

/** A sink writing to `to`: a file path, or a writable stream (left open at the end). */
export async function openSink(to: string | Writable): Promise<Sink> {
  return typeof to === 'string' ? FileSink.open(to) : new StreamSink(to);
}
