// The scopes of the script's modules that are not on the stack at a pause:
// its module scope, and the bindings its top-level code keeps in closures
// (a block's `const samples` that event handlers use after the top-level code
// has finished). A function created in a module reaches them through its
// [[Scopes]]; chkpt keeps a few such functions per module, each kept alive in
// an object group: one made by chkpt in a frame of the module when a pause
// lands there (`remember`), and functions of the module found in the heap
// (`adopt`, see discover-functions.ts). Scope objects are copies taken when
// they are handed out (primitives frozen then), so they are fetched anew at
// every checkpoint. V8 keeps a binding that no closure uses on the stack
// only: once the module's top-level code has finished it is gone.
import path from 'node:path';
import type { ScopeSpec } from '../shared/capture-protocol.js';
import type { ScopeKind } from '../shared/encoded.js';
import type { InspectorClient } from './inspector-client.js';
import type { CallFrame } from './pauser.js';
import type { ScriptInfo, ScriptRegistry } from './scripts.js';

/** The wrapper's parameters of a CommonJS module: never captured. */
export const COMMONJS_WRAPPER = ['exports', 'require', 'module', '__filename', '__dirname'];
const MODULE_GROUP = 'chkpt-modules';
/** The objects read at a checkpoint join its group, released with it. */
const COLLECT_GROUP = 'chkpt-collect';
/** Functions kept per module at most (each costs a few round trips per checkpoint). */
const PER_MODULE = 8;

export interface ScopeArg {
  spec: ScopeSpec;
  objectId: string;
}

interface RemoteProperty {
  name: string;
  value?: { objectId?: string; description?: string };
}

interface TopScope {
  objectId: string;
  kind: ScopeKind;
}

interface Kept {
  /** objectIds of the functions kept, in MODULE_GROUP. */
  closures: string[];
  /** Whether a frame of the module has been remembered (tried once). */
  remembered: boolean;
  /** Names the kept functions' scopes show, for telling whether a new one adds any. */
  names: Set<string>;
}

export class ModuleScopes {
  private readonly kept = new Map<string, Kept>();

  constructor(private readonly client: InspectorClient, private readonly scripts: ScriptRegistry,
    private readonly entry: string, private readonly cwd: string) {}

  /** The variable name prefix of a module's bindings: none for the entry script. */
  prefixOf(script: ScriptInfo): string {
    if (!script.file || script.file === this.entry) return '';
    return `${path.relative(this.cwd, script.file)}:`;
  }

  /** Whether some function of the module is kept. */
  reaches(scriptId: string): boolean {
    return (this.kept.get(scriptId)?.closures.length ?? 0) > 0;
  }

  private entryFor(scriptId: string): Kept {
    let kept = this.kept.get(scriptId);
    if (!kept) this.kept.set(scriptId, (kept = { closures: [], remembered: false, names: new Set() }));
    return kept;
  }

  /** Keeps a closure made in the frame's module, once per module. */
  async remember(frame: CallFrame): Promise<void> {
    const kept = this.entryFor(frame.location.scriptId);
    if (kept.remembered) return;
    kept.remembered = true;
    try {
      const reply = await this.client.post<{ result: { objectId?: string } }>('Debugger.evaluateOnCallFrame', {
        callFrameId: frame.callFrameId, expression: '(() => 0)', objectGroup: MODULE_GROUP, silent: true,
      });
      if (reply.result.objectId) kept.closures.unshift(reply.result.objectId);
    } catch {
      // This module is then read while on the stack, or through functions found later.
    }
  }

  /**
   * Keeps `fnId`, a function of the module found in the heap, unless the
   * module has enough or what it sees is seen already; true when kept.
   */
  async adopt(scriptId: string, fnId: string): Promise<boolean> {
    const script = this.scripts.get(scriptId);
    const kept = this.entryFor(scriptId);
    if (!script?.own || kept.closures.length >= PER_MODULE) return false;
    const scopes = await this.topLevelScopes(fnId);
    const names: string[] = [];
    for (const scope of scopes) {
      const props = await this.client.post<{ result: RemoteProperty[] }>('Runtime.getProperties', { objectId: scope.objectId, ownProperties: true });
      names.push(...props.result.map((p) => p.name));
    }
    if (names.length === 0 || names.every((n) => kept.names.has(n))) return false;
    const own = await this.client.post<{ result: { objectId?: string } }>('Runtime.callFunctionOn', {
      objectId: fnId, objectGroup: MODULE_GROUP, silent: true, functionDeclaration: 'function () { return this; }',
    });
    if (!own.result.objectId) return false;
    kept.closures.push(own.result.objectId);
    for (const n of names) kept.names.add(n);
    return true;
  }

