// Pausing the script's main thread: one owner of every pause. Our own pauses
// are always resumed, on success and on error; pauses we did not ask for
// (exceptions, stray requests that landed late) are handed on or resumed at
// once.
import { debug } from '../shared/debug.js';
import type { InspectorClient, SessionLike } from './inspector-client.js';
import { within } from './timeout.js';

/** The parts of a Debugger.paused event chkpt reads. */
export interface PausedEvent {
  reason: string;
  data?: { uncaught?: boolean } & Record<string, unknown>;
  callFrames: CallFrame[];
}

export interface CallFrame {
  callFrameId: string;
  functionName: string;
  functionLocation?: { scriptId: string; lineNumber: number; columnNumber: number };
  location: { scriptId: string; lineNumber: number; columnNumber?: number };
  scopeChain: {
    type: string;
    name?: string;
    object: { objectId?: string };
    startLocation?: { scriptId: string; lineNumber: number; columnNumber?: number };
  }[];
}

/** Called for pauses on exceptions and on chkpt's own breakpoints; must not resume (the pauser does). */
export type PauseHook = (event: PausedEvent) => Promise<void>;

/** Longest the script may stay paused for one checkpoint's reading. */
const WORK_LIMIT_MS = 20_000;
/** How long a requested pause may take to land before chkpt assumes the thread is idle. */
const POKE_AFTER_MS = 25;

export class Pauser {
  private waiter: ((event: PausedEvent) => void) | undefined;
  private busy = false;
  /** Whether the main thread is stopped in a pause being handled. */
  private stopped = false;

  constructor(private readonly client: InspectorClient, session: SessionLike, private readonly onException: PauseHook, private readonly onBreakpoint: PauseHook) {
    session.on('Debugger.paused', (message: { params: PausedEvent }) => void this.paused(message.params));
  }

  private async paused(event: PausedEvent): Promise<void> {
    this.stopped = true;
    const isException = event.reason === 'exception' || event.reason === 'promiseRejection';
    if (isException) {
      try {
        await this.onException(event);
      } catch (err) {
        debug('pause', `exception hook failed: ${String(err)}`);
      }
    }
    if (event.reason !== 'exception' && (event as { hitBreakpoints?: string[] }).hitBreakpoints?.length) {
      try {
        await this.onBreakpoint(event);
      } catch (err) {
        debug('pause', `breakpoint hook failed: ${String(err)}`);
      }
    }
    const waiter = this.waiter;
    // A pause before a script runs is no place to read scopes (V8 aborts on
    // it): let it go; the requested pause lands on the next statement.
    if (waiter && event.reason !== 'instrumentation') {
      this.waiter = undefined;
      waiter(event); // Our pause: the caller resumes.
      return;
    }
    await this.resume();
  }

  private async resume(): Promise<void> {
    this.stopped = false;
    try {
      await this.client.post('Debugger.resume');
    } catch (err) {
      debug('pause', `resume failed: ${String(err)}`);
    }
  }

  /**
   * Pauses the main thread, runs `work` with the paused frames, and resumes.
   * Resolves to undefined when the pause did not land within `timeoutMs`.
   */
  async withPause<T>(timeoutMs: number, work: (event: PausedEvent) => Promise<T>): Promise<T | undefined> {
    if (this.busy) return undefined;
    this.busy = true;
    try {
      const landed = new Promise<PausedEvent | undefined>((resolve) => {
        const timer = setTimeout(() => {
          // Give up; should the pause land later, `paused` finds no waiter and resumes it.
          this.waiter = undefined;
          resolve(undefined);
        }, timeoutMs);
        this.waiter = (event) => {
          clearTimeout(timer);
          resolve(event);
        };
      });
      await this.client.post('Debugger.pause');
      // A pause lands on the next JavaScript the main thread runs: when it is
      // idle in the event loop, give it a little to run. Never while it is
      // stopped in another pause: the evaluation would run inside that pause.
      // A busy thread stops within a millisecond or two; only poke an idle one.
      const early = await within(POKE_AFTER_MS, landed, 'idle' as const);
      if (early === 'idle' && !this.stopped && this.waiter) {
        this.client.post('Runtime.evaluate', { expression: '0', silent: true }).catch(() => {});
      }
      const event = early === 'idle' ? await landed : early;
      if (!event) return undefined;
      try {
        // Whatever goes wrong in the work, the script must not stay stopped.
        const done = await within(WORK_LIMIT_MS, work(event).then((value) => ({ value })), undefined);
        if (!done) debug('pause', `work took over ${WORK_LIMIT_MS} ms: resuming the script`);
        return done?.value;
      } finally {
        await this.resume();
      }
    } finally {
      this.busy = false;
    }
  }
}
