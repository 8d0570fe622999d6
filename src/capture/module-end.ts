// The entry module's final top-level state. When a module's top-level code
// finishes, bindings no closure refers to are gone from every scope chain
// (V8 keeps them on the stack, not in the module's context); yet that is
// the state a script that trains in a top-level loop ends with. Breakpoints
// at the end of the entry module keep its top-level scopes, read at the last
// instant, for the checkpoints that follow (exit above all).
//
// A breakpoint keeps V8 from optimizing the function it is in, and a module's
// top-level code is one function: a training loop there ran 6-46x slower with
// one at its end. So for an entry whose top-level code has a loop, chkpt
// pauses briefly a few times (probes, from 25 ms on): when a probe finds the
// thread running the entry's own top-level code (in its loop), it keeps the
// top-level scope as it is then (objects stay live, primitives are those of
// that instant) and the breakpoints go, so that loop runs optimized from then
// on; later interval checkpoints read its bindings from its frame. A script
// done within 25 ms, or whose top-level loop calls the functions that do the
// work, keeps its breakpoints and its exact final state.
import { readFileSync, realpathSync, statSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { debug } from '../shared/debug.js';
import type { ScopeArg } from './frames.js';
import type { InspectorClient } from './inspector-client.js';
import type { PausedEvent } from './pauser.js';
import { hasTopLevelLoop, topLevelRunsOn } from './top-level-loops.js';

const GROUP = 'chkpt-module-end';
/** When the probes pause the thread, in ms after the entry is parsed. */
const PROBE_AT_MS = [25, 100, 250, 1000];
/** A late entry larger than this (bytes) is taken for a bundle: not parsed, not probed. */
const MAX_PROBED_SOURCE = 1 << 20;

/** Runs `look` during a short pause of the thread; what the pauser offers. */
export type Probe = (look: (event: PausedEvent) => Promise<void>) => Promise<unknown>;
const COMMONJS_WRAPPER = ['exports', 'require', 'module', '__filename', '__dirname'];

interface EntryScript {
  scriptId: string;
  endLine: number;
  endColumn: number;
  commonjs: boolean;
}

export class ModuleEnd {
  private readonly breakpointIds: string[] = [];
  private readonly kept: ScopeArg[] = [];
  private entry: EntryScript | undefined;
  private watching = false;
  /**
   * The entry was running before chkpt attached (the script does not wait
   * for it unless --wait-attach): no breakpoints then. Set into a running,
   * optimized top-level loop, a breakpoint deoptimizes it on the spot, and
   * V8 20 aborted the process on that now and then (a failed check in its
   * deoptimizer, 2 runs in 50 under load). So the probes decide: the
   * thread in the entry's top-level code keeps that scope as it is then;
   * that code off the stack (done, or suspended at an await) gets its end
   * breakpoints, which are then safe.
   */
  constructor(private readonly client: InspectorClient, private readonly late = false) {}

  /**
   * Before the entry is even parsed, places breakpoints by URL where a plain
   * .js entry's code ends (the code V8 runs is the file as written), so that
   * a script whose top-level code takes only milliseconds is not missed.
   */
  async preset(file: string): Promise<void> {
    if (this.late) return this.readLate(file);
    if (!/\.(?:m|c)?js$/.test(file)) return;
    try {
      const real = realpathSync(file);
      const source = readFileSync(real, 'utf8');
      // Parsed later, by the first probe: startup does not wait for it.
      this.source = source;
      const lines = source.split('\n');
      let last = lines.length - 1;
      while (last > 0 && lines[last]!.trim() === '') last--;
      const url = pathToFileURL(real).href;
      const places = [
        { lineNumber: last, columnNumber: lines[last]!.trimEnd().length },
        { lineNumber: lines.length - 1, columnNumber: lines[lines.length - 1]!.length },
      ];
      for (const place of places) await this.place(place, 'Debugger.setBreakpointByUrl', { url, ...place });
      this.watching = true;
    } catch (err) {
      debug('module-end', `no early breakpoint for ${file}: ${String(err)}`);
    }
  }

  /** Notes the entry script when V8 parses it, and sets the breakpoints at its end. */
  entryParsed(script: { scriptId: string; endLine: number; endColumn: number }, commonjs: boolean): void {
    if (this.entry) return;
    this.entry = { scriptId: script.scriptId, endLine: script.endLine, endColumn: script.endColumn, commonjs };
    // Late, the probes wait for the worker to have attached (`attached`): a
    // pause asked for while the attach runs JavaScript on the thread can
    // strand the thread in that pause.
    if (this.late) return;
    this.scheduleProbes();
    // The entry starts running right after it is compiled (CommonJS) or
    // linked (ESM): this lands in time unless its top-level code takes only a
    // few milliseconds. (A pause before each script runs would close that gap,
    // but V8 aborts the process on such pauses in some loaders' code.)
    void this.watch(this.entry);
  }

  private probesScheduled = false;

  private scheduleProbes(): void {
    if (this.probesScheduled) return;
    this.probesScheduled = true;
    for (const at of PROBE_AT_MS) setTimeout(() => void this.probeOnce(), at).unref();
  }

  /**
   * A late entry's source, to tell whether its top-level code has a loop or
   * an `await`: only then do its probes run. Each probe pauses the thread wherever it is,
   * and a pause deep in a library's hot code deoptimizes what it lands in
   * (tsc type-checking ran 4 % longer with the four probes of an entry that
   * only calls it). An entry over MAX_PROBED_SOURCE (a bundle such as tsc.js)
   * is not parsed and not probed.
   */
  private readLate(file: string): void {
    try {
      const real = realpathSync(file);
      if (statSync(real).size > MAX_PROBED_SOURCE) {
        this.loops = false;
        return;
      }
      this.source = readFileSync(real, 'utf8');
      // An `await` counts: suspended there, the entry gets its end breakpoints.
      this.loops = topLevelRunsOn(this.source) !== false;
    } catch (err) {
      debug('module-end', `cannot read the entry ${file}: ${String(err)}`);
    }
  }

  /** The worker has attached: the probes of a late entry whose top-level code loops or awaits may begin. */
  attached(): void {
    if (!this.late || !this.entry) return;
    if (this.loops === false) {
      debug('module-end', 'the entry has no top-level loop nor await: no probes', 2);
      return;
    }
    this.scheduleProbes();
  }

  private readonly placed = new Set<string>();
  /** The entry's source, parsed by the first probe to learn whether its top-level code has a loop. */
  private source: string | undefined;
  private loops: boolean | undefined;
  private probe: Probe | undefined;

  /** How to pause the thread for a probe. */
  useProbe(probe: Probe): void {
    this.probe = probe;
  }

  /** Drops the breakpoints when the thread is running the entry's own top-level code. */
  private async probeOnce(): Promise<void> {
    if (this.late) return this.probeLate();
    if (!this.probe || this.breakpointIds.length === 0) return;
    // Unread source counts as having a loop.
    this.loops ??= this.source === undefined || hasTopLevelLoop(this.source) !== false;
    if (!this.loops) return;
    await this.probe(async (event) => {
      const top = event.callFrames[0];
      if (top && top.location.scriptId === this.entry?.scriptId && this.isModuleLevel(top)) {
        debug('module-end', 'the entry runs a top-level loop: end breakpoints removed');
        await this.keep(event);
        this.removeAll();
      }
    });
  }

  /** A probe of an entry that was running before chkpt attached (see `late`). */
  private async probeLate(): Promise<void> {
    const entry = this.entry;
    // Done once the scope is kept or the breakpoints are placed.
    const done = (): boolean => this.kept.length > 0 || this.watching;
    if (!this.probe || !entry || done()) return;
    await this.probe(async (event) => {
      if (done()) return;
      const inEntry = (frame: PausedEvent['callFrames'][number] | undefined): boolean =>
        frame !== undefined && frame.location.scriptId === entry.scriptId && this.isModuleLevel(frame);
      if (inEntry(event.callFrames[0])) {
        debug('module-end', 'the entry runs its top-level code: its scope kept, no breakpoints');
        await this.keep(event);
      } else if (!event.callFrames.some(inEntry)) {
        await this.watch(entry);
      }
      // Otherwise its top-level code is further down the stack: the next probe looks again.
    });
  }

  /** Sets one breakpoint (`method`, `params`) at `at`, once per line and column. */
  private async place(at: { lineNumber: number; columnNumber: number }, method: string, params: object): Promise<void> {
    const key = `${at.lineNumber}:${at.columnNumber}`;
    if (this.placed.has(key)) return;
    this.placed.add(key);
    const reply = await this.client.post<{ breakpointId: string }>(method, params);
    this.breakpointIds.push(reply.breakpointId);
  }

  private removeAll(): void {
    for (const breakpointId of this.breakpointIds.splice(0)) {
      this.client.post('Debugger.removeBreakpoint', { breakpointId }).catch(() => {});
    }
  }

  /** A module-level function: anonymous, starting on the first line. */
  private isModuleLevel(frame: PausedEvent['callFrames'][number]): boolean {
    const commonjs = this.entry?.commonjs ?? false;
    return frame.functionName === '' && frame.functionLocation?.lineNumber === 0
      && (commonjs || frame.functionLocation.columnNumber === 0);
  }

  private async watch(script: EntryScript): Promise<void> {
    if (this.watching) return;
    this.watching = true;
    try {
      if (!script.commonjs) {
        // ESM modules break at their end position.
        const location = { scriptId: script.scriptId, lineNumber: script.endLine, columnNumber: script.endColumn };
        await this.place(location, 'Debugger.setBreakpoint', { location });
      } else {
        await this.placeCommonjsReturns(script);
      }
      // Only the probes need this, and the breakpoints must not wait for it:
      // a short script ends within milliseconds.
      const { scriptSource } = await this.client.post<{ scriptSource: string }>('Debugger.getScriptSource', { scriptId: script.scriptId });
      this.source = scriptSource;
    } catch (err) {
      debug('module-end', `no breakpoint at the end of the entry script: ${String(err)}`);
    }
  }

  /**
   * A CommonJS module ends at the implicit return of its function, and of the
   * wrapper a TypeScript loader may put around its code (`(() => {` ...
   * `})()`, closed on the last line with code).
   *
   * Asking V8 for the possible breakpoints of a range prepares every function
   * in it for debugging, and V8 never optimizes such a function again (a
   * training epoch ran 9x slower for the rest of the run when its function
   * lay in the range, as it does when a loader's output is a few long lines).
   * So the module's own function is asked alone (restrictToFunction), and
   * the range grows back from the end one line at a time, up to the last
   * line with code: only functions on that line are prepared.
   */
  private async placeCommonjsReturns(script: EntryScript): Promise<void> {
    type Locations = { locations: { lineNumber: number; columnNumber?: number; type?: string }[] };
    const end = { scriptId: script.scriptId, lineNumber: script.endLine, columnNumber: script.endColumn };
    const possible = (start: { lineNumber: number; columnNumber: number }, restrictToFunction: boolean) =>
      this.client.post<Locations>('Debugger.getPossibleBreakpoints', { start: { scriptId: script.scriptId, ...start }, end, restrictToFunction });
    const own = (await possible({ lineNumber: 0, columnNumber: 0 }, true)).locations.filter((l) => l.type === 'return');
    const last = own.at(-1);
    const places = [...own];
    const isOwnEnd = (l: { lineNumber: number; columnNumber?: number }) => l.lineNumber === last?.lineNumber && l.columnNumber === last?.columnNumber;
    for (let line = script.endLine; line >= Math.max(0, script.endLine - 20); line--) {
      const near = (await possible({ lineNumber: line, columnNumber: 0 }, false)).locations.filter((l) => !isOwnEnd(l));
      if (near.length === 0) continue;
      places.push(...near.filter((l) => l.type === 'return' && l.lineNumber === line));
      break;
    }
    for (const l of places) {
      const location = { scriptId: script.scriptId, lineNumber: l.lineNumber, columnNumber: l.columnNumber ?? 0 };
      await this.place(location, 'Debugger.setBreakpoint', { location });
    }
  }

  /** Whether a pause is one of these breakpoints'. */
  owns(event: PausedEvent): boolean {
    const hit = (event as PausedEvent & { hitBreakpoints?: string[] }).hitBreakpoints ?? [];
    return hit.some((id) => this.breakpointIds.includes(id));
  }

  /** Keeps the top-level scope of the paused module frame; the caller resumes. */
  async keep(event: PausedEvent): Promise<void> {
    const frame = event.callFrames[0];
    const commonjs = this.entry?.commonjs ?? false;
    if (!frame || !this.isModuleLevel(frame)) {
      const hit = (event as PausedEvent & { hitBreakpoints?: string[] }).hitBreakpoints ?? [];
      for (const breakpointId of hit) {
        this.client.post('Debugger.removeBreakpoint', { breakpointId }).catch(() => {});
      }
      return;
    }
    const scope = frame.scopeChain.find((s) => (commonjs ? s.type === 'local' : s.type === 'module'));
    const objectId = scope?.object.objectId;
    if (!objectId) return;
    const reply = await this.client.post<{ result: { objectId?: string } }>('Runtime.callFunctionOn', {
      objectId, functionDeclaration: 'function () { return this; }', objectGroup: GROUP, silent: true,
    });
    if (!reply.result.objectId) return;
    this.kept.push({
      objectId: reply.result.objectId,
      spec: { kind: 'module', prefix: '', fillOnly: true, ...(commonjs ? { skipNames: COMMONJS_WRAPPER } : {}) },
    });
    // The outermost function (node's wrapper, or the ESM module) ends last: done.
    if (frame.functionLocation?.columnNumber === 0 || !commonjs) this.removeAll();
  }

  /** The entry's scriptId once its top-level scope is kept. */
  get keptScriptId(): string | undefined {
    return this.kept.length > 0 ? this.entry?.scriptId : undefined;
  }

  /** The entry module's top-level scopes as they were when its code finished, if it has. */
  get scopes(): ScopeArg[] {
    return this.kept;
  }
}
