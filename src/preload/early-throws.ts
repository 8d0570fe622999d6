// Throw-site capture before the capture worker has attached. The script's
// first line does not wait for the worker (its thread alone takes tens of ms
// to boot), so for that while this thread pauses on its own throws through a
// same-thread inspector session: at each throw it keeps the scope objects of
// the frames (the inspector's copies: the locals as they were at the throw)
// and the thrown value, and resumes. Once attached, the worker takes them
// over (`takeOver`, through the bridge) and this session ends: one owner of
// pauses at a time (a same-thread session that resumes while a worker session
// pauses the thread hangs it). A crash before that waits for the worker,
// whose crash checkpoint then reads the scopes kept here.
import { Session } from 'node:inspector';
import { DEBUGGER_ENABLE } from '../shared/debugger-enable.js';
import { debug } from '../shared/debug.js';
import { Control, setControl } from '../shared/worker-protocol.js';

/** Pauses at most, and time spent in them at most, before pauses go off (a loader throws and catches a few dozen times as it starts: tsx). */
const MAX_PAUSES = 100;
const MAX_MS = 60;
/** Throws kept (the newest ones): the worker adopts the newest one in the script's own code. */
const KEPT = 4;
/** Where the one call that gathers a throw's objects leaves them, for a moment. */
const HANDOFF = Symbol.for('chkpt.early-throw');

/** One throw, as the worker adopts it. */
export interface EarlyThrow {
  /** The paused call frames (JSON), each scope's `object.objectId` an index into `values`. */
  frames: string;
  /** The thrown value (when `thrown`), then the scope objects. */
  values: unknown[];
  thrown: boolean;
}

interface RemoteScope {
  type: string;
  object: { objectId?: string };
  startLocation?: unknown;
  endLocation?: unknown;
}

interface RemoteFrame {
  functionName: string;
  functionLocation?: unknown;
  location: { scriptId: string; lineNumber: number; columnNumber?: number };
  scopeChain: RemoteScope[];
}

interface Paused {
  reason: string;
  data?: { objectId?: string };
  callFrames: RemoteFrame[];
}

export interface EarlyThrows {
  /** Ends this session's pauses and hands over the throws kept, oldest first. */
  takeOver(): EarlyThrow[];
}

/** Starts pausing at throws on this thread; undefined when the inspector refuses. */
export function watchEarlyThrows(control: Int32Array): EarlyThrows | undefined {
  const session = new Session();
  const files = new Set<string>();
  const kept: EarlyThrow[] = [];
  let pauses = 0;
  let spentMs = 0;
  let on = true;
  const post = (method: string, params: object = {}): unknown => {
    let result: unknown;
    session.post(method, params, (err, value) => {
      if (err) throw err;
      result = value;
    });
    return result;
  };
  try {
    session.connect();
    session.on('Debugger.scriptParsed', ({ params }) => {
      if (params.url.startsWith('file:')) files.add(params.scriptId);
    });
    session.on('Debugger.paused', ({ params }) => onPause(params as unknown as Paused));
    post('Debugger.enable', DEBUGGER_ENABLE);
    post('Debugger.setPauseOnExceptions', { state: 'all' });
  } catch (err) {
    debug('preload', `no throw-site capture before the worker attaches: ${String(err)}`);
    session.disconnect();
    return undefined;
  }
  // The stack guard answers for pauses at throws from now on (stack-guard.ts).
  setControl(control, Control.EXCEPTION_PAUSES, 1);

  function onPause(paused: Paused): void {
    // The worker's own pauses (its breakpoints, say) are the worker's to resume.
    if (paused.reason !== 'exception' && paused.reason !== 'promiseRejection') return;
    const t0 = performance.now();
    try {
      keep(paused);
    } catch (err) {
      debug('preload', `early throw not kept: ${String(err)}`);
    } finally {
      spentMs += performance.now() - t0;
      if (++pauses >= MAX_PAUSES || spentMs > MAX_MS) stopPausing();
      post('Debugger.resume');
    }
  }

  function keep(paused: Paused): void {
    const ids: string[] = [];
    if (paused.data?.objectId) ids.push(paused.data.objectId);
    const thrown = ids.length === 1;
    const frames = paused.callFrames.map((frame) => ({
      callFrameId: '',
      functionName: frame.functionName,
      functionLocation: frame.functionLocation,
      location: frame.location,
      // Scopes of files only (not node's own code); the worker picks the script's.
      scopeChain: files.has(frame.location.scriptId)
        ? frame.scopeChain.filter((scope) => scope.type !== 'global' && scope.object.objectId).map((scope) => ({
          type: scope.type,
          startLocation: scope.startLocation,
          endLocation: scope.endLocation,
          object: { objectId: String(ids.push(scope.object.objectId!) - 1) },
        }))
        : [],
    }));
    if (ids.length === (thrown ? 1 : 0)) return; // Nothing of a file: the throw kept before stays.
    post('Runtime.callFunctionOn', {
      objectId: ids[0],
      functionDeclaration: `function (...rest) { globalThis[Symbol.for(${JSON.stringify(HANDOFF.description)})] = [this, ...rest]; }`,
      arguments: ids.slice(1).map((objectId) => ({ objectId })),
      silent: true,
    });
    const store = globalThis as { [HANDOFF]?: unknown[] };
    const values = store[HANDOFF] ?? [];
    delete store[HANDOFF];
    kept.push({ frames: JSON.stringify(frames), values, thrown });
    if (kept.length > KEPT) kept.shift();
  }

  /** Pauses at throws off (the state is the isolate's, not the session's). */
  function pausesOff(): void {
    if (!on) return;
    on = false;
    post('Debugger.setPauseOnExceptions', { state: 'none' });
  }

  /** Over its share: off, and the stack guard disarmed. */
  function stopPausing(): void {
    if (!on) return;
    debug('preload', `early throw-site capture off (${pauses} pauses, ${spentMs.toFixed(1)} ms)`);
    pausesOff();
    setControl(control, Control.EXCEPTION_PAUSES, 0);
  }

  return {
    takeOver() {
      // Off before the session goes; the worker turns them on for its own
      // at once, so the stack guard stays armed.
      pausesOff();
      try {
        post('Debugger.disable');
      } catch (err) {
        debug('preload', `early session: ${String(err)}`);
      }
      session.disconnect();
      return kept.splice(0);
    },
  };
}
