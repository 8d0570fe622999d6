// From the paused call frames to the scopes a checkpoint reads: the locals,
// blocks and closures of the script's own frames, and the module scope of
// each of its modules. Module scopes of modules not on the stack come from a
// closure kept per module, created once in a frame of that module: its
// [[Scopes]] give the module's live bindings at any later pause.
import path from 'node:path';
import type { ScopeSpec } from '../shared/capture-protocol.js';
import type { ScopeKind, SourceLocation } from '../shared/encoded.js';
import type { InspectorClient } from './inspector-client.js';
import type { CallFrame } from './pauser.js';
import type { ScriptRegistry, ScriptInfo } from './scripts.js';
import { originalLocation } from './source-maps.js';

/** The wrapper's parameters of a CommonJS module: never captured. */
const COMMONJS_WRAPPER = ['exports', 'require', 'module', '__filename', '__dirname'];
const MODULE_GROUP = 'chkpt-modules';

export interface ScopeArg {
  spec: ScopeSpec;
  objectId: string;
}

export interface FrameScopes {
  scopes: ScopeArg[];
  /** Where the innermost frame of the script's own code is. */
  location?: SourceLocation;
  userFrames: number;
}

interface RemoteProperty {
  name: string;
  value?: { objectId?: string; description?: string };
}

export class ModuleScopes {
  /** scriptId → objectId of a closure created in that module. */
  private readonly closures = new Map<string, string>();

  constructor(private readonly client: InspectorClient, private readonly scripts: ScriptRegistry,
    private readonly entry: string, private readonly cwd: string) {}

  /** The variable name prefix of a module's bindings: none for the entry script. */
  prefixOf(script: ScriptInfo): string {
    if (!script.file || script.file === this.entry) return '';
    return `${path.relative(this.cwd, script.file)}:`;
  }

  /** Keeps a closure of the frame's module, once per module. */
  async remember(frame: CallFrame): Promise<void> {
    const scriptId = frame.location.scriptId;
    if (this.closures.has(scriptId)) return;
    this.closures.set(scriptId, '');
    try {
      const reply = await this.client.post<{ result: { objectId?: string } }>('Debugger.evaluateOnCallFrame', {
        callFrameId: frame.callFrameId, expression: '(() => 0)', objectGroup: MODULE_GROUP, silent: true,
      });
      if (reply.result.objectId) this.closures.set(scriptId, reply.result.objectId);
    } catch {
      // Keep the empty entry: this module is read only while on the stack.
    }
  }

  /** Fresh module scope objects of remembered modules not in `onStack`. */
  async scopesOff(onStack: Set<string>): Promise<ScopeArg[]> {
    const out: ScopeArg[] = [];
    for (const [scriptId, closure] of this.closures) {
      const script = this.scripts.get(scriptId);
      if (!closure || onStack.has(scriptId) || !script?.own) continue;
      for (const objectId of await this.moduleScopesOf(closure, script.commonjs)) {
        out.push({ spec: { kind: 'module', prefix: this.prefixOf(script), ...(script.commonjs ? { skipNames: COMMONJS_WRAPPER } : {}) }, objectId });
      }
    }
    return out;
  }

  private async moduleScopesOf(closureId: string, commonjs: boolean): Promise<string[]> {
    // The objects the inspector hands out below join the group of the object
    // they come from: read through a handle in the checkpoint's group, so they
    // are released with it, not kept with the remembered closure for the life
    // of the process.
    const handle = await this.client.post<{ result: { objectId?: string } }>('Runtime.callFunctionOn', {
      objectId: closureId, objectGroup: 'chkpt-collect', silent: true, functionDeclaration: 'function () { return this; }',
    });
    if (!handle.result.objectId) return [];
    const fn = await this.client.post<{ internalProperties?: RemoteProperty[] }>('Runtime.getProperties', { objectId: handle.result.objectId, ownProperties: true });
    const scopes = fn.internalProperties?.find((p) => p.name === '[[Scopes]]')?.value?.objectId;
    if (!scopes) return [];
    const list = await this.client.post<{ result: RemoteProperty[] }>('Runtime.getProperties', { objectId: scopes, ownProperties: true });
    const entries = list.result.filter((p) => /^\d+$/.test(p.name) && p.value?.objectId);
    const wanted = commonjs
      ? entries.filter((p) => p.value?.description?.startsWith('Closure'))
      : entries.filter((p) => p.value?.description === 'Module');
    // To JavaScript, each [[Scopes]] entry is a wrapper { description, object }
    // (the protocol shows it as the variables): take its `object`.
    const out: string[] = [];
    for (const entry of wanted) {
      const inner = await this.client.post<{ result: { objectId?: string } }>('Runtime.callFunctionOn', {
        // Released with the checkpoint's other objects once it is collected.
        objectId: entry.value!.objectId!, objectGroup: 'chkpt-collect', silent: true,
        functionDeclaration: 'function () { const d = Object.getOwnPropertyDescriptor(this, "object"); return d && "value" in d && typeof d.value === "object" ? d.value : this; }',
      });
      if (inner.result.objectId) out.push(inner.result.objectId);
    }
    return out;
  }
}

