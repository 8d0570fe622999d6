// The one object chkpt keeps in the script's main isolate, under a registered
// symbol so that every copy of the chkpt package finds the same instance (the
// script may resolve another copy than the one `chkpt run` preloaded). It is a
// non-enumerable, symbol-keyed property of globalThis: no name the script can
// stumble on. Types and the key only.

/** The registered symbol under which the bridge lives on globalThis. */
export const BRIDGE_KEY = Symbol.for('chkpt.runtime');

/** Options a script may change at run time with chkpt.configure(). */
export interface RuntimeOptions {
  every?: number;
  minSize?: number;
  budget?: number;
}

/** What `chkpt.snapshot()` returns. */
export interface SnapshotResult {
  /** False when no checkpoint was taken (chkpt inactive, or the capture failed). */
  taken: boolean;
  reason?: string;
}

/** Options of `chkpt.restore()`. */
export interface RestoreOptions {
  /**
   * Classes to give restored instances, by their recorded name (an array of
   * classes, or an object of name -> class); others are looked up in the
   * resumed script.
   */
  classes?: Function[] | Record<string, Function>;
  /** An instance whose class the resumed script lacks comes back as a plain object (marked with its class) instead of an error. */
  plain?: boolean;
}

/** What the bridge found for `chkpt.restore()`: the value, or why none (the initializer then runs). */
export type RestoreResult = { found: true; value: unknown } | { found: false; reason: string };

/** The main-thread side of chkpt, as the public API and the capture worker see it. */
export interface RuntimeBridge {
  readonly version: string;
  /** Whether the capture worker is attached. */
  active: boolean;
  /** Values tracked with chkpt.track(), by name. */
  readonly tracked: Map<string, unknown>;
  /** Takes a checkpoint now, with the caller's frames; returns once the state is read. */
  snapshot(label?: string): SnapshotResult;
  /** Tracks `value` under `name` (always captured, whatever its size). Returns the name. */
  track(value: unknown, name?: string): string;
  /** Stops tracking a value or a name. */
  untrack(valueOrName: unknown): boolean;
  configure(options: RuntimeOptions): void;
  /** Loads one of chkpt's own modules into the main isolate (used by the worker). */
  load(file: string): unknown;
  /** The checkpoint this run resumes from (`<run>@<n>`), when it does. */
  readonly resuming?: string;
  /** Reads the value at `path` of the checkpoint resumed from; throws when it cannot be read. */
  restore?(path: string, options: RestoreOptions): RestoreResult;
  /** Set by the worker during a `find-class` request. */
  resolvedClass?: unknown;
  /** Posts a message to the capture worker (used by chkpt's main-thread module). */
  postToWorker(message: unknown): void;
  /** Ends the main thread's own pauses at throws before the worker attached, and hands over the throws kept (used by the worker). */
  takeEarlyThrows?(): unknown[];
  /** The error of an uncaught exception while its crash checkpoint is taken. */
  crashError?: unknown;
  /** Filled in by the worker's main-thread module once loaded. */
  capture?: unknown;
}
