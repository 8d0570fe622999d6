// Sending a run to its shared store (settings.remote) from the capture
// worker, in the background: after each checkpoint is written locally, what
// the shared store lacks goes there (src/remote/push.ts), one push at a time,
// never holding the script (pauses and writes do not wait for it). A failure
// (the server gone, say) is said once with -v and retried with backoff; the
// local checkpoints are kept. At exit, what is left goes to a detached `chkpt
// push` that outlives the script, so the script's end waits for no network.
// The run is noted as unsent meanwhile (src/remote/unsent.ts): killed before
// its last push, it is sent by the next chkpt command on the machine.
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { debug } from '../shared/debug.js';
import type { Store } from '../store/index.js';
import { noteUnsent, spawnPush } from '../remote/unsent.js';

type Sender = typeof import('../remote/sender.js');

/** Backoff between failed pushes: 2 s, 4 s, ... at most a minute. */
const RETRY_MAX_MS = 60_000;

export class Uploader {
  private sender: Sender | undefined;
  private remote: InstanceType<Sender['RemoteStore']> | undefined;
  private running = false;
  private again = false;
  private failures = 0;
  private retry: NodeJS.Timeout | undefined;
  private told = false;
  private store: Store | undefined;
  /** The note that this run is being sent, once it is. */
  private note: string | undefined;
  private runId: string | undefined;
  /** Once the whole store has been sent, later pushes look at this run only. */
  private swept = false;

  constructor(private readonly url: string, private readonly verbose: number) {}

  /** Sends what `store` has not sent yet: the first time every run of it (earlier processes' too), then `runId`, this process's run. */
  kick(store: Store, runId: string): void {
    this.store = store;
    this.runId = runId;
    if (this.note === undefined) {
      try {
        this.note = noteUnsent({ url: this.url, store: store.dir, pid: process.pid, runId });
      } catch (err) {
        this.note = '';
        debug('upload', `could not note the run as unsent: ${String(err)}`);
      }
    }
    this.loopAgain();
  }

  private async loop(): Promise<void> {
    do {
      this.again = false;
      try {
        this.sender ??= createRequire(import.meta.url)(fileURLToPath(new URL('../remote/sender.cjs', import.meta.url))) as Sender;
        this.remote ??= new this.sender.RemoteStore(this.url);
        const report = await this.sender.pushRuns(this.store!, this.remote, this.swept ? [this.runId!] : undefined);
        this.swept = true;
        if (report.checkpoints > 0) debug('upload', `sent ${report.checkpoints} checkpoint(s), ${report.chunksSent} chunk(s) to ${this.url}`);
        this.failures = 0;
      } catch (err) {
        this.failures++;
        const message = (err as Error).message;
        debug('upload', `failed (${this.failures}): ${message}`);
        if (this.verbose > 0 && !this.told) {
          this.told = true;
          process.stderr.write(`chkpt: ${message} The run keeps its local checkpoints; they are sent when the store answers again.\n`);
        }
        clearTimeout(this.retry);
        this.retry = setTimeout(() => this.store && this.loopAgain(), Math.min(RETRY_MAX_MS, 1000 * 2 ** this.failures));
        this.retry.unref();
        return;
      }
    } while (this.again);
  }

  /** Sends now, or once the push under way is done. */
  private loopAgain(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = true;
    void this.loop().finally(() => {
      this.running = false;
    });
  }

  /** At exit: a detached `chkpt push` of the store sends what is left, after the script has ended, and removes the note. */
  handOff(storeDir: string): void {
    clearTimeout(this.retry);
    spawnPush(fileURLToPath(new URL('../cli/main.js', import.meta.url)), this.url, storeDir, this.note || undefined);
  }
}
