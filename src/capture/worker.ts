// The capture worker: a thread inside the script's process, attached to the
// main thread through node:inspector. It pauses the main thread only when a
// checkpoint is due; otherwise the script runs at full speed. The script's
// worker threads are reached through the same session (threads.ts).
import './silence-stdio.js';
import { parentPort, workerData } from 'node:worker_threads';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { resendUnsent } from '../remote/unsent.js';
import type { CollectResult, StagingReady } from '../shared/capture-protocol.js';
import { debug } from '../shared/debug.js';
import { readSettings } from '../shared/settings.js';
import { Control, Ready, setControl, type MainToWorker, POKE_MESSAGE, type WorkerStart } from '../shared/worker-protocol.js';
import { listenForRequests } from './control-socket.js';
import { watchOwner } from './owner-watch.js';
import { within } from './timeout.js';
import { watchSignals, type SignalWatch, type WatchedSignal } from './signals.js';
import { takeBoot } from './boot-state.js';
import { EARLY_GROUP } from '../shared/worker-protocol.js';
import { Target } from './target.js';
import { ThreadTargets } from './threads.js';

/** How long exit waits for the threads' checkpoints under way. */
const THREADS_IDLE_MS = 300;

const start = workerData as WorkerStart;
const control = new Int32Array(start.control);
const settings = readSettings(process.env);
const entry = path.resolve(start.cwd, start.entry);

// A worker whose only pending work is an inspector reply exits before the
// reply arrives, and one that exits after pausing the main thread can crash
// the process: keep this thread alive for the life of the process (the main
// thread unrefs it, so it never keeps the script alive).
setInterval(() => {}, 1 << 30);

// Connected, and Debugger.enable posted, by the first stage (boot.ts).
const boot = takeBoot();
const { session } = boot;
// Arrives on the main thread's handle of this worker, which nothing listens to.
const poke = (): void => parentPort?.postMessage(POKE_MESSAGE);
// The script did not wait for this worker, unless --wait-attach: its entry is running already.
const main = new Target({ session, settings, start, entry, poke, reportsCrash: true, moduleEnd: settings.waitAttach ? 'before-start' : 'running' });
main.useControl(control);
const threads = new ThreadTargets(main.client, session, settings, start, () => main.recorder.run);
let detached = false;
let closeControl = (): void => {};

const mark = (slot: number, value: number): void => setControl(control, slot, value);

/** Stops every schedule; resolves once the threads' checkpoints under way are done. */
function stopSchedules(): Promise<unknown> {
  main.scheduler.stop();
  return threads.stop();
}

/** Lets go of the main thread at once (the process is dying). */
function detach(): void {
  void stopSchedules();
  letGo();
}

/** Disconnects: with a session attached at exit, Node prints a line of its own. */
function letGo(): void {
  if (detached) return;
  detached = true;
  closeControl();
  try {
    session.disconnect();
  } catch (err) {
    debug('worker', `disconnect failed: ${String(err)}`);
  }
  mark(Control.DISCONNECTED, 1);
}

/**
 * Asks the main thread whether the script listens for `signal` (runs even
 * mid-loop). In the checkpoint queue: no pause may be pending while an
 * evaluation runs (see Pauser).
 */
function scriptListens(signal: WatchedSignal): Promise<boolean> {
  return main.serially(async () => {
    const reply = await main.client.post<{ result: { value?: unknown } }>('Runtime.evaluate', {
      expression: `process.listenerCount(${JSON.stringify(signal)})`,
      returnByValue: true,
      silent: true,
    });
    return typeof reply.result.value === 'number' && reply.result.value > 0;
  });
}

async function attach(): Promise<void> {
  debug('worker', 'started', 2);
  await boot.enabled;
  debug('worker', 'debugger enabled', 2);
  await main.collector.attach();
  debug('worker', 'main-thread module loaded', 2);
  await main.moduleEnd.preset(entry);
}

/**
 * Takes over pauses at throws from the main thread, which paused at them
 * itself until now (the script did not wait for this worker), and adopts
 * the throws it kept. The hand-over and this worker's own pauses at throws
 * are posted together and run back to back on the main thread: one owner of
 * pauses at a time, and no moment without throw-site capture (the stack
 * guard stays armed).
 */
async function takeOverThrows(): Promise<void> {
  try {
    const early = main.collector.takeEarlyThrows(EARLY_GROUP);
    const own = settings.throwSite ? main.exceptions.enable() : undefined;
    const list = await early;
    await own;
    if (list) await main.exceptions.adopt(list);
  } catch (err) {
    debug('worker', `early throws not adopted: ${String(err)}`);
  } finally {
    main.client.post('Runtime.releaseObjectGroup', { objectGroup: EARLY_GROUP }).catch(() => {});
  }
}

/** At exit: lets go once the threads' checkpoints under way are done (the main thread waits 500 ms at most). */
async function detachAtExit(): Promise<void> {
  await within(THREADS_IDLE_MS, stopSchedules(), undefined);
  // A signal sent as the script ended is read in this turn of the loop.
  await new Promise(setImmediate);
  main.recorder.handOffUploads();
  signals?.atExit(main.exitListening);
  letGo();
}

let signals: SignalWatch | undefined;

function detachWhenExiting(): void {
  boot.attached = true;
  const waiting = Atomics.waitAsync(control, Control.EXITING, 0);
  if (waiting.async) void waiting.value.then(detachAtExit);
  else void detachAtExit();
}

attach().then(
  async () => {
    parentPort?.on('message', (message: MainToWorker | CollectResult | StagingReady) => void main.onMessage(message));
    detachWhenExiting();
    // A run of this machine killed before it had sent everything to its shared store: sent now, by a detached push.
    resendUnsent(fileURLToPath(new URL('../cli/main.js', import.meta.url)));
    signals = watchSignals({
      onSignal: async (signal) => {
        await main.take('signal', { label: signal });
      },
      scriptListens,
      beforeDeath: (signal) => {
        main.recorder.end({ status: 'killed', signal });
        main.recorder.handOffUploads();
      },
      afterKill: detach,
    }, boot.handOverSignals);
    await takeOverThrows();
    main.moduleEnd.attached();
    if (main.recorder.resuming) void main.serially(() => main.recorder.begin());
    main.scheduler.start();
    closeControl = listenForRequests(main.recorder.run, async (label) => {
      const taken = await main.take('request', label !== undefined ? { label } : {});
      const w = taken.written;
      const { recorder } = main;
      return w
        ? { ok: true, runId: recorder.run, n: w.n, ...(recorder.dir ? { store: recorder.dir } : {}), bytesTotal: w.bytesTotal, bytesNew: w.bytesNew }
        : { ok: false, runId: recorder.run, reason: 'nothing salient to save (see --min-size)' };
    });
    watchOwner(settings.runOwner, start.ppid, () => {
      debug('worker', '`chkpt run` is gone: ending the script as it would have ended with it');
      main.recorder.end({ status: 'killed', signal: 'SIGKILL' });
      detach();
      process.kill(process.pid, 'SIGKILL');
    });
    debug('worker', 'attached', 2);
    mark(Control.READY, Ready.ATTACHED);
    // The store's code (SQLite and all) loads after the script has started.
    main.recorder.prepare();
    await threads.enable();
  },
  (err: unknown) => {
    debug('worker', `attach failed: ${String(err)}`);
    detach();
    mark(Control.READY, Ready.FAILED);
  },
);
