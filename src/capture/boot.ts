// The capture worker's first stage, its entry file: small, so that the
// inspector session is connected and Debugger.enable under way as soon as
// the thread is up. While the main thread answers it (replaying the scripts
// parsed so far), this thread loads the worker proper (worker.cjs) from V8's
// code cache, written beside it at build time: no parse of half a megabyte of
// JavaScript on the way to the script's first line. The events of
// Debugger.enable reach this thread's event loop only after the synchronous
// load, so the worker's listeners miss none of them.
import { readFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import Module, { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import { parentPort, receiveMessageOnPort, workerData } from 'node:worker_threads';
import { Control, setControl, Settings, WATCHED_SIGNALS, type WorkerSettings, type WorkerStart } from '../shared/worker-protocol.js';
import { BOOT_KEY, type Boot } from './boot-state.js';
import { debug } from '../shared/debug.js';
import { DEBUGGER_ENABLE } from '../shared/debugger-enable.js';
import { watchSignalsAtBoot } from './boot-signals.js';

/** How long the worker waits for settings the main thread is reading. */
const SETTINGS_TIMEOUT_MS = 5000;

const start = workerData as WorkerStart;
const control = new Int32Array(start.control);

/** The settings the main thread posts (bin/chkpt's options); false when the script runs without capture. */
function receiveSettings(): boolean {
  const deadline = Date.now() + SETTINGS_TIMEOUT_MS;
  while (Atomics.load(control, Control.SETTINGS) === 0 && Date.now() < deadline) {
    Atomics.wait(control, Control.SETTINGS, 0, 100);
  }
  if (Atomics.load(control, Control.SETTINGS) !== Settings.POSTED || !parentPort) return false;
  const received = receiveMessageOnPort(parentPort)?.message as WorkerSettings | undefined;
  if (received?.type !== 'settings') return false;
  Object.assign(process.env, received.env);
  return true;
}

/** Runs a CommonJS bundle as require would, compiled from its code cache when V8 takes it. */
function runBundle(file: string): void {
  const source = Module.wrap(readFileSync(file, 'utf8'));
  let cachedData: Buffer | undefined;
  try {
    cachedData = readFileSync(`${file}.cache`);
  } catch {
    // Built without a cache: compiled as usual.
  }
  const script = new vm.Script(source, { filename: file, ...(cachedData ? { cachedData } : {}) });
  debug('boot', `worker compiled${script.cachedDataRejected === false ? ' from its code cache' : ''}`, 2);
  const wrapper = script.runInThisContext() as (...args: unknown[]) => void;
  const module = { exports: {} };
  wrapper.call(module.exports, module.exports, createRequire(file), module, file, path.dirname(file));
}

debug('boot', 'thread up', 2);
if (receiveSettings()) {
  debug('boot', 'settings known', 2);
  const session = new Session();
  if (Atomics.compareExchange(control, Control.SESSION, 0, 1) !== 0) process.exit(); // The script has ended.
  const letGo = (): void => {
    session.disconnect();
    setControl(control, Control.DISCONNECTED, 1);
  };
  const handOverSignals = watchSignalsAtBoot(session, (signal) => setControl(control, Control.SIGNAL, WATCHED_SIGNALS.indexOf(signal) + 1), letGo);
  session.connectToMainThread();
  const enabled = new Promise<void>((resolve, reject) => {
    session.post('Debugger.enable', DEBUGGER_ENABLE, (err) => (err ? reject(err) : resolve()));
  });
  // Awaited, and its failure handled, by the worker proper.
  enabled.catch(() => {});

  const boot: Boot = { session, enabled, attached: false, handOverSignals };
  Object.defineProperty(globalThis, BOOT_KEY, { value: boot });
  // The script may end before the worker proper is attached (and watching
  // for it): then the session goes, after two turns of this thread's loop,
  // so that a signal already sent (a script that kills itself and ends) is
  // noted first, for the exit to re-raise (it ended with code 0 in about 1
  // run of 3 without them).
  const exiting = Atomics.waitAsync(control, Control.EXITING, 0);
  void Promise.resolve(exiting.value).then(() => setImmediate(() => setImmediate(() => {
    if (!boot.attached) letGo();
  })));
  runBundle(fileURLToPath(new URL('./worker.cjs', import.meta.url)));
}
