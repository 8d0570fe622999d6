// The REPL's variables: one lazy getter per stored variable, so a value is
// read from the store the first time it is used. Stored names become
// JavaScript again: `weights`, `state.w` (an object `state` holding `w`),
// `frames[0].locals.x`, `globalThis.foo` (`foo`), `lib/model.ts:params`
// (`modules["lib/model.ts"].params`); every one is also `vars[name]`.
import type { Checkpoint } from '../../api/open.js';
import { type Step, parseSteps, splitPath } from '../../api/var-path.js';
import type { VariableInfo } from '../../store/index.js';

export interface Binding {
  variable: VariableInfo;
  /** The global it lives under (`weights`, `state`, `frames`, `modules`), or undefined when only in `vars`. */
  root?: string;
  steps: Step[];
}

const IDENT = /^[A-Za-z_$][\w$]*/;

/** Where a stored variable goes in the REPL. */
export function bindingOf(v: VariableInfo): Binding {
  const name = v.name.startsWith('globalThis.') ? v.name.slice('globalThis.'.length) : v.name;
  const colon = name.indexOf(':');
  if (colon > 0 && !name.slice(0, colon).includes('[')) {
    // Another module's binding: `lib/model.ts:params`.
    const file = name.slice(0, colon);
    const rest = name.slice(colon + 1);
    const id = IDENT.exec(rest)?.[0];
    if (id) {
      try {
        return { variable: v, root: 'modules', steps: [{ kind: 'prop', key: file }, { kind: 'prop', key: id }, ...parseSteps(rest.slice(id.length))] };
      } catch { /* falls through to vars only */ }
    }
    return { variable: v, steps: [] };
  }
  const id = IDENT.exec(name)?.[0];
  if (!id) return { variable: v, steps: [] };
  try {
    return { variable: v, root: id, steps: parseSteps(name.slice(id.length)) };
  } catch {
    return { variable: v, steps: [] };
  }
}

/** Defines `key` on `obj` as a getter that loads once, then holds the value (assignable like a variable). */
export function defineLazy(obj: object, key: string | number, load: () => unknown): void {
  const settle = (value: unknown): void => {
    Object.defineProperty(obj, key, { value, writable: true, configurable: true, enumerable: true });
  };
  Object.defineProperty(obj, key, {
    configurable: true,
    enumerable: true,
    get() {
      const value = load();
      settle(value);
      return value;
    },
    set(value: unknown) {
      settle(value);
    },
  });
}

function childKey(step: Step): string | number {
  return step.kind === 'index' ? step.index : step.kind === 'prop' ? step.key : String(step.kind === 'get' ? step.key : step.index);
}

const INSPECT = Symbol.for('nodejs.util.inspect.custom');

/** What a container of lazy variables prints as: values read so far, and `[not read yet]` for the others (printing reads nothing). */
function inspectContainer(this: object, _depth: number, options: object, inspect: (v: unknown, o: object) => string): string {
  const shown: Record<string, unknown> = Array.isArray(this) ? [] as unknown as Record<string, unknown> : {};
  for (const key of Object.keys(this)) {
    const d = Object.getOwnPropertyDescriptor(this, key)!;
    shown[key] = 'value' in d ? d.value : { [INSPECT]: () => '[not read yet]' };
  }
  return inspect(shown, options);
}

/** A container the REPL creates for nested names (`frames`, `frames[0].locals`). */
function makeContainer(array: boolean): object {
  const c = array ? [] : {};
  Object.defineProperty(c, INSPECT, { value: inspectContainer, enumerable: false });
  return c;
}

/** The container at `steps` under `target[root]`, created as needed (arrays for index steps). */
function containerAt(target: Record<string, unknown>, root: string, steps: Step[]): Record<string | number, unknown> {
  const make = (next: Step | undefined): object => makeContainer(next?.kind === 'index');
  if (typeof target[root] !== 'object' || target[root] === null) target[root] = make(steps[0]);
  let at = target[root] as Record<string | number, unknown>;
  for (let i = 0; i < steps.length - 1; i++) {
    const key = childKey(steps[i]!);
    if (typeof at[key] !== 'object' || at[key] === null) at[key] = make(steps[i + 1]);
    at = at[key] as Record<string | number, unknown>;
  }
  return at;
}

export interface Installed {
  /** The globals defined (roots), in checkpoint order. */
  roots: string[];
  /** Stored names that could not become globals (a name already taken); reachable through `vars`. */
  onlyInVars: string[];
  /** Names read so far. */
  loaded: Set<string>;
}

/** Installs the checkpoint's variables on `target` (the REPL's global) and as `target.vars`. */
export function installVariables(target: Record<string, unknown>, cp: Checkpoint, load: (name: string) => unknown): Installed {
  const loaded = new Set<string>();
  const read = (name: string) => (): unknown => {
    const value = load(name);
    loaded.add(name);
    return value;
  };
  const vars: Record<string, unknown> = {};
  const variables = cp.variables();
  const names = variables.map((v) => v.name);
  const roots: string[] = [];
  const onlyInVars: string[] = [];
  const taken = new Set([...Object.getOwnPropertyNames(target), 'vars', 'ckpt']);
  for (const v of variables) {
    defineLazy(vars, v.name, read(v.name));
    const b = bindingOf(v);
    // Held by a stored variable it is part of (`state.w` when `state` is stored too).
    const holder = splitPath(names.filter((n) => n !== v.name), v.name);
    if (holder) continue;
    if (b.root === undefined || (taken.has(b.root) && !roots.includes(b.root))) {
      onlyInVars.push(v.name);
      continue;
    }
    if (!roots.includes(b.root)) roots.push(b.root);
    if (b.steps.length === 0) defineLazy(target, b.root, read(v.name));
    else defineLazy(containerAt(target, b.root, b.steps), childKey(b.steps[b.steps.length - 1]!), read(v.name));
  }
  target['vars'] = vars;
  return { roots, onlyInVars, loaded };
}
