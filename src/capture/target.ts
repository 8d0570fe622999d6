// One thread of the script that chkpt checkpoints: its main thread, or one of
// its worker threads. Each has its own inspector session, scripts, pauses,
// recorder (its own run) and schedule, and serves the requests of its bridge.
import type { CollectResult, StagingReady } from '../shared/capture-protocol.js';
import type { CaptureSettings } from '../shared/settings.js';
import { Control, setControl, type MainToWorker, type WorkerStart } from '../shared/worker-protocol.js';
import { MainThreadCollector } from './collect-call.js';
import { Engine, type TakeOptions, type Taken } from './engine.js';
import { FunctionDiscovery } from './discover-functions.js';
import { ExceptionWatch } from './exceptions.js';
import { ModuleScopes } from './module-scopes.js';
import { InspectorClient, type SessionLike } from './inspector-client.js';
import { ModuleEnd } from './module-end.js';
import { findClass } from './find-class.js';
import { Pauser, type Poke } from './pauser.js';
import { Recorder } from './recorder.js';
import { logPushedOut, reportCrash } from './report.js';
import { debug } from '../shared/debug.js';
import { setTimeout as delay } from 'node:timers/promises';
import { within } from './timeout.js';
import { Scheduler } from './scheduler.js';
import { StagingToucher } from './staging-touch.js';
import { libraryMatcher, ownCodeMatcher, ScriptRegistry } from './scripts.js';
import type { Trigger } from '../shared/encoded.js';

interface ParsedScript {
  scriptId: string;
  url: string;
  sourceMapURL?: string;
  isModule?: boolean;
  endLine: number;
  endColumn: number;
}

export { DEBUGGER_ENABLE } from '../shared/debugger-enable.js';

/** How long the thread may take to prepare (it runs the warm-up when its event loop or an interrupt lets it). */
const PREPARE_TIMEOUT_MS = 2000;

/** Encoder warm-up rounds before the first checkpoint, in steps (see Target.prepare). */
const WARM_UP_ROUNDS = [5, 2, 1];
/** Time between the steps: for background compiles to finish and be installed. */
const WARM_UP_GAP_MS = 30;

/** How long the staging buffer posted while preparing may take to arrive. */
const STAGING_MESSAGE_MS = 1000;

/** How long a probe's pause may take to land (an idle thread is not in a loop). */
const PROBE_TIMEOUT_MS = 200;
/** How long a class lookup for chkpt.restore() may wait for its pause. */
const FIND_CLASS_TIMEOUT_MS = 5000;

export interface TargetOptions {
  session: SessionLike;
  settings: CaptureSettings;
  start: WorkerStart;
  /** The thread's entry file (the script, or the worker thread's file). */
  entry: string;
  /** For a worker thread: the run of the main thread, its parent. */
  parentRun?: () => string;
  /** Makes the thread run a little JavaScript from its event loop (see Pauser). */
  poke: Poke;
  /** Whether the crash line is printed (the main thread's crash only). */
  reportsCrash: boolean;
  /**
   * Whether to keep the entry's final top-level state (module-end.ts; the
   * main thread only), and whether the entry starts after the worker has
   * attached or was running already.
   */
  moduleEnd?: 'before-start' | 'running';
}

