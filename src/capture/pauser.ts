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

/**
 * Makes the thread run a little JavaScript from its own event loop (a message
 * on a port it holds), so that a pause requested while it is idle lands.
 */
export type Poke = () => void;

/** Longest the script may stay paused for one checkpoint's reading. */
const WORK_LIMIT_MS = 20_000;
/** How long a resumed thread may take to leave its pause before chkpt goes on anyway. */
const RESUMED_MS = 1000;
/** How long a requested pause may take to land before chkpt assumes the thread is idle. */
const POKE_AFTER_MS = 25;

let pausers = 0;

export class Pauser {
  /** Tells pausers (one per thread) apart in debug lines. */
  private readonly tag = `#${++pausers}`;
  private waiter: ((event: PausedEvent) => void) | undefined;
  private busy = false;
  /** Whether the main thread is stopped in a pause being handled. */
  private stopped = false;
  /** Called when the thread has left the pause being resumed. */
  private left: (() => void) | undefined;
  /** A resume under way: the next pause is asked for once it is done. */
  private resuming: Promise<void> | undefined;

  constructor(
    private readonly client: InspectorClient,
    session: SessionLike,
    private readonly poke: Poke,
    private readonly onException: PauseHook,
    private readonly onBreakpoint: PauseHook,
  ) {
    session.on('Debugger.paused', (message: { params: PausedEvent }) => void this.paused(message.params));
    session.on('Debugger.resumed', () => this.left?.());
  }

  private async paused(event: PausedEvent): Promise<void> {
    this.stopped = true;
    debug('pause', `${this.tag} paused: ${event.reason}${this.waiter ? ' (awaited)' : ''}`, 2);
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

  /**
   * Resumes the thread and waits until it has left the pause. The reply to
   * Debugger.resume comes before that, and V8 ignores a Debugger.pause that
   * arrives while the thread is still paused: the next checkpoint's pause
   * would never land (seen as a busy loop that "did not pause within 2000 ms"
   * when a checkpoint followed another at once, on a loaded machine).
   */
  private resume(): Promise<void> {
    const resuming = this.resumeAndWait().finally(() => {
      if (this.resuming === resuming) this.resuming = undefined;
    });
    this.resuming = resuming;
    return resuming;
  }

  private async resumeAndWait(): Promise<void> {
    const left = new Promise<void>((resolve) => (this.left = resolve));
    try {
      await this.client.post('Debugger.resume');
      if (!(await within(RESUMED_MS, left.then(() => true), false))) debug('pause', `${this.tag} no resumed event within ${RESUMED_MS} ms`);
    } catch (err) {
      debug('pause', `resume failed: ${String(err)}`);
    } finally {
      this.left = undefined;
      this.stopped = false;
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
      // A pause asked for before the thread has left one that is being resumed
      // (one chkpt did not ask for, say) would be ignored.
      await this.resuming;
      const landed = new Promise<PausedEvent | undefined>((resolve) => {
        const timer = setTimeout(() => {
          // Give up; should the pause land later, `paused` finds no waiter and resumes it.
          this.waiter = undefined;
          debug('pause', `${this.tag} no pause within ${timeoutMs} ms`, 2);
          resolve(undefined);
        }, timeoutMs);
        this.waiter = (event) => {
          clearTimeout(timer);
          resolve(event);
        };
      });
      debug('pause', `${this.tag} pause`, 2);
      await this.client.post('Debugger.pause');
      // A pause lands on the next JavaScript the thread runs: when it is idle
      // in the event loop, give it a little to run. A busy thread stops within
      // a millisecond or two; only poke an idle one, and never while it is
      // stopped in another pause.
      //
      // The poke is a message the thread's event loop delivers, never an
      // inspector evaluation. Node dispatches inspector messages to a thread
      // in a loop that ignores wake-ups arriving while it runs one; a message
      // that arrives then (a worker thread's, say) waits for that loop's next
      // turn. A pause landing inside an evaluation is a pause inside that loop:
      // the stranded message is never delivered, neither is any later one
      // (they queue behind it without a wake-up), and the thread spins in the
      // pause forever. That hung about one run in twenty of a script with a
      // worker thread.
      const early = await within(POKE_AFTER_MS, landed, 'idle' as const);
      if (early === 'idle' && !this.stopped && this.waiter) {
        debug('pause', `${this.tag} poke`, 2);
        this.poke();
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
