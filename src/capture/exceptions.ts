// Crash capture at the throw site. With pause-on-exceptions set to 'all' (V8
// predicts every exception in a module's top-level code as caught, so
// 'uncaught' never fires there), each throw pauses the main thread briefly:
// chkpt keeps references to the scope objects of the script's frames, nothing
// more, and resumes. If the exception turns out to be uncaught, the crash
// checkpoint reads those scopes: the locals as they were at the throw.
// Scripts that throw and catch a lot must not slow down: the pauses are rate
// limited and switched off for a while when over budget.
import { debug } from '../shared/debug.js';
import type { SourceLocation } from '../shared/encoded.js';
import type { InspectorClient } from './inspector-client.js';
import { frameScopes, type ScopeArg } from './frames.js';
import type { ModuleScopes } from './module-scopes.js';
import type { PausedEvent } from './pauser.js';
import type { ScriptRegistry } from './scripts.js';
import { EARLY_GROUP } from '../shared/worker-protocol.js';

/** At most this many exception pauses per second... */
const PER_SECOND = 50;
/** ...and at most this share of the elapsed time spent in them... */
const TIME_SHARE = 0.01;
/**
 * ...beyond an allowance of this many ms: loaders throw and catch dozens of
 * times while the script starts (tsx resolving each import of a `.ts` file:
 * 57 pauses, 62 ms, for an entry importing one module), and those pauses
 * must not switch capture off when the script crashes right after.
 */
const ALLOWANCE_MS = 150;
/** What the stack guard costs the main thread per question it asks while pauses are on (node asks twice per stack formatted). */
const GUARD_MS_PER_QUESTION = 0.013;

export interface RetainedThrow {
  /** The thrown value, then each scope, in one array kept alive in an object group. */
  arrayId: string;
  specs: ScopeArg['spec'][];
  location?: SourceLocation;
  at: number;
}

