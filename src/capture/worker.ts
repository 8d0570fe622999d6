// The capture worker: a thread inside the script's process, attached to the
// main thread through node:inspector. It pauses the main thread only when a
// checkpoint is due; otherwise the script runs at full speed.
import './silence-stdio.js';
import { Session } from 'node:inspector';
import { parentPort, workerData } from 'node:worker_threads';
import type { CollectResult } from '../shared/capture-protocol.js';
import { debug } from '../shared/debug.js';
import { readSettings } from '../shared/settings.js';
import { Control, Ready, type MainToWorker, type WorkerStart } from '../shared/worker-protocol.js';
import { MainThreadCollector } from './collect-call.js';
import { listenForRequests } from './control-socket.js';
import { Engine } from './engine.js';
import { ExceptionWatch } from './exceptions.js';
import { ModuleScopes } from './frames.js';
import { InspectorClient } from './inspector-client.js';
import { ModuleEnd } from './module-end.js';
import { Pauser } from './pauser.js';
import { Recorder } from './recorder.js';
import { reportCrash } from './report.js';
import { Scheduler } from './scheduler.js';
import { libraryMatcher, ownCodeMatcher, ScriptRegistry } from './scripts.js';
import { watchSignals, type WatchedSignal } from './signals.js';
import path from 'node:path';

interface ParsedScript {
  scriptId: string;
  url: string;
  sourceMapURL?: string;
  isModule?: boolean;
  endLine: number;
  endColumn: number;
}

const start = workerData as WorkerStart;
const control = new Int32Array(start.control);
const settings = readSettings(process.env);
const entry = path.resolve(start.cwd, start.entry);

// A worker whose only pending work is an inspector reply exits before the
// reply arrives, and one that exits after pausing the main thread can crash
// the process: keep this thread alive for the life of the process (the main
// thread unrefs it, so it never keeps the script alive).
setInterval(() => {}, 1 << 30);

const session = new Session();
const client = new InspectorClient(session);
const scripts = new ScriptRegistry(
  ownCodeMatcher({ entry, cwd: start.cwd, include: settings.include, exclude: settings.exclude }),
  libraryMatcher(settings.libs),
);
const modules = new ModuleScopes(client, scripts, entry, start.cwd);
const exceptions = new ExceptionWatch(client, scripts, modules);
const moduleEnd = new ModuleEnd(client);
const pauser = new Pauser(client, session, (event) => exceptions.onException(event), async (event) => {
  if (moduleEnd.owns(event)) await moduleEnd.keep(event);
});
const collector = new MainThreadCollector(client, scripts);
const recorder = new Recorder(settings, start);
const engine = new Engine(client, pauser, scripts, modules, collector, exceptions, moduleEnd, recorder, settings, start);
const scheduler = new Scheduler(settings, async () => (await engine.take('interval')).costMs);
let crash: { n: number } | undefined;
let detached = false;
let closeControl = (): void => {};
/** Checkpoints run one at a time, in the order asked. */
let queue: Promise<unknown> = Promise.resolve();
const serially = <T>(job: () => Promise<T>): Promise<T> => {
  const next = queue.then(job, job);
  queue = next.catch(() => {});
  return next;
};

function mark(slot: number, seq: number): void {
  Atomics.store(control, slot, seq);
  Atomics.notify(control, slot);
}

/** Lets go of the main thread: with a session attached at exit, Node prints a line of its own. */
function detach(): void {
  if (detached) return;
  detached = true;
  scheduler.stop();
  closeControl();
  try {
    session.disconnect();
  } catch (err) {
    debug('worker', `disconnect failed: ${String(err)}`);
  }
  mark(Control.DISCONNECTED, 1);
}

async function onMain(message: MainToWorker | CollectResult): Promise<void> {
  if (message.type === 'collected') return collector.received(message);
  if (message.type === 'configure') {
    if (message.every !== undefined) settings.every = message.every;
    if (message.minSize !== undefined) settings.minSize = message.minSize;
    if (message.budget !== undefined) settings.budget = message.budget;
    scheduler.start();
    return;
  }
  const { seq } = message;
  await serially(async () => {
    if (message.type === 'exit' && crash) {
      // The crash checkpoint is the last word; exit only closes the run.
      mark(Control.REQUEST_DONE, seq);
    } else {
      const trigger = message.type === 'snapshot' ? 'api' : message.type;
      const taken = await engine.take(trigger, {
        ...(message.label !== undefined ? { label: message.label } : message.origin ? { label: message.origin } : {}),
        atThrow: message.type === 'crash',
        onRead: () => mark(Control.REQUEST_DONE, seq),
      });
      if (message.type === 'crash' && taken.written) crash = { n: taken.written.n };
    }
    if (message.type === 'exit') {
      recorder.end({ status: crash ? 'crashed' : 'exited', exitCode: message.code ?? 0 });
      if (crash && recorder.dir && !settings.quiet) reportCrash(recorder.run, crash.n, recorder.dir, settings.out === undefined, settings.runOwner === process.ppid);
    }
    mark(Control.REQUEST_WRITTEN, seq);
  });
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

async function attach(): Promise<void> {
  session.on('Debugger.scriptParsed', (message: { params: ParsedScript }) => {
    scripts.add(message.params);
    const script = scripts.get(message.params.scriptId);
    if (script?.file === entry) moduleEnd.entryParsed(message.params, script.commonjs);
  });
  session.connectToMainThread();
  await client.post('Debugger.enable', {});
  await collector.attach();
  await moduleEnd.preset(entry);
}

function detachWhenExiting(): void {
  const waiting = Atomics.waitAsync(control, Control.EXITING, 0);
  if (waiting.async) void waiting.value.then(detach);
  else detach();
}

attach().then(
  async () => {
    parentPort?.on('message', (message: MainToWorker | CollectResult) => void onMain(message));
    detachWhenExiting();
    watchSignals({
      onSignal: async (signal) => {
        await serially(() => engine.take('signal', { label: signal }));
      },
      scriptListens,
      beforeDeath: (signal) => {
        recorder.end({ status: 'killed', signal });
        detach();
      },
    });
    // Pausing on exceptions makes the inspector format each error's stack at
    // once, and an error that then ends as an unhandled rejection is reported
    // by node without its source line. Until that is solved, throw-site
    // capture is opt-in (--throw-site); crash checkpoints otherwise hold the
    // module state at the crash.
    if (settings.throwSite) await exceptions.enable();
    scheduler.start();
    closeControl = listenForRequests(recorder.run, async (label) => {
      const taken = await serially(() => engine.take('request', label !== undefined ? { label } : {}));
      const w = taken.written;
      return w
        ? { ok: true, runId: recorder.run, n: w.n, ...(recorder.dir ? { store: recorder.dir } : {}), bytesTotal: w.bytesTotal, bytesNew: w.bytesNew }
        : { ok: false, runId: recorder.run, reason: 'nothing salient to save (see --min-size)' };
    });
    mark(Control.READY, Ready.ATTACHED);
    // The store's code (SQLite and all) loads after the script has started.
    recorder.prepare();
  },
  (err: unknown) => {
    debug('worker', `attach failed: ${String(err)}`);
    detach();
    mark(Control.READY, Ready.FAILED);
  },
);