export class Target {
  readonly client: InspectorClient;
  readonly scripts: ScriptRegistry;
  readonly modules: ModuleScopes;
  readonly exceptions: ExceptionWatch;
  readonly moduleEnd: ModuleEnd;
  readonly pauser: Pauser;
  readonly collector: MainThreadCollector;
  readonly recorder: Recorder;
  readonly engine: Engine;
  readonly scheduler: Scheduler;
  private readonly toucher = new StagingToucher();
  /** Whether a checkpoint has staged its bytes (the staging buffer then follows the checkpoints' needs). */
  private staged = false;
  /** While preparing: resolves with the staging buffer the thread posts. */
  private stagingArrives: ((buffer: SharedArrayBuffer) => void) | undefined;
  /** The crash checkpoint, and when it was written. */
  private crash: { n: number; at: number } | undefined;
  private control: Int32Array | undefined;
  /** Checkpoints run one at a time, in the order asked. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: TargetOptions) {
    const { session, settings, start, entry } = options;
    this.client = new InspectorClient(session);
    this.scripts = new ScriptRegistry(
      ownCodeMatcher({ entry, cwd: start.cwd, include: settings.include, exclude: settings.exclude }),
      libraryMatcher(settings.libs),
    );
    this.modules = new ModuleScopes(this.client, this.scripts, entry, start.cwd);
    this.exceptions = new ExceptionWatch(this.client, this.scripts, this.modules,
      (on) => this.control && setControl(this.control, Control.EXCEPTION_PAUSES, on ? 1 : 0),
      () => (this.control ? Atomics.exchange(this.control, Control.STACK_FORMATS, 0) : 0));
    this.moduleEnd = new ModuleEnd(this.client, options.moduleEnd === 'running');
    this.pauser = new Pauser(this.client, session, options.poke, (event) => this.exceptions.onException(event), async (event) => {
      if (this.moduleEnd.owns(event)) await this.moduleEnd.keep(event);
    });
    // In the checkpoint queue: a probe must not take the pause a signal's checkpoint waits for.
    this.moduleEnd.useProbe((look) => this.serially(() => this.pauser.withPause(PROBE_TIMEOUT_MS, look)));
    this.collector = new MainThreadCollector(this.client, this.scripts);
    this.recorder = new Recorder(settings, { ...start, entry }, options.parentRun);
    this.engine = new Engine(this.client, this.pauser, this.scripts, this.modules, this.collector, this.exceptions, this.moduleEnd, this.recorder, settings, start,
      new FunctionDiscovery(this.client, this.scripts, this.modules));
    this.scheduler = new Scheduler(settings, {
      // The budget is the script's: the time it stands paused. Writing runs on
      // this thread, one checkpoint at a time, while the script goes on.
      take: async () => (await this.take('interval')).pauseMs,
      // The main thread only: a worker thread may sit in Atomics.wait (tsx's
      // esbuild service does), where a command outside a pause waits for ever.
      ...(options.moduleEnd ? { prepare: (first: boolean) => this.serially(() => this.prepare(first)) } : {}),
      pushedOut: (delayMs, expectedMs) => logPushedOut(settings.verbose, delayMs, expectedMs, settings.budget),
    });
    session.on('Debugger.scriptParsed', (message) => {
      const params = (message as { params: ParsedScript }).params;
      this.scripts.add(params);
      const script = this.scripts.get(params.scriptId);
      if (options.moduleEnd && script?.file === entry) this.moduleEnd.entryParsed(params, script.commonjs);
    });
  }

  /**
   * Readies the thread for its first checkpoint (in the queue), not in a
   * pause: warms the encoder up (code made hot inside a pause is not
   * optimized until it ends), once; then, until a checkpoint has been taken,
   * has the thread reserve a staging buffer for the binary data it holds now,
   * and touches it before the checkpoint uses it. After the first
   * checkpoint the staging buffer grows as needed and its rest is touched
   * after each one (takeNow): nothing is left to do here.
   */
  private async prepare(first: boolean): Promise<void> {
    if (this.ended || this.staged) return;
    let warmUpMs = 0;
    if (first) {
      // V8 compiles a function it marked hot at the function's next call: a
      // function marked late in one warm-up is compiled at the next, and
      // installed while the script runs on. With one step, the encoder's main
      // loop was first compiled inside the first checkpoint's pause.
      for (const [i, rounds] of WARM_UP_ROUNDS.entries()) {
        if (i > 0) await delay(WARM_UP_GAP_MS);
        warmUpMs += (await within(PREPARE_TIMEOUT_MS, this.collector.warmUp(rounds), undefined)) ?? 0;
      }
    }
    const staging = new Promise<SharedArrayBuffer | undefined>((resolve) => (this.stagingArrives = resolve));
    const reserved = await within(PREPARE_TIMEOUT_MS, this.collector.reserveStaging(), undefined);
    const buffer = reserved ? await within(STAGING_MESSAGE_MS, staging, undefined) : undefined;
    this.stagingArrives = undefined;
    debug('scheduler', `prepared: encoder warm-up ${warmUpMs.toFixed(1)} ms, staging ${reserved ?? 0} bytes reserved`);
    if (buffer) await this.toucher.touch(buffer);
  }

  /** Runs checkpoint jobs one at a time. */
  serially<T>(job: () => Promise<T>): Promise<T> {
    const next = this.queue.then(job, job);
    this.queue = next.catch(() => {});
    return next;
  }

