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
      const objectId = await this.moduleScopeOf(closure, script.commonjs);
      if (objectId) out.push({ spec: { kind: 'module', prefix: this.prefixOf(script), ...(script.commonjs ? { skipNames: COMMONJS_WRAPPER } : {}) }, objectId });
    }
    return out;
  }

  private async moduleScopeOf(closureId: string, commonjs: boolean): Promise<string | undefined> {
    const fn = await this.client.post<{ internalProperties?: RemoteProperty[] }>('Runtime.getProperties', { objectId: closureId, ownProperties: true });
    const scopes = fn.internalProperties?.find((p) => p.name === '[[Scopes]]')?.value?.objectId;
    if (!scopes) return undefined;
    const list = await this.client.post<{ result: RemoteProperty[] }>('Runtime.getProperties', { objectId: scopes, ownProperties: true });
    const entries = list.result.filter((p) => /^\d+$/.test(p.name) && p.value?.objectId);
    const wanted = commonjs
      ? entries.filter((p) => p.value?.description?.startsWith('Closure')).at(-1)
      : entries.find((p) => p.value?.description === 'Module');
    const holder = wanted?.value?.objectId;
    if (!holder) return undefined;
    // Each [[Scopes]] entry is an internal wrapper whose `object` holds the variables.
    const inner = await this.client.post<{ internalProperties?: RemoteProperty[]; result: RemoteProperty[] }>('Runtime.getProperties', { objectId: holder, ownProperties: true });
    return inner.internalProperties?.find((p) => p.name === 'object')?.value?.objectId
      ?? inner.result.find((p) => p.name === 'object')?.value?.objectId ?? holder;
  }
}

function kindOf(type: string, frame: CallFrame, script: ScriptInfo, scope: CallFrame['scopeChain'][number]): ScopeKind | 'module-cjs' | undefined {
  switch (type) {
    case 'local': {
      const loc = frame.functionLocation;
      const topLevel = script.commonjs && frame.functionName === '' && loc?.lineNumber === 0 && loc.columnNumber === 0;
      return topLevel ? 'module-cjs' : 'local';
    }
    case 'block': case 'catch': case 'with': case 'eval': return 'block';
    case 'closure': {
      const start = scope.startLocation;
      return script.commonjs && start?.lineNumber === 0 && (start.columnNumber ?? 0) === 0 ? 'module-cjs' : 'closure';
    }
    case 'module': return 'module';
    default: return undefined; // global and script scopes: globals are read separately.
  }
}

/** The scopes to read from the paused frames, plus module scopes of modules off the stack. */
export async function frameScopes(frames: CallFrame[], scripts: ScriptRegistry, modules: ModuleScopes, options: { offStack?: boolean } = {}): Promise<FrameScopes> {
  const scopes: ScopeArg[] = [];
  // Per module, the scope seen from its outermost frame: a module's top-level
  // frame shows all its bindings, inner frames only those closures keep.
  const moduleScopes = new Map<string, ScopeArg>();
  let location: SourceLocation | undefined;
  let user = 0;
  for (const frame of frames) {
    const script = scripts.get(frame.location.scriptId);
    if (!script?.own) continue;
    const index = user++;
    location ??= originalLocation(script, frame.location.lineNumber, frame.location.columnNumber ?? 0, frame.functionName || undefined);
    await modules.remember(frame);
    for (const scope of frame.scopeChain) {
      const objectId = scope.object.objectId;
      const kind = kindOf(scope.type, frame, script, scope);
      if (!objectId || !kind) continue;
      if (kind === 'module' || kind === 'module-cjs') {
        moduleScopes.set(frame.location.scriptId, { objectId, spec: { kind: 'module', prefix: modules.prefixOf(script), ...(kind === 'module-cjs' ? { skipNames: COMMONJS_WRAPPER } : {}) } });
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
  if (options.offStack !== false) scopes.push(...(await modules.scopesOff(new Set(moduleScopes.keys()))));
  return { scopes, ...(location ? { location } : {}), userFrames: user };
}
