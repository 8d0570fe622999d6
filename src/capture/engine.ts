// One checkpoint, whatever triggered it: pause the main thread, find the
// scopes of the script's own frames and modules, have the main thread encode
// the salient values and copy their bytes, resume, then write the checkpoint
// from this thread.
import { debug, debugLevel } from '../shared/debug.js';
import type { CollectResult } from '../shared/capture-protocol.js';
import type { SourceLocation, Trigger } from '../shared/encoded.js';
import type { CaptureSettings } from '../shared/settings.js';
import type { WorkerStart } from '../shared/worker-protocol.js';
import type { WriteResult } from '../store/types.js';
import type { MainThreadCollector } from './collect-call.js';
import type { FunctionDiscovery } from './discover-functions.js';
import type { ExceptionWatch } from './exceptions.js';
import { frameScopes, type ScopeArg } from './frames.js';
import type { ModuleScopes } from './module-scopes.js';
import type { InspectorClient } from './inspector-client.js';
import type { ModuleEnd } from './module-end.js';
import type { Pauser } from './pauser.js';
import type { Recorder } from './recorder.js';
import { logCheckpoint, logMissed, logUnreached } from './report.js';
import type { ScriptRegistry } from './scripts.js';

/** How long a pause may take to land before the checkpoint is given up. */
const PAUSE_TIMEOUT_MS = 2000;

export interface TakeOptions {
  label?: string;
  /** Called once the state is read and the script runs again. */
  onRead?: () => void;
  /** Use the scopes kept at the last throw (crash checkpoints). */
  atThrow?: boolean;
}

export interface Taken {
  written?: WriteResult;
  /** The staging buffer the checkpoint used, and how much of it. */
  staging?: { buffer: SharedArrayBuffer; bytes: number };
  /** How long the thread was paused, in ms (0 when no pause landed). */
  pauseMs: number;
}

export class Engine {
  private seq = 0;

  constructor(
    private readonly client: InspectorClient,
    private readonly pauser: Pauser,
    private readonly scripts: ScriptRegistry,
    private readonly modules: ModuleScopes,
    private readonly collector: MainThreadCollector,
    private readonly exceptions: ExceptionWatch,
    private readonly moduleEnd: ModuleEnd,
    private readonly recorder: Recorder,
    private readonly settings: CaptureSettings,
    private readonly start: WorkerStart,
    private readonly discovery: FunctionDiscovery,
  ) {}

  /** Takes one checkpoint; never throws. */
  async take(trigger: Trigger, options: TakeOptions = {}): Promise<Taken> {
    let read: { result: Promise<CollectResult | undefined>; location?: SourceLocation; pauseMs: number } | undefined;
    let landed = false;
    let failure = '';
    try {
      read = await this.pauser.withPause(PAUSE_TIMEOUT_MS, async (event) => {
        landed = true;
        const p0 = performance.now();
        const here = options.atThrow ? await this.throwScopes() : undefined;
        const frames = here ?? (await frameScopes(event.callFrames, this.scripts, this.modules));
        const p1 = performance.now();
        // Modules no pause has landed in, found through their functions in the heap.
        const reached = await this.discovery.run(trigger === 'exit' || trigger === 'crash');
        if (reached.size > 0) frames.scopes.push(...(await this.modules.scopesOff(new Set(), reached)));
        frames.scopes.push(...this.moduleEnd.scopes);
        const p2 = performance.now();
        const read = await this.collector.collect({
          seq: ++this.seq,
          scopes: [],
          minSize: this.settings.minSize,
          baselineGlobals: this.start.baselineGlobals,
          globals: true,
        }, frames.scopes);
        if (!read) return undefined;
        if (debugLevel() >= 2) {
          debug('engine', `${trigger} pause: scopes ${(p1 - p0).toFixed(1)} ms, discovery ${(p2 - p1).toFixed(1)} ms, collect ${(performance.now() - p2).toFixed(1)} ms`, 2);
        }
        return { result: read.result, ...(frames.location ? { location: frames.location } : {}), pauseMs: performance.now() - p0 };
      });
    } catch (err) {
      failure = String(err);
      debug('engine', `${trigger} checkpoint failed while paused: ${failure}`);
    }
    options.onRead?.();
    // The state was read in the pause; its result, posted then, arrives now.
    const result = read ? await read.result : undefined;
    const collected = read && result ? { ...read, result } : undefined;
    if (!collected) {
      logMissed(this.settings.verbose, trigger, !landed ? `the script did not pause within ${PAUSE_TIMEOUT_MS} ms` : failure || 'its state could not be read');
      return { pauseMs: 0 };
    }
    // Written to its end before the next checkpoint reads: the staging buffer is shared.
    const written: WriteResult | undefined = await this.recorder.write({
      trigger,
      ...(options.label !== undefined ? { label: options.label } : {}),
      ...(collected.location ? { location: collected.location } : {}),
    }, collected.result);
    logCheckpoint(this.settings.verbose, trigger, collected.location, written, collected.result.variables.length, collected.pauseMs,
      [...collected.result.skipped, ...collected.result.variables.flatMap((v) => v.skipped)]);
    // The entry's final top-level state may be kept by the end-of-module breakpoints instead.
    if (this.settings.verbose >= 2) logUnreached(this.discovery.unreached(this.moduleEnd.keptScriptId));
    return {
      ...(written ? { written } : {}),
      staging: { buffer: collected.result.staging, bytes: collected.result.stagedBytes },
      pauseMs: collected.pauseMs,
    };
  }

  /** The scopes kept at the last throw, plus the module scopes of now. */
  private async throwScopes(): Promise<{ scopes: ScopeArg[]; location?: SourceLocation } | undefined> {
    const kept = this.exceptions.lastThrow;
    if (!kept) return undefined;
    // Only the throw of the error that is crashing the process will do.
    const same = await this.client.post<{ result: { value?: unknown } }>('Runtime.callFunctionOn', {
      objectId: kept.arrayId, returnByValue: true, silent: true,
      functionDeclaration: 'function () { const b = globalThis[Symbol.for("chkpt.runtime")]; return !!b && this[0] === b.crashError; }',
    });
    if (same.result.value !== true) return undefined;
    const items = await this.client.post<{ result: { name: string; value?: { objectId?: string } }[] }>(
      'Runtime.getProperties', { objectId: kept.arrayId, ownProperties: true });
    const ids = new Map(items.result.map((p) => [p.name, p.value?.objectId]));
    const scopes: ScopeArg[] = [];
    kept.specs.forEach((spec, i) => {
      const objectId = ids.get(String(i + 1));
      if (objectId) scopes.push({ spec, objectId });
    });
    const onStack = new Set<string>();
    scopes.push(...(await this.modules.scopesOff(onStack)).filter((s) => !scopes.some((t) => t.spec.kind === 'module' && t.spec.prefix === s.spec.prefix)));
    return { scopes, ...(kept.location ? { location: kept.location } : {}) };
  }
}
