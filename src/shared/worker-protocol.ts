// Messages between the preload (main thread of the script) and the capture
// worker. Types only, plus the layout of the shared control words: both sides
// import this module and nothing else of each other.

/** What the preload hands to the capture worker at start (its workerData). */
export interface WorkerStart {
  /** Marks the worker as chkpt's own, so the preload never recurses into it. */
  chkptCaptureWorker: true;
  /** Control words shared with the main thread; see `Control`. */
  control: SharedArrayBuffer;
  /** The entry script as the main thread saw it (process.argv[1]). */
  entry: string;
  /** The process's parent when the preload ran. */
  ppid: number;
  /** process.argv and cwd of the main thread, for the run record. */
  argv: string[];
  cwd: string;
  /** When the thread's process started (ms since the epoch): the run record's start. */
  startedAt: number;
  /** Names of globalThis properties at startup: later ones are the script's globals. */
  baselineGlobals: string[];
}

/**
 * What the main thread posts once the worker may go on, marked in
 * `Control.SETTINGS`: the capture settings read since the worker started
 * (bin/chkpt's launch, parsed while the worker's thread boots), added to the
 * worker's env.
 */
export interface WorkerSettings {
  type: 'settings';
  env: NodeJS.ProcessEnv;
}

/** Values of `Control.SETTINGS`. */
export const Settings = {
  /** The `WorkerSettings` message is posted. */
  POSTED: 1,
  /** The script runs without capture: the worker ends without attaching. */
  NONE: 2,
} as const;

/** The name of chkpt's capture worker thread (worker threads of the script are told apart from it by it). */
export const CAPTURE_WORKER_NAME = 'chkpt-capture';

/** Indices into the Int32Array over `WorkerStart.control`. */
export const Control = {
  /** Main thread sets 1 when the process is exiting: the worker must disconnect. */
  EXITING: 0,
  /** Worker sets 1 once its inspector session is disconnected. */
  DISCONNECTED: 1,
  /** Worker stores the sequence number of the last request it has finished reading. */
  REQUEST_DONE: 2,
  /** Worker stores the sequence number of the last request it has finished writing too. */
  REQUEST_WRITTEN: 3,
  /** Worker stores a `Ready` state once it is attached or has given up. */
  READY: 4,
  /** Worker sets 1 while the thread pauses at throws (the stack guard checks for a pause only then). */
  EXCEPTION_PAUSES: 5,
  /** Main thread adds 1 per question the stack guard asks while exception pauses are on (its cost, see stack-guard.ts). */
  STACK_FORMATS: 6,
  /** Main thread stores a `Settings` value once the worker may go on past its boot (see WorkerSettings). */
  SETTINGS: 7,
  /**
   * The worker's session to the main thread: the worker stores 1 before it
   * connects, the main thread 2 when it exits before the worker has attached
   * (the worker then never connects); whoever comes second sees the other.
   */
  SESSION: 8,
  /** A termination signal the worker heard before it had attached, as 1 + its index in WATCHED_SIGNALS (its first stage re-raises it; so does exit, first). */
  SIGNAL: 9,
  /** Number of Int32 slots. */
  SIZE: 10,
} as const;

/** New control words, shared by a script thread and the capture worker. */
export function createControl(): Int32Array {
  return new Int32Array(new SharedArrayBuffer(Control.SIZE * Int32Array.BYTES_PER_ELEMENT));
}

/** Stores `value` in a control word and wakes whoever waits on it. */
export function setControl(control: Int32Array, slot: number, value: number): void {
  Atomics.store(control, slot, value);
  Atomics.notify(control, slot);
}

/** What a worker thread's bridge sends first: the control words its requests wait on. */
export interface ThreadHello {
  type: 'hello';
  control: SharedArrayBuffer;
}

/**
 * What the capture worker sends a script thread to make it run a little
 * JavaScript from its event loop, where a requested pause can land when the
 * thread is idle. Nothing listens for it: its arrival is the point.
 */
export const POKE_MESSAGE = { type: 'poke' } as const;

/** Values of `Control.READY`; the main thread waits for one of them before the script starts. */
export const Ready = {
  /** The inspector session is attached: capture is on. */
  ATTACHED: 1,
  /** The worker could not attach: capture stays off. */
  FAILED: 2,
} as const;

/** The inspector object group of the throws the worker takes over from the main thread (released once adopted). */
export const EARLY_GROUP = 'chkpt-early';

/** The termination signals chkpt checkpoints on before they take effect. */
export const WATCHED_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
export type WatchedSignal = (typeof WATCHED_SIGNALS)[number];

/** A checkpoint the main thread asks for while it waits for the pause. */
export interface MainRequest {
  type: 'snapshot' | 'exit' | 'crash';
  /** Sequence number the worker echoes in REQUEST_DONE / REQUEST_WRITTEN. */
  seq: number;
  label?: string;
  /** For 'exit': the exit code. */
  code?: number;
  /** For 'exit': the termination signals the script listens for. */
  listening?: string[];
  /** For 'crash': 'uncaughtException' or 'unhandledRejection'. */
  origin?: string;
}

/** Settings changed at run time by chkpt.configure(). */
export interface MainConfigure {
  type: 'configure';
  every?: number;
  minSize?: number;
  budget?: number;
}

/**
 * A class the main thread needs while it restores a value: the worker looks
 * for it among the bindings the paused script sees (its frames' scopes and
 * its modules') and, when found, sets it as the bridge's `resolvedClass`.
 */
export interface MainFindClass {
  type: 'find-class';
  seq: number;
  name: string;
  /** The URL of the module that defined it, as recorded. */
  module?: string;
}

export type MainToWorker = MainRequest | MainConfigure | MainFindClass;
