// From the paused call frames to the scopes a checkpoint reads: the locals,
// blocks and closures of the script's own frames, and the module scope of
// each of its modules (those not on the stack: module-scopes.ts).
import type { ScopeKind, SourceLocation } from '../shared/encoded.js';
import type { CallFrame } from './pauser.js';
import type { ScriptRegistry, ScriptInfo } from './scripts.js';
import { COMMONJS_WRAPPER, type ModuleScopes, type ScopeArg } from './module-scopes.js';
import { originalLocation } from './source-maps.js';

export type { ScopeArg } from './module-scopes.js';

export interface FrameScopes {
  scopes: ScopeArg[];
  /** Where the innermost frame of the script's own code is. */
  location?: SourceLocation;
  userFrames: number;
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
export async function frameScopes(frames: CallFrame[], scripts: ScriptRegistry, modules: ModuleScopes, options: { offStack?: boolean; inPause?: boolean } = {}): Promise<FrameScopes> {
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
    if (options.inPause !== false && frames[at + 1]?.location.scriptId !== frame.location.scriptId) await modules.remember(frame);
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
