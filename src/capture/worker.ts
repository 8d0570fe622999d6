// The capture worker: a thread inside the script's process, attached to the
// main thread through node:inspector. It pauses the main thread only when a
// checkpoint is due; otherwise the script runs at full speed.
import './silence-stdio.js';
import { Session } from 'node:inspector';
import { parentPort, workerData } from 'node:worker_threads';
import { debug } from '../shared/debug.js';
import { Control, type WorkerStart, type WorkerToMain } from '../shared/worker-protocol.js';
import { InspectorClient } from './inspector-client.js';
import { watchSignals, type WatchedSignal } from './signals.js';

const start = workerData as WorkerStart;
const control = new Int32Array(start.control);

function tell(message: WorkerToMain): void {
  parentPort?.postMessage(message);
}

// A worker whose only pending work is an inspector reply exits before the
// reply arrives, and one that exits after pausing the main thread can crash
// the process: keep this thread alive for the life of the process (the main
// thread unrefs it, so it never keeps the script alive).
setInterval(() => {}, 1 << 30);

const session = new Session();
const client = new InspectorClient(session);

async function attach(): Promise<void> {
  session.connectToMainThread();
  await client.post('Debugger.enable', {});
  // `debugger;` statements in the script must not stop it: plain node ignores
  // them when no debugger is attached. Debugger.pause still works.
  await client.post('Debugger.setBreakpointsActive', { active: false });
  session.on('Debugger.paused', () => {
    // Nothing asks for a pause yet; never leave the script stopped.
    void client.post('Debugger.resume', {}).catch(() => {});
  });
}

let detached = false;

/** Lets go of the main thread: with a session attached at exit, Node prints a line of its own. */
function detach(): void {
  if (detached) return;
  detached = true;
  try {
    session.disconnect();
  } catch (err) {
    debug('worker', `disconnect failed: ${String(err)}`);
  }
  Atomics.store(control, Control.DISCONNECTED, 1);
  Atomics.notify(control, Control.DISCONNECTED);
}

function detachWhenExiting(): void {
  const waiting = Atomics.waitAsync(control, Control.EXITING, 0);
  if (waiting.async) void waiting.value.then(detach);
  else detach();
}

/** Asks the main thread whether the script listens for `signal` (runs even mid-loop). */
async function scriptListens(signal: WatchedSignal): Promise<boolean> {
  const reply = await client.post<{ result: { value?: unknown } }>('Runtime.evaluate', {
    expression: `process.listenerCount(${JSON.stringify(signal)})`,
    returnByValue: true,
    silent: true,
  });
  return typeof reply.result.value === 'number' && reply.result.value > 0;
}

attach().then(
  () => {
    detachWhenExiting();
    watchSignals({ onSignal: async () => {}, scriptListens, beforeDeath: detach });
    tell({ type: 'ready' });
  },
  (err: unknown) => {
    debug('worker', `attach failed: ${String(err)}`);
    Atomics.store(control, Control.DISCONNECTED, 1);
    tell({ type: 'failed', reason: String(err) });
  },
);