  /** Fresh scope objects of the kept modules not in `onStack` (and in `only`, when given). */
  async scopesOff(onStack: Set<string>, only?: Set<string>): Promise<ScopeArg[]> {
    const out: ScopeArg[] = [];
    for (const [scriptId, kept] of this.kept) {
      const script = this.scripts.get(scriptId);
      if (onStack.has(scriptId) || !script?.own || (only && !only.has(scriptId))) continue;
      const prefix = this.prefixOf(script);
      const skip = script.commonjs ? { skipNames: COMMONJS_WRAPPER } : {};
      for (const closure of kept.closures) {
        for (const scope of await this.topLevelScopes(closure)) {
          // Several functions see the same bindings: each name once.
          out.push({ spec: { kind: scope.kind, prefix, fillOnly: true, ...skip }, objectId: scope.objectId });
        }
      }
    }
    return out;
  }

  /**
   * The scopes of the module's top-level code among a function's [[Scopes]]
   * (innermost first in the list): from the outermost, the module's own
   * (`Module` for ESM; an anonymous `Closure` for CommonJS, a loader's
   * wrapper inside it included) and the blocks and anonymous functions of its
   * top-level code, up to the first named function. (A scope with no binding
   * a closure uses is not there at all: V8 made no context for it.)
   */
  private async topLevelScopes(fnId: string): Promise<TopScope[]> {
    // The objects the inspector hands out below join the group of the object
    // they come from: read through a handle in the checkpoint's group, so they
    // are released with it, not kept with the function for the life of the
    // process.
    const handle = await this.client.post<{ result: { objectId?: string } }>('Runtime.callFunctionOn', {
      objectId: fnId, objectGroup: COLLECT_GROUP, silent: true, functionDeclaration: 'function () { return this; }',
    });
    if (!handle.result.objectId) return [];
    const fn = await this.client.post<{ internalProperties?: RemoteProperty[] }>('Runtime.getProperties', { objectId: handle.result.objectId, ownProperties: true });
    const scopesId = fn.internalProperties?.find((p) => p.name === '[[Scopes]]')?.value?.objectId;
    if (!scopesId) return [];
    const list = await this.client.post<{ result: RemoteProperty[] }>('Runtime.getProperties', { objectId: scopesId, ownProperties: true });
    const entries = list.result.filter((p) => /^\d+$/.test(p.name) && p.value?.objectId).sort((a, b) => Number(b.name) - Number(a.name));
    const picked: { id: string; kind: ScopeKind }[] = [];
    for (const entry of entries) {
      const description = entry.value!.description ?? '';
      if (description === 'Global' || description === 'Script') continue;
      // A named function's closure: inside some function, not top-level code.
      if (description !== 'Module' && description !== 'Closure' && description !== 'Block') break;
      picked.push({ id: entry.value!.objectId!, kind: description === 'Block' ? 'block' : 'module' });
    }
    // Innermost first: where a block shadows a module binding, the block's wins.
    picked.reverse();
    // To JavaScript, each [[Scopes]] entry is a wrapper { description, object }
    // (the protocol shows it as the variables): take its `object`.
    const out: TopScope[] = [];
    for (const scope of picked) {
      const inner = await this.client.post<{ result: { objectId?: string } }>('Runtime.callFunctionOn', {
        objectId: scope.id, objectGroup: COLLECT_GROUP, silent: true,
        functionDeclaration: 'function () { const d = Object.getOwnPropertyDescriptor(this, "object"); return d && "value" in d && typeof d.value === "object" ? d.value : this; }',
      });
      if (inner.result.objectId) out.push({ objectId: inner.result.objectId, kind: scope.kind });
    }
    return out;
  }
}
