// Termination signals before the worker proper watches them (boot.ts). With
// this worker's session connected to the main thread, node answers SIGINT,
// SIGTERM and SIGHUP by printing "Waiting for the debugger to disconnect..."
// on the script's stderr. So from the moment it connects, the first stage
// watches them: on one, the session goes (capture is off for this run; there
// is no state to save yet), and the signal takes the effect it would have
// had without chkpt: the script's own handler runs, or the process dies of it.
import type { Session } from 'node:inspector';
import { debug } from '../shared/debug.js';
import type { WatchedSignal } from '../shared/worker-protocol.js';
import { type SignalHandles, startSignalHandles } from './signals.js';
import { within } from './timeout.js';

/** Time to learn whether the script listens for the signal (no answer: it does not). */
const ASK_MS = 300;

/**
 * Starts watching; returns the hand-over to the worker proper, whose handler
 * takes the signals from then on. `arrived` notes a signal at once (the
 * script may end before this thread has asked about it: its exit hook then
 * re-raises it).
 *
 * The hand-over gives the worker proper these very handles, with its
 * handler: closing them and starting others dropped a signal that came while
 * this thread ran the worker proper's attach and waited in the loop for its
 * handle (a SIGINT 150 ms into a busy script was lost in about 1 run of 12
 * under load, and the script ran to its end).
 */
export function watchSignalsAtBoot(session: Session, arrived: (signal: WatchedSignal) => void, gone: () => void): (onSignal: (signal: WatchedSignal) => void) => SignalHandles {
  let takenOver = false;
  const handles = startSignalHandles((signal) => void onSignal(signal));
  const stop = (): void => handles.close();

  async function onSignal(signal: WatchedSignal): Promise<void> {
    debug('boot', `${signal} received before the worker attached`);
    // Closed at once: re-raised, the signal then has its plain effect.
    stop();
    arrived(signal);
    const asked = new Promise<boolean>((resolve) => {
      session.post('Runtime.evaluate', { expression: `process.listenerCount(${JSON.stringify(signal)})`, returnByValue: true, silent: true },
        (err, reply) => resolve(!err && typeof reply?.result?.value === 'number' && reply.result.value > 0));
    });
    const listens = await within(ASK_MS, asked, false);
    // Taken over meanwhile: the worker proper, which did not hear this one,
    // gets it again (unless the script's own handler had it).
    if (!takenOver) gone();
    if (!listens) process.kill(process.pid, signal);
  }

  // Closed by a signal heard here (being re-raised): the worker proper starts its own.
  return (onSignal) => {
    takenOver = true;
    if (handles.closed) return startSignalHandles(onSignal);
    handles.setHandler(onSignal);
    return handles;
  };
}
