// Finding a live class for `chkpt.restore()`: during a pause of the thread
// that restores (it waits in the restore call), the class is looked for among
// the bindings the script sees: the scopes of its frames, innermost first,
// then the top-level scopes of its modules that chkpt keeps (module-scopes.ts).
// A binding counts when it is a function of that name defined in the module
// recorded with the instance ([[FunctionLocation]]); a class of that name
// defined in another module counts only when it is the one such class found
// (the script resumed may be a fixed copy under another path). The class found
// is handed to the thread as the bridge's `resolvedClass`; nothing is called.
import { debug } from '../shared/debug.js';
import { BRIDGE_KEY } from '../shared/runtime-bridge.js';
import type { MainFindClass } from '../shared/worker-protocol.js';
import { functionLocation } from './function-location.js';
import type { InspectorClient } from './inspector-client.js';
import type { ModuleScopes } from './module-scopes.js';
import type { PausedEvent } from './pauser.js';
import type { ScriptRegistry } from './scripts.js';

const GROUP = 'chkpt-find-class';
/** Objects bound in the scopes whose properties are looked at (module namespaces, mostly). */
const MAX_HOLDERS = 200;

interface RemoteProperty {
  name: string;
  value?: { type?: string; objectId?: string };
}

/** Looks for the class `wanted` while the thread is paused at `event`; true when found and handed over. */
export async function findClass(
  client: InspectorClient, scripts: ScriptRegistry, modules: ModuleScopes, event: PausedEvent, wanted: Omit<MainFindClass, 'seq'>,
): Promise<boolean> {
  try {
    const scopes: string[] = [];
    for (const frame of event.callFrames) {
      for (const scope of frame.scopeChain) {
        if (scope.type !== 'global' && scope.object.objectId) scopes.push(scope.object.objectId);
      }
    }
    for (const scope of await modules.scopesOff(new Set())) scopes.push(scope.objectId);
    const others = new Set<string>();
    const seen = new Set<string>();
    // The bindings of each scope, then the properties of the objects bound
    // there (a module namespace: `import * as m`, `const m = require()`).
    const holders: string[] = [];
    const candidates: string[] = [];
    for (const objectId of scopes) {
      const props = await client.post<{ result: RemoteProperty[] }>('Runtime.getProperties', { objectId, ownProperties: true });
      for (const p of props.result) {
        if (!p.value?.objectId) continue;
        if (p.name === wanted.name && p.value.type === 'function') candidates.push(p.value.objectId);
        else if (p.value.type === 'object' && holders.length < MAX_HOLDERS) holders.push(p.value.objectId);
      }
    }
    for (const objectId of holders) {
      const props = await client.post<{ result: RemoteProperty[] }>('Runtime.getProperties', { objectId, ownProperties: true, accessorPropertiesOnly: false });
      const found = props.result.find((p) => p.name === wanted.name && p.value?.type === 'function' && p.value.objectId);
      if (found) candidates.push(found.value!.objectId!);
    }
    for (const fnId of candidates) {
      const where = await moduleOf(client, scripts, fnId);
      if (where === undefined || seen.has(`${where.url}#${where.line}`)) continue;
      seen.add(`${where.url}#${where.line}`);
      if (wanted.module === undefined || where.url === wanted.module) return await handOver(client, fnId);
      if (where.own) others.add(fnId);
    }
    if (others.size === 1) {
      debug('find-class', `${wanted.name}: not in ${wanted.module}, the one own class of that name taken`);
      return await handOver(client, [...others][0]!);
    }
    debug('find-class', `${wanted.name} (${wanted.module ?? 'no module'}): ${others.size === 0 ? 'not found' : `${others.size} classes of that name elsewhere`}`);
    return false;
  } finally {
    client.post('Runtime.releaseObjectGroup', { objectGroup: GROUP }).catch(() => {});
  }
}

/** The script URL and line a function was defined at, and whether it is the script's own code. */
async function moduleOf(client: InspectorClient, scripts: ScriptRegistry, fnId: string): Promise<{ url: string; line: number; own: boolean } | undefined> {
  const location = await functionLocation(client, fnId);
  const script = location ? scripts.get(location.scriptId) : undefined;
  return script ? { url: script.url, line: location!.lineNumber, own: script.own } : undefined;
}

async function handOver(client: InspectorClient, fnId: string): Promise<boolean> {
  await client.post('Runtime.callFunctionOn', {
    objectId: fnId, objectGroup: GROUP, silent: true,
    functionDeclaration: `function () { globalThis[Symbol.for(${JSON.stringify(BRIDGE_KEY.description)})].resolvedClass = this; }`,
  });
  return true;
}
