// The entry module's final top-level state. When a module's top-level code
// finishes, bindings no closure refers to are gone from every scope chain
// (V8 keeps them on the stack, not in the module's context); yet that is
// the state a script that trains in a top-level loop ends with. Breakpoints
// at the end of the entry module keep its top-level scopes, read at the last
// instant, for the checkpoints that follow (exit above all).
//
// A breakpoint keeps V8 from optimizing the function it is in, and a module's
// top-level code is one function: a training loop there ran 6-46x slower with
// one at its end. So the breakpoints go only into entries whose top-level code
// has no loop (straight-line code that calls functions, which stay fast). An
// entry with a top-level loop spends its time in that loop, where interval
// checkpoints read its top-level bindings; at exit it keeps those that
// closures refer to.
import { readFileSync, realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { debug } from '../shared/debug.js';
import type { ScopeArg } from './frames.js';
import type { InspectorClient } from './inspector-client.js';
import type { PausedEvent } from './pauser.js';
import { hasTopLevelLoop } from './top-level-loops.js';

const GROUP = 'chkpt-module-end';
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

  constructor(private readonly client: InspectorClient) {}

  /**
   * Before the entry is even parsed, places breakpoints by URL where a plain
   * .js entry's code ends (the code V8 runs is the file as written), so that
   * a script whose top-level code takes only milliseconds is not missed.
   */
  async preset(file: string): Promise<void> {
    if (!/\.(?:m|c)?js$/.test(file)) return;
    try {
      const real = realpathSync(file);
      const source = readFileSync(real, 'utf8');
      if (hasTopLevelLoop(source) !== false) {
        this.watching = true;
        debug('module-end', `${file}: top-level loop (or unknown code), no end breakpoint`);
        return;
      }
      const lines = source.split('\n');
      let last = lines.length - 1;
      while (last > 0 && lines[last]!.trim() === '') last--;
      const url = pathToFileURL(real).href;
      const places = [
        { lineNumber: last, columnNumber: lines[last]!.trimEnd().length },
        { lineNumber: lines.length - 1, columnNumber: lines[lines.length - 1]!.length },
      ];
      for (const place of places) {
        const key = `${place.lineNumber}:${place.columnNumber}`;
        if (this.placed.has(key)) continue;
        this.placed.add(key);
        const reply = await this.client.post<{ breakpointId: string }>('Debugger.setBreakpointByUrl', { url, ...place });
        this.breakpointIds.push(reply.breakpointId);
      }
      this.watching = true;
    } catch (err) {
      debug('module-end', `no early breakpoint for ${file}: ${String(err)}`);
    }
  }

  /** Notes the entry script when V8 parses it, and sets the breakpoints at its end. */
  entryParsed(script: { scriptId: string; endLine: number; endColumn: number }, commonjs: boolean): void {
    if (this.entry) return;
    this.entry = { scriptId: script.scriptId, endLine: script.endLine, endColumn: script.endColumn, commonjs };
    // The entry starts running right after it is compiled (CommonJS) or
    // linked (ESM): this lands in time unless its top-level code takes only a
    // few milliseconds. (A pause before each script runs would close that gap,
    // but V8 aborts the process on such pauses in some loaders' code.)
    void this.watch(this.entry);
  }

  private readonly placed = new Set<string>();

  private async watch(script: EntryScript): Promise<void> {
    if (this.watching) return;
    this.watching = true;
    try {
      const { scriptSource } = await this.client.post<{ scriptSource: string }>('Debugger.getScriptSource', { scriptId: script.scriptId });
      if (hasTopLevelLoop(scriptSource) !== false) return;
      // A module function's implicit return is among the last breakable
      // places: V8 lists it as 'return' for CommonJS (a TypeScript loader may
      // wrap the code once more, hence every return near the end); ESM
      // modules break at their end position.
      // The module's own return and those of any wrapper around it are among
      // the 'return' places of the last two lines with code (a source map
      // comment may follow the code: look further back until code shows).
      // Returns of other functions there are dropped at their first hit.
      let returns: { lineNumber: number; columnNumber?: number }[] = [];
      for (const back of [20, 400, Infinity]) {
        const near = await this.client.post<{ locations: { lineNumber: number; columnNumber?: number; type?: string }[] }>('Debugger.getPossibleBreakpoints', {
          start: { scriptId: script.scriptId, lineNumber: Math.max(0, script.endLine - back), columnNumber: 0 },
          end: { scriptId: script.scriptId, lineNumber: script.endLine, columnNumber: script.endColumn },
        });
        const lines = [...new Set(near.locations.map((l) => l.lineNumber))];
        if (lines.length < 2 && back !== Infinity) continue;
        const from = lines.at(-2) ?? 0;
        returns = near.locations.filter((l) => l.type === 'return' && l.lineNumber >= from);
        break;
      }
      const places = script.commonjs && returns.length > 0
        ? returns.map((l) => ({ scriptId: script.scriptId, lineNumber: l.lineNumber, columnNumber: l.columnNumber ?? 0 }))
        : [{ scriptId: script.scriptId, lineNumber: script.endLine, columnNumber: script.endColumn }];
      for (const location of places) {
        const key = `${location.lineNumber}:${location.columnNumber}`;
        if (this.placed.has(key)) continue;
        this.placed.add(key);
        const reply = await this.client.post<{ breakpointId: string }>('Debugger.setBreakpoint', { location });
        this.breakpointIds.push(reply.breakpointId);
      }
    } catch (err) {
      debug('module-end', `no breakpoint at the end of the entry script: ${String(err)}`);
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
    // Only a module-level function: anonymous, starting on the first line.
    const moduleLevel = frame !== undefined && frame.functionName === '' && frame.functionLocation?.lineNumber === 0
      && (commonjs || frame.functionLocation.columnNumber === 0);
    if (!frame || !moduleLevel) {
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
    if (frame.functionLocation?.columnNumber === 0 || !commonjs) {
      for (const breakpointId of this.breakpointIds.splice(0)) {
        this.client.post('Debugger.removeBreakpoint', { breakpointId }).catch(() => {});
      }
    }
  }

  /** The entry module's top-level scopes as they were when its code finished, if it has. */
  get scopes(): ScopeArg[] {
    return this.kept;
  }
}