/**
 * Whether a CommonJS frame is a module's top-level code: an anonymous function
 * starting on the file's first line (node's module wrapper, or a loader's
 * wrapper inside it), called from outside the file or from another such frame.
 */
function isModuleFrame(frame: CallFrame, outer: CallFrame | undefined): boolean {
  if (frame.functionName !== '' || frame.functionLocation?.lineNumber !== 0) return false;
  if (!outer || outer.location.scriptId !== frame.location.scriptId) return true;
  return isModuleFrame(outer, undefined);
}

function kindOf(type: string, frame: CallFrame, outer: CallFrame | undefined, script: ScriptInfo, scope: CallFrame['scopeChain'][number]): ScopeKind | 'module-cjs' | undefined {
  switch (type) {
    case 'local': return script.commonjs && isModuleFrame(frame, outer) ? 'module-cjs' : 'local';
    case 'block': case 'catch': case 'with': case 'eval': return 'block';
    case 'closure': return script.commonjs && scope.startLocation?.lineNumber === 0 ? 'module-cjs' : 'closure';
    case 'module': return 'module';
    default: return undefined; // global and script scopes: globals are read separately.
  }
}

/** Identifies one module-level scope: its file and where its function starts. */
function moduleKey(frame: CallFrame, type: string, scope: CallFrame['scopeChain'][number]): string {
  const start = type === 'local' ? frame.functionLocation : scope.startLocation;
  return `${frame.location.scriptId}:${start?.lineNumber ?? 0}:${start?.columnNumber ?? 0}`;
}

/** The scopes to read from the paused frames, plus module scopes of modules off the stack. */
export async function frameScopes(frames: CallFrame[], scripts: ScriptRegistry, modules: ModuleScopes, options: { offStack?: boolean } = {}): Promise<FrameScopes> {
  const scopes: ScopeArg[] = [];
  // Per module, the scope seen from its outermost frame: a module's top-level
  // frame shows all its bindings, inner frames only those closures keep.
  const moduleScopes = new Map<string, ScopeArg>();
  let location: SourceLocation | undefined;
  let user = 0;
  for (const [at, frame] of frames.entries()) {
    const script = scripts.get(frame.location.scriptId);
    if (!script?.own) continue;
    const index = user++;
    location ??= originalLocation(script, frame.location.lineNumber, frame.location.columnNumber ?? 0, frame.functionName || undefined);
    // A closure made in the outermost frame of a file sees that module's
    // scopes and nothing of inner functions.
    if (frames[at + 1]?.location.scriptId !== frame.location.scriptId) await modules.remember(frame);
    for (const scope of frame.scopeChain) {
      const objectId = scope.object.objectId;
      const kind = kindOf(scope.type, frame, frames[at + 1], script, scope);
      if (!objectId || !kind) continue;
      if (kind === 'module' || kind === 'module-cjs') {
        moduleScopes.set(moduleKey(frame, scope.type, scope), { objectId, spec: { kind: 'module', prefix: modules.prefixOf(script), ...(kind === 'module-cjs' ? { skipNames: COMMONJS_WRAPPER } : {}) } });
        continue;
      }
      const section = kind === 'closure' ? 'closure' : 'locals';
      scopes.push({
        objectId,
        spec: { kind, prefix: `frames[${index}].${section}.`, frameIndex: index, ...(frame.functionName ? { frameFunction: frame.functionName } : {}) },
      });
    }
  }
  scopes.push(...moduleScopes.values());
  const onStack = new Set([...moduleScopes.keys()].map((key) => key.split(':')[0]!));
  if (options.offStack !== false) scopes.push(...(await modules.scopesOff(onStack)));
  return { scopes, ...(location ? { location } : {}), userFrames: user };
}
