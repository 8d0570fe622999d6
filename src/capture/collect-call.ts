// Calls chkpt's main-thread module during a pause: loads it once, asks it to
// collect the given scopes, looks up the modules of classes it has not met
// before (from the inspector's function locations), and waits for the result
// it posts back.
import { fileURLToPath } from 'node:url';
import type { CollectRequest, CollectResult } from '../shared/capture-protocol.js';
import { BRIDGE_KEY } from '../shared/runtime-bridge.js';
import type { InspectorClient } from './inspector-client.js';
import { within } from './timeout.js';
import type { ScopeArg } from './frames.js';
import type { ScriptInfo, ScriptRegistry } from './scripts.js';
import { functionLocation } from './function-location.js';

const BRIDGE_GROUP = 'chkpt-bridge';
const COLLECT_GROUP = 'chkpt-collect';
/** How long the main thread's posted result may take to arrive. */
const RESULT_TIMEOUT_MS = 5000;

interface RemoteProperty {
  name: string;
  value?: { objectId?: string };
}

export class MainThreadCollector {
  private bridgeId: string | undefined;
  private readonly waiting = new Map<number, (result: CollectResult) => void>();

  constructor(private readonly client: InspectorClient, private readonly scripts: ScriptRegistry) {}

  /** Finds the bridge and loads the main-thread module (while the main thread is idle). */
  async attach(): Promise<void> {
    const key = BRIDGE_KEY.description ?? 'chkpt.runtime';
    const found = await this.client.post<{ result: { objectId?: string } }>('Runtime.evaluate', {
      expression: `globalThis[Symbol.for(${JSON.stringify(key)})]`, objectGroup: BRIDGE_GROUP, silent: true,
    });
    if (!found.result.objectId) throw new Error('the preload did not install its bridge');
    this.bridgeId = found.result.objectId;
    // One CommonJS bundle, loaded synchronously: the main thread is waiting in
    // the preload and runs no event loop until the worker is ready.
    const file = fileURLToPath(new URL('./main-thread/collect.cjs', import.meta.url));
    const loaded = await this.client.post<{ exceptionDetails?: unknown }>('Runtime.callFunctionOn', {
      objectId: this.bridgeId, functionDeclaration: 'function (file) { this.load(file); return true; }',
      arguments: [{ value: file }], returnByValue: true, silent: true,
    });
    if (loaded.exceptionDetails) throw new Error(`could not load ${file} in the main thread`);
  }

  /**
   * Ends the main thread's own pauses at throws (before this worker took
   * them over) and returns the remote array of the throws it kept, in
   * `group`. Posted at once: what is posted right after runs in the same
   * batch on the main thread.
   */
  async takeEarlyThrows(group: string): Promise<string | undefined> {
    if (!this.bridgeId) return undefined;
    const reply = await this.client.post<{ result: { objectId?: string } }>('Runtime.callFunctionOn', {
      objectId: this.bridgeId, objectGroup: group, silent: true,
      functionDeclaration: 'function () { return this.takeEarlyThrows ? this.takeEarlyThrows() : undefined; }',
    });
    return reply.result.objectId;
  }

  /** Encodes the warm-up corpus `rounds` times on the thread (main-thread/warm-up.ts), outside a pause; its time in ms. */
  warmUp(rounds: number): Promise<number | undefined> {
    return this.callNumber('function (rounds) { return this.capture.warmUp(rounds); }', rounds);
  }

  /** Has the thread reserve a staging buffer for its first checkpoint (posted here to be touched); the bytes reserved. */
  reserveStaging(): Promise<number | undefined> {
    return this.callNumber('function () { return this.capture.reserveStaging(); }');
  }

  /** Calls a function on the bridge outside a pause; its number result, or undefined. */
  private async callNumber(functionDeclaration: string, ...args: unknown[]): Promise<number | undefined> {
    if (!this.bridgeId) return undefined;
    const reply = await this.client.post<{ result: { value?: unknown } }>('Runtime.callFunctionOn', {
      objectId: this.bridgeId, functionDeclaration, arguments: args.map((value) => ({ value })), returnByValue: true, silent: true,
    });
    return typeof reply.result.value === 'number' ? reply.result.value : undefined;
  }

  /** Delivers a result posted by the main thread. */
  received(result: CollectResult): void {
    this.waiting.get(result.seq)?.(result);
    this.waiting.delete(result.seq);
  }

  /**
   * Collects the scopes; call only while the main thread is paused. Resolves
   * once the main thread has read the state (encoded and staged, its result
   * posted), with the result still on its way: the pause can end then.
   */
  async collect(request: CollectRequest, scopes: ScopeArg[]): Promise<{ result: Promise<CollectResult | undefined> } | undefined> {
    if (!this.bridgeId) return undefined;
    const posted = new Promise<CollectResult>((resolve) => this.waiting.set(request.seq, resolve));
    const forget = (): void => {
      this.waiting.delete(request.seq);
    };
    try {
      // Classes of the values themselves, then of what they hold, then once more.
      for (let attempt = 0; attempt < 4; attempt++) {
        const reply = await this.client.post<{ result: { value?: { unknownClasses: number } }; exceptionDetails?: { exception?: { description?: string } } }>(
          'Runtime.callFunctionOn', {
            objectId: this.bridgeId,
            functionDeclaration: 'function (request, ...scopes) { return this.capture.collect(request, ...scopes); }',
            arguments: [{ value: { ...request, scopes: scopes.map((s) => s.spec) } }, ...scopes.map((s) => ({ objectId: s.objectId }))],
            returnByValue: true, silent: true, objectGroup: COLLECT_GROUP,
          });
        if (reply.exceptionDetails) throw new Error(reply.exceptionDetails.exception?.description ?? 'collect failed');
        if (!reply.result.value || reply.result.value.unknownClasses === 0) break;
        await this.resolveClasses();
      }
    } catch (err) {
      forget();
      throw err;
    } finally {
      this.client.post('Runtime.releaseObjectGroup', { objectGroup: COLLECT_GROUP }).catch(() => {});
    }
    return { result: within(RESULT_TIMEOUT_MS, posted, undefined).finally(forget) };
  }

  /** Looks up where the classes met by the last collect are defined. */
  private async resolveClasses(): Promise<void> {
    const list = await this.client.post<{ result: { objectId?: string } }>('Runtime.callFunctionOn', {
      objectId: this.bridgeId, functionDeclaration: 'function () { return this.capture.pendingClasses(); }', objectGroup: COLLECT_GROUP, silent: true,
    });
    const modules: (string | null)[] = [];
    const data: boolean[] = [];
    if (list.result.objectId) {
      const items = await this.client.post<{ result: RemoteProperty[] }>('Runtime.getProperties', { objectId: list.result.objectId, ownProperties: true });
      for (const item of items.result.filter((p) => /^\d+$/.test(p.name))) {
        const script = item.value?.objectId ? await this.scriptOf(item.value.objectId) : undefined;
        modules.push(script?.url.startsWith('file://') ? script.url : null);
        data.push(script?.dataClasses ?? false);
      }
    }
    await this.client.post('Runtime.callFunctionOn', {
      objectId: this.bridgeId, functionDeclaration: 'function (modules, data) { this.capture.setClassModules(modules, data); }',
      arguments: [{ value: modules }, { value: data }], silent: true,
    });
  }

  /** The script that defines the function, from its [[FunctionLocation]] (none for native code). */
  private async scriptOf(fnId: string): Promise<ScriptInfo | undefined> {
    const at = await functionLocation(this.client, fnId);
    return at ? this.scripts.get(at.scriptId) : undefined;
  }
}
