// Keeps node's report of an uncaught error as it is when chkpt pauses at the
// throw. When V8's inspector pauses on an exception it describes the error
// for the Debugger.paused event by reading its `stack` (value-mirror.cc,
// descriptionForError), and formatting a stack replaces the error's call
// sites with the string (messages.cc, GetFormattedStack). Node prints an
// unhandled rejection and an ES module's top-level error from a message it
// builds later, from those call sites (node_errors.cc,
// TriggerUncaughtException -> Exception::CreateMessage): with them gone it
// shows its own line (`triggerUncaughtException(err, true ...)`) instead of
// the script's. A formatter that throws stores nothing and keeps the call
// sites; the inspector catches the throw and describes the error by its
// message instead.
//
// So `Error.prepareStackTrace` becomes an accessor: while the thread is
// paused (asked of a session on this thread, which answers synchronously),
// node's formatting finds a formatter that throws; at any other time it finds
// exactly the value the script or node set, and assignments are kept.
import { Session } from 'node:inspector';
import { debug } from '../shared/debug.js';

/** A call frame id no frame has: V8 says "while paused" about it only when the thread is not paused. */
const NO_FRAME = { callFrameId: '{"ordinal":0,"injectedScriptId":0}', expression: '0' };

function refuse(): never {
  throw new Error('chkpt: no stack formatting during a pause');
}

/**
 * Installs the guard on this thread's `Error`; `armed()` says whether
 * exception pauses are on at all, `counted()` is called for each stack that
 * then costs a question (the worker charges them to its time share).
 */
export function guardStackFormatting(armed: () => boolean, counted: () => void = () => {}): void {
  const own = Reflect.getOwnPropertyDescriptor(Error, 'prepareStackTrace');
  if (own && !own.configurable) return;
  let session: Session;
  try {
    session = new Session();
    session.connect();
  } catch (err) {
    debug('preload', `no stack guard: ${String(err)}`);
    return;
  }
  const paused = (): boolean => {
    let answer = false;
    session.post('Debugger.evaluateOnCallFrame', NO_FRAME, (err) => {
      answer = !(err && /while paused/.test(err.message));
    });
    return answer;
  };
  let current: unknown = own && 'value' in own ? own.value : own?.get?.call(Error);
  Object.defineProperty(Error, 'prepareStackTrace', {
    configurable: true,
    enumerable: own?.enumerable ?? false,
    get: () => {
      if (!armed()) return current;
      counted();
      return paused() ? refuse : current;
    },
    set: (value: unknown) => {
      current = value;
    },
  });
}
