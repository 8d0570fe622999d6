// Finds the script's modules that no pause has landed in: a server, a timer
// job or a parent of forked children whose top-level code has finished runs
// on callbacks, and its state lives on only in the closures of those
// callbacks. During a pause, the inspector lists every function of the heap
// (Runtime.queryObjects), the main thread picks those whose text matches a
// function of an own module (main-thread/pick-functions.ts: one pass, each
// function looked at once in the process's life), and each one picked is
// confirmed by its [[FunctionLocation]] and kept (module-scopes.ts) when its
// [[Scopes]] show bindings not seen yet.
//
// The heap walk is not cheap: V8 collects all garbage first (about 50 ms in
// a small process, more with millions of objects), and functions no longer
// reachable are gone with it. So it runs only while some own module is
// unreached, at most once a minute, and at the exit or crash checkpoint of a
// process that ran for a second or more (a shorter script's final state is
// kept by module-end.ts); a module tried three times without result is left
// alone. Its cost counts in the checkpoint's, so the budget spaces the
// interval checkpoints after it.
import { debug } from '../shared/debug.js';
import { BRIDGE_KEY } from '../shared/runtime-bridge.js';
import { functionKeys } from './function-keys.js';
import { functionLocation } from './function-location.js';
import type { InspectorClient } from './inspector-client.js';
import type { ModuleScopes } from './module-scopes.js';
import type { ScriptRegistry } from './scripts.js';

const GROUP = 'chkpt-discover';
const EVERY_MS = 60_000;
/** Exit and crash checkpoints of processes younger than this do without. */
const LAST_AFTER_MS = 1000;
const ATTEMPTS = 3;

interface RemoteProperty {
  name: string;
  value?: { objectId?: string; value?: { scriptId?: string } };
}

export class FunctionDiscovery {
  private lastRun = -Infinity;
  private readonly attempts = new Map<string, number>();
  /** scriptId -> keys of its functions (null: its source could not be read or parsed). */
  private readonly keys = new Map<string, string[] | null>();

  constructor(private readonly client: InspectorClient, private readonly scripts: ScriptRegistry, private readonly modules: ModuleScopes) {}

  /** The own modules no pause and no function found reaches (their files), but `except`. */
  unreached(except?: string): string[] {
    return this.scripts.ownIds().filter((id) => id !== except && !this.modules.reaches(id)).map((id) => this.scripts.get(id)!.file!);
  }

  /**
   * Looks for functions of unreached own modules; call while the thread is
   * paused. `last`: an exit or crash checkpoint. Returns the scriptIds of the
   * modules reached now.
   */
  async run(last: boolean): Promise<Set<string>> {
    const reached = new Set<string>();
    const unreached = this.scripts.ownIds().filter((id) => !this.modules.reaches(id) && (this.attempts.get(id) ?? 0) < ATTEMPTS);
    if (unreached.length === 0) return reached;
    const now = Date.now();
    const due = last ? process.uptime() * 1000 >= LAST_AFTER_MS && now - this.lastRun >= LAST_AFTER_MS : now - this.lastRun >= EVERY_MS;
    if (!due) return reached;
    this.lastRun = now;
    const t0 = performance.now();
    try {
      const keys = (await Promise.all(unreached.map((id) => this.keysOf(id)))).flatMap((k) => k ?? []);
      if (keys.length > 0) await this.search(keys);
    } catch (err) {
      debug('discover', `looking for the script's functions failed: ${String(err)}`);
    } finally {
      this.client.post('Runtime.releaseObjectGroup', { objectGroup: GROUP }).catch(() => {});
      for (const id of unreached) {
        if (this.modules.reaches(id)) reached.add(id);
        else this.attempts.set(id, (this.attempts.get(id) ?? 0) + 1);
      }
    }
    debug('discover', `${unreached.length} unreached module(s), ${reached.size} reached now, in ${(performance.now() - t0).toFixed(1)} ms`);
    return reached;
  }

  private async keysOf(scriptId: string): Promise<string[] | null> {
    if (this.keys.has(scriptId)) return this.keys.get(scriptId)!;
    let keys: string[] | null = null;
    try {
      const { scriptSource } = await this.client.post<{ scriptSource: string }>('Debugger.getScriptSource', { scriptId });
      keys = functionKeys(scriptSource) ?? null;
    } catch {
      // Unreadable: left alone.
    }
    this.keys.set(scriptId, keys);
    return keys;
  }

  private async search(keys: string[]): Promise<void> {
    const proto = await this.client.post<{ result: { objectId?: string } }>('Runtime.evaluate', {
      expression: 'Function.prototype', objectGroup: GROUP, silent: true,
    });
    if (!proto.result.objectId) return;
    const all = await this.client.post<{ objects: { objectId?: string } }>('Runtime.queryObjects', { prototypeObjectId: proto.result.objectId, objectGroup: GROUP });
    if (!all.objects.objectId) return;
    const key = BRIDGE_KEY.description ?? 'chkpt.runtime';
    const picked = await this.client.post<{ result: { objectId?: string } }>('Runtime.callFunctionOn', {
      objectId: all.objects.objectId, objectGroup: GROUP, silent: true, arguments: [{ value: keys }],
      functionDeclaration: `function (keys) { return globalThis[Symbol.for(${JSON.stringify(key)})].capture.pickFunctions(this, keys); }`,
    });
    if (!picked.result.objectId) return;
    const items = await this.client.post<{ result: RemoteProperty[] }>('Runtime.getProperties', { objectId: picked.result.objectId, ownProperties: true });
    for (const item of items.result) {
      const fnId = /^\d+$/.test(item.name) ? item.value?.objectId : undefined;
      if (!fnId) continue;
      const scriptId = (await functionLocation(this.client, fnId))?.scriptId;
      if (scriptId && this.scripts.get(scriptId)?.own) await this.modules.adopt(scriptId, fnId);
    }
  }
}