  /** Resolves once the checkpoints asked for so far are done. */
  idle(): Promise<unknown> {
    return this.queue;
  }

  /** Takes one checkpoint after those already asked for. */
  take(trigger: Trigger, options: TakeOptions = {}): Promise<Taken> {
    const asked = Date.now();
    return this.serially(() => this.takeNow(trigger, options, asked));
  }

  /**
   * Takes one checkpoint now (in the queue), then has the rest of its staging
   * buffer touched after it. None once the thread's run has ended: a
   * checkpoint that waited behind the exit checkpoint finds the session going.
   * Nor an interval checkpoint asked for before a crash checkpoint was
   * written (it waited behind it): the crash is the state to see last. (A
   * script that lives on after its crash, by a handler of its own, gets its
   * later interval checkpoints.)
   */
  private async takeNow(trigger: Trigger, options: TakeOptions = {}, asked = Date.now()): Promise<Taken> {
    if (this.ended || (trigger === 'interval' && this.crash !== undefined && asked <= this.crash.at)) {
      options.onRead?.();
      return { pauseMs: 0 };
    }
    const taken = await this.engine.take(trigger, options);
    if (taken.staging) {
      const { buffer, bytes } = taken.staging;
      this.staged = true;
      this.toucher.written(buffer, bytes);
      if (this.toucher.pending(buffer)) void this.serially(() => this.toucher.touch(buffer));
    }
    return taken;
  }

  /** The control words the thread's requests wait on. */
  useControl(control: Int32Array): void {
    this.control = control;
  }

  private mark(slot: number, seq: number): void {
    if (this.control) setControl(this.control, slot, seq);
  }

  /** Serves one message of the thread's bridge. */
  async onMessage(message: MainToWorker | CollectResult | StagingReady): Promise<void> {
    if (message.type === 'collected') return this.collector.received(message);
    if (message.type === 'staging') {
      const { staging } = message;
      if (this.stagingArrives) this.stagingArrives(staging);
      else void this.serially(() => this.toucher.touch(staging));
      return;
    }
    const { settings } = this.options;
    if (message.type === 'configure') {
      if (message.every !== undefined) settings.every = message.every;
      if (message.minSize !== undefined) settings.minSize = message.minSize;
      if (message.budget !== undefined) settings.budget = message.budget;
      this.scheduler.start();
      return;
    }
    if (message.type === 'find-class') {
      await this.serially(async () => {
        const found = await this.pauser.withPause(FIND_CLASS_TIMEOUT_MS, (event) => findClass(this.client, this.scripts, this.modules, event, message));
        if (!found) debug('target', `class ${message.name} not found`);
        this.mark(Control.REQUEST_DONE, message.seq);
      });
      return;
    }
    const { seq } = message;
    await this.serially(async () => {
      if (message.type === 'exit' && this.crash) {
        // The crash checkpoint is the last word; exit only closes the run.
        this.mark(Control.REQUEST_DONE, seq);
      } else {
        const trigger = message.type === 'snapshot' ? 'api' : message.type;
        const taken = await this.takeNow(trigger, {
          ...(message.label !== undefined ? { label: message.label } : message.origin ? { label: message.origin } : {}),
          atThrow: message.type === 'crash',
          onRead: () => this.mark(Control.REQUEST_DONE, seq),
        });
        if (message.type === 'crash' && taken.written) this.crash = { n: taken.written.n, at: Date.now() };
      }
      if (message.type === 'exit') {
        this.exitListening = message.listening ?? [];
        this.end(message.code ?? 0);
      }
      this.mark(Control.REQUEST_WRITTEN, seq);
    });
  }

  private ended = false;
  /** The termination signals the script listened for at its exit. */
  exitListening: readonly string[] = [];

  /** Closes the thread's run: exited, or crashed. */
  end(exitCode: number): void {
    if (this.ended) return;
    this.ended = true;
    this.scheduler.stop();
    const { recorder, crash } = this;
    const { settings } = this.options;
    recorder.end({ status: crash ? 'crashed' : 'exited', exitCode });
    if (crash && recorder.dir && this.options.reportsCrash && !settings.quiet) {
      reportCrash(recorder.run, crash.n, recorder.dir, settings.out === undefined, settings.runOwner === process.ppid);
    }
  }
}