export class ExceptionWatch {
  private enabled = false;
  private last: RetainedThrow | undefined;
  private group = 0;
  private windowStart = Date.now();
  private inWindow = 0;
  private count = 0;
  private spentMs = 0;
  private readonly started = Date.now();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly client: InspectorClient,
    private readonly scripts: ScriptRegistry,
    private readonly modules: ModuleScopes,
    /** Told whenever exception pauses go on or off. */
    private readonly onChange: (on: boolean) => void = () => {},
    /** How many stacks the main thread formatted since last asked. */
    private readonly takeStackFormats: () => number = () => 0,
  ) {}

  private guardTimer: NodeJS.Timeout | undefined;

  /** The most recent throw with its scopes, if any. */
  get lastThrow(): RetainedThrow | undefined {
    return this.last;
  }

  async enable(): Promise<void> {
    await this.set(true);
  }

  private async set(on: boolean): Promise<void> {
    if (this.enabled === on) return;
    this.enabled = on;
    this.onChange(on);
    // The guard's cost is the script's too: charged to the same share, ten times a second.
    clearInterval(this.guardTimer);
    if (on) {
      this.guardTimer = setInterval(() => this.charge(this.takeStackFormats() * GUARD_MS_PER_QUESTION), 100);
      this.guardTimer.unref();
    }
    await this.client.post('Debugger.setPauseOnExceptions', { state: on ? 'all' : 'none' }).catch((e) => debug('exceptions', String(e)));
  }

  /** Handles one exception pause (the pauser resumes afterwards). */
  async onException(event: PausedEvent): Promise<void> {
    // Not ours: the main thread's own pauses at throws, before it hands them over.
    if (!this.enabled) return;
    const t0 = performance.now();
    try {
      const { scopes, location } = await frameScopes(event.callFrames, this.scripts, this.modules, { offStack: false });
      const thrown = (event.data as { objectId?: string } | undefined)?.objectId;
      // A pause with none of the script's frames (the same error rejecting a
      // module's promise, say) must not replace the throw site kept before.
      if (scopes.length > 0) await this.retain(thrown, scopes, location);
    } finally {
      this.spend(performance.now() - t0);
    }
  }

  /**
   * Takes over the throws the main thread kept before the worker attached
   * (preload/early-throws.ts), `listId` the remote array of them, oldest
   * first: the newest with frames of the script's own code becomes the last
   * throw, as if this worker had paused there.
   */
  async adopt(listId: string): Promise<void> {
    const items = await this.elements(listId);
    for (const itemId of items.reverse()) {
      if (this.last) return; // A throw this worker paused at since: newer.
      const info = await this.client.post<{ result: { value?: { frames: string; thrown: boolean } } }>('Runtime.callFunctionOn', {
        objectId: itemId, functionDeclaration: 'function () { return { frames: this.frames, thrown: this.thrown }; }', returnByValue: true, silent: true,
      });
      const valuesReply = await this.client.post<{ result: { objectId?: string } }>('Runtime.callFunctionOn', {
        objectId: itemId, functionDeclaration: 'function () { return this.values; }', silent: true, objectGroup: EARLY_GROUP,
      });
      if (!info.result.value || !valuesReply.result.objectId) continue;
      const values = await this.elements(valuesReply.result.objectId);
      const frames = JSON.parse(info.result.value.frames) as PausedEvent['callFrames'];
      for (const scope of frames.flatMap((frame) => frame.scopeChain)) {
        scope.object = { ...(values[Number(scope.object.objectId)] ? { objectId: values[Number(scope.object.objectId)] } : {}) };
      }
      const { scopes, location } = await frameScopes(frames, this.scripts, this.modules, { offStack: false, inPause: false });
      if (scopes.length > 0) {
        await this.retain(info.result.value.thrown ? values[0] : undefined, scopes, location);
        break;
      }
    }
  }

  /** The object ids of a remote array's elements, in order. */
  private async elements(arrayId: string): Promise<string[]> {
    const props = await this.client.post<{ result: { name: string; value?: { objectId?: string } }[] }>('Runtime.getProperties', { objectId: arrayId, ownProperties: true });
    const ids: string[] = [];
    for (const prop of props.result) {
      if (/^\d+$/.test(prop.name) && prop.value?.objectId) ids[Number(prop.name)] = prop.value.objectId;
    }
    return ids;
  }

  private async retain(thrown: string | undefined, scopes: ScopeArg[], location: SourceLocation | undefined): Promise<void> {
    const first = thrown ?? scopes[0]?.objectId;
    if (!first) return;
    const group = `chkpt-throw-${++this.group}`;
    const rest = thrown ? scopes : scopes.slice(1);
    const reply = await this.client.post<{ result: { objectId?: string } }>('Runtime.callFunctionOn', {
      objectId: first, functionDeclaration: `function (...rest) { return [${thrown ? 'this' : 'undefined, this'}, ...rest]; }`,
      arguments: rest.map((s) => ({ objectId: s.objectId })), objectGroup: group, silent: true,
    });
    const previous = this.last;
    if (reply.result.objectId) {
      this.last = { arrayId: reply.result.objectId, specs: scopes.map((s) => s.spec), ...(location ? { location } : {}), at: Date.now() };
    }
    if (previous) this.client.post('Runtime.releaseObjectGroup', { objectGroup: `chkpt-throw-${this.group - 1}` }).catch(() => {});
  }

  private spend(ms: number): void {
    this.count++;
    const now = Date.now();
    if (now - this.windowStart >= 1000) {
      this.windowStart = now;
      this.inWindow = 0;
    }
    this.inWindow++;
    // The count limit once the allowance is spent: a loader throws dozens of
    // times in its first second.
    this.charge(ms + 0.5, this.inWindow >= PER_SECOND && this.spentMs > ALLOWANCE_MS); // plus the pause's own round trip, measured outside
  }

  /** Adds `ms` to the time spent; over the share (or `over`), pauses go off for a while. */
  private charge(ms: number, over = false): void {
    this.spentMs += ms;
    const overTime = this.spentMs > ALLOWANCE_MS + (Date.now() - this.started) * TIME_SHARE;
    if (this.enabled && (over || overTime)) {
      debug('exceptions', `throw-site capture off for a while (${this.count} pauses, ${this.spentMs.toFixed(1)} ms)`);
      void this.set(false);
      clearTimeout(this.timer);
      // Back on once the time spent fits the share again, and not before a second.
      const elapsed = Date.now() - this.started;
      const wait = Math.max(1000, (this.spentMs - ALLOWANCE_MS) / TIME_SHARE - elapsed);
      this.timer = setTimeout(() => void this.set(true), wait);
      this.timer.unref();
    }
  }
}
