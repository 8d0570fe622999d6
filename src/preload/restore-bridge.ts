// `chkpt.restore()` in a run that resumes from a checkpoint (`chkpt resume`,
// `chkpt run --resume`): the bridge's side of it. The reading itself is a
// bundle of its own (dist/resume/restore.cjs), loaded at the first restore.
// A restored instance gets the live class of the resumed script: one given
// in the call's options, else the one the capture worker finds among the
// bindings the script sees (matched by the name and module recorded), else
// CLASS_MISSING, or a plain object with `plain: true`.
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { ClassRef } from '../shared/encoded.js';
import { ChkptError, ErrorCode } from '../shared/errors.js';
import type { RestoreOptions, RuntimeBridge } from '../shared/runtime-bridge.js';
import { type CaptureSettings, ownsRun } from '../shared/settings.js';
import type { BridgeHandle } from './bridge.js';

/** How long one class lookup may hold the script (one short pause, normally). */
const FIND_CLASS_TIMEOUT_MS = 10_000;

type Writable<T> = { -readonly [K in keyof T]: T[K] };

/** The classes given in the options, by name. */
function givenClasses(classes: RestoreOptions['classes']): Map<string, Function> {
  const table = new Map<string, Function>();
  if (Array.isArray(classes)) {
    for (const cls of classes) if (typeof cls === 'function' && cls.name) table.set(cls.name, cls);
  } else if (classes && typeof classes === 'object') {
    for (const [name, cls] of Object.entries(classes)) if (typeof cls === 'function') table.set(name, cls);
  }
  return table;
}

/** `train.ts`, from a recorded module URL. */
function moduleName(module: string | undefined): string {
  if (!module) return '';
  try {
    return ` (defined in ${fileURLToPath(module)})`;
  } catch {
    return ` (defined in ${module})`;
  }
}

/**
 * The class as its module exports it, when that module is loaded as
 * CommonJS (TypeScript under tsx included): `require.cache` by file. Nothing
 * is loaded or run here.
 */
function exportedClass(ref: ClassRef): Function | undefined {
  if (!ref.module?.startsWith('file:')) return undefined;
  let file: string;
  try {
    file = fileURLToPath(ref.module);
  } catch {
    return undefined;
  }
  const exports = (createRequire(file).cache[file] as { exports?: unknown } | undefined)?.exports;
  const named = (value: unknown): value is Function => typeof value === 'function' && Object.getOwnPropertyDescriptor(value, 'name')?.value === ref.name;
  if (named(exports)) return exports;
  if (typeof exports !== 'object' || exports === null) return undefined;
  const own = Object.getOwnPropertyDescriptor(exports, ref.name);
  // A getter (tsx's and esbuild's exports are getters) returns the binding; data properties are read as they are.
  const value = own ? ('value' in own ? own.value : safeGet(own.get, exports)) : undefined;
  return named(value) ? value : undefined;
}

/** Calls an exports getter (the module's own code, compiled by its loader: it returns a binding). */
function safeGet(get: (() => unknown) | undefined, target: object): unknown {
  try {
    return get?.call(target);
  } catch {
    return undefined;
  }
}

/** Gives the bridge `resuming` and `restore` when this process resumes a checkpoint. */
export function enableRestore(handle: BridgeHandle, settings: CaptureSettings): void {
  const point = settings.resume;
  if (!point || !ownsRun(settings)) return;
  const bridge = handle.bridge as Writable<RuntimeBridge>;
  bridge.resuming = point.ref;
  const say = (line: string): void => {
    if (settings.verbose > 0 && !settings.quiet) process.stderr.write(`chkpt: ${line}\n`);
  };
  const live = new Map<string, Function | undefined>();
  const liveClass = (ref: ClassRef): Function | undefined => {
    const key = `${ref.module ?? ''}#${ref.name}`;
    if (live.has(key)) return live.get(key);
    const exported = exportedClass(ref);
    if (exported) {
      live.set(key, exported);
      return exported;
    }
    bridge.resolvedClass = undefined;
    handle.request({ type: 'find-class', name: ref.name, ...(ref.module ? { module: ref.module } : {}) }, FIND_CLASS_TIMEOUT_MS, false);
    const found = typeof bridge.resolvedClass === 'function' ? bridge.resolvedClass : undefined;
    bridge.resolvedClass = undefined;
    live.set(key, found);
    return found;
  };
  const bundle = fileURLToPath(new URL('../resume/restore.cjs', import.meta.url));
  bridge.restore = (path, options) => {
    const { restoreValue } = bridge.load(bundle) as typeof import('../resume/restore.js');
    const given = givenClasses(options.classes);
    const classes = (ref: ClassRef): Function | undefined => {
      const cls = given.get(ref.name) ?? liveClass(ref);
      if (cls || options.plain) return cls;
      throw new ChkptError(
        ErrorCode.CLASS_MISSING,
        `Cannot restore \`${path}\`: class ${ref.name || '(anonymous)'}${moduleName(ref.module)} is not in the resumed script; `
          + `define it again, pass it with chkpt.restore('${path}', init, { classes: [${ref.name || 'TheClass'}] }), or pass { plain: true } for plain objects.`,
        { path, class: ref.name, module: ref.module ?? null, checkpoint: point.ref },
      );
    };
    const result = restoreValue(point, path, classes);
    say(result.found ? `restored \`${path}\` from ${point.ref}` : `restore: ${result.reason}: the initializer runs`);
    return result.found ? { found: true, value: result.value } : result;
  };
}
