// The entry module's final top-level state. When a module's top-level code
// finishes, bindings no closure refers to are gone from every scope chain
// (V8 keeps them on the stack, not in the module's context); yet that is
// the state a script that trains in a top-level loop ends with. A breakpoint
// at the end of the entry module keeps its top-level scope, read at the last
// instant, for the checkpoints that follow (exit above all).
import { debug } from '../shared/debug.js';
import type { ScopeArg } from './frames.js';
import type { InspectorClient } from './inspector-client.js';
import type { PausedEvent } from './pauser.js';

const GROUP = 'chkpt-module-end';

export class ModuleEnd {
  private breakpointId: string | undefined;
  private kept: ScopeArg | undefined;
  private instrumentationId: string | undefined;
  private entry: { scriptId: string; endLine: number; endColumn: number; commonjs: boolean } | undefined;

  constructor(private readonly client: InspectorClient) {}

  /**
   * Pauses before scripts run until the entry script has been parsed: a
   * CommonJS entry runs right after it is compiled, before a breakpoint set
   * on its scriptParsed event could arrive.
   */
  async arm(): Promise<void> {
    const reply = await this.client.post<{ breakpointId: string }>('Debugger.setInstrumentationBreakpoint', { instrumentation: 'beforeScriptExecution' });
    this.instrumentationId = reply.breakpointId;
  }

  /** Notes the entry script when V8 parses it, and sets the breakpoint at its end. */
  entryParsed(script: { scriptId: string; endLine: number; endColumn: number }, commonjs: boolean): void {
    if (this.entry) return;
    this.entry = { scriptId: script.scriptId, endLine: script.endLine, endColumn: script.endColumn, commonjs };
    // A CommonJS entry starts running as soon as it is compiled: this lands in
    // time unless its top-level code takes only a few milliseconds.
    void this.watch(this.entry, commonjs);
  }

  /** At a pause before some script runs: once the entry is known, set its end breakpoint and stop pausing. */
  async beforeScript(): Promise<void> {
    if (!this.entry || !this.instrumentationId) return;
    const id = this.instrumentationId;
    this.instrumentationId = undefined;
    await this.client.post('Debugger.removeBreakpoint', { breakpointId: id }).catch(() => {});
    await this.watch(this.entry, this.entry.commonjs);
  }

  /** Sets the breakpoint at the end of the entry script once V8 has parsed it. */
  async watch(script: { scriptId: string; endLine: number; endColumn: number }, commonjs: boolean): Promise<void> {
    if (this.breakpointId || this.watching) return;
    this.watching = true;
    try {
      // The module function's implicit return is the last breakable place in
      // the script: V8 lists it as 'return' for CommonJS; ESM modules break at
      // their end position.
      const near = await this.client.post<{ locations: { lineNumber: number; columnNumber?: number; type?: string }[] }>('Debugger.getPossibleBreakpoints', {
        start: { scriptId: script.scriptId, lineNumber: Math.max(0, script.endLine - 2), columnNumber: 0 },
        end: { scriptId: script.scriptId, lineNumber: script.endLine, columnNumber: script.endColumn },
      });
      const last = near.locations.filter((l) => l.type === 'return').at(-1);
      const location = commonjs && last
        ? { scriptId: script.scriptId, lineNumber: last.lineNumber, columnNumber: last.columnNumber ?? 0 }
        : { scriptId: script.scriptId, lineNumber: script.endLine, columnNumber: script.endColumn };
      const reply = await this.client.post<{ breakpointId: string }>('Debugger.setBreakpoint', { location });
      this.breakpointId = reply.breakpointId;
      this.commonjs = commonjs;
    } catch (err) {
      debug('module-end', `no breakpoint at the end of the entry script: ${String(err)}`);
    }
  }

  private commonjs = false;
  private watching = false;

  /** Whether a pause is this breakpoint's. */
  owns(event: PausedEvent): boolean {
    const hit = (event as PausedEvent & { hitBreakpoints?: string[] }).hitBreakpoints;
    return this.breakpointId !== undefined && (hit?.includes(this.breakpointId) ?? false);
  }

  /** Keeps the top-level scope of the paused module frame; the caller resumes. */
  async keep(event: PausedEvent): Promise<void> {
    const frame = event.callFrames[0];
    const scope = frame?.scopeChain.find((s) => (this.commonjs ? s.type === 'local' : s.type === 'module'));
    const objectId = scope?.object.objectId;
    if (!objectId) return;
    const reply = await this.client.post<{ result: { objectId?: string } }>('Runtime.callFunctionOn', {
      objectId, functionDeclaration: 'function () { return this; }', objectGroup: GROUP, silent: true,
    });
    if (!reply.result.objectId) return;
    this.kept = {
      objectId: reply.result.objectId,
      spec: {
        kind: 'module', prefix: '', fillOnly: true,
        ...(this.commonjs ? { skipNames: ['exports', 'require', 'module', '__filename', '__dirname'] } : {}),
      },
    };
    // One end per run: the breakpoint has done its job.
    if (this.breakpointId) this.client.post('Debugger.removeBreakpoint', { breakpointId: this.breakpointId }).catch(() => {});
  }

  /** The entry module's top-level scope as it was when its code finished, if it has. */
  get scope(): ScopeArg | undefined {
    return this.kept;
  }
}
