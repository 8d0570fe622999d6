// What `chkpt.restore(path, init)` reads, on the script's main thread, in a
// run that resumes from a checkpoint. Loaded by the preload's bridge at the
// first restore only (dist/resume/restore.cjs): a run that restores nothing
// never loads the store. The value is decoded from the store straight into
// the script's heap: each binary part is read chunk by chunk into the buffer
// that becomes its typed array's memory (no second copy), and only the
// variable asked for is read. Classes are looked up through `classes`, which
// answers with the live class of the resumed script (or none); nothing in
// the checkpoint is ever run.
import { nearestText } from '../api/nearest.js';
import { parseSteps, splitPath } from '../api/var-path.js';
import { walk } from '../api/walk.js';
import type { ClassRef } from '../shared/encoded.js';
import { ChkptError, ErrorCode } from '../shared/errors.js';
import type { ResumePoint } from '../shared/settings.js';
import { openStore, type Store } from '../store/index.js';

/** What a restore found: the value, or why there is none (the initializer then runs). */
export type Restored = { found: true; value: unknown; variable: string } | { found: false; reason: string };

let opened: { dir: string; store: Store } | undefined;

function storeOf(point: ResumePoint): Store {
  if (opened?.dir !== point.store) {
    opened?.store.close();
    opened = { dir: point.store, store: openStore(point.store, { create: false, autoGc: false }) };
  }
  return opened.store;
}

/**
 * The value at `path` (a variable name as `chkpt show` lists it, and steps
 * into it: `model`, `state.weights`, `history[3]`; a bare name also finds the
 * innermost frame's local of that name) in the checkpoint of `point`. Errors of the store (a damaged or missing chunk, a bad stream)
 * and of `classes` are thrown: they fail this restore only.
 */
export function restoreValue(point: ResumePoint, path: string, classes: (ref: ClassRef) => Function | undefined): Restored {
  const store = storeOf(point);
  const vars = store.variables(point.checkpointId);
  const names = vars.map((v) => v.name);
  const split = splitPath(names, path) ?? inFrames(names, path);
  if (!split) return { found: false, reason: `checkpoint ${point.ref} holds no \`${path}\`${nearestText(path, names)}` };
  const variable = vars.find((v) => v.name === split.name)!;
  const steps = parseSteps(split.rest, path);
  const root = store.readVariable(point.checkpointId, variable.idx, { classes });
  try {
    return { found: true, value: walk(root, steps, variable.name), variable: variable.name };
  } catch (err) {
    if (err instanceof ChkptError && err.code === ErrorCode.NOT_FOUND) return { found: false, reason: err.message };
    throw err;
  }
}

/**
 * A name the checkpoint holds as a local of a frame (`frames[2].locals.model`,
 * what a crash or snapshot inside a function keeps) rather than a module
 * value: the innermost frame's.
 */
function inFrames(names: string[], path: string): { name: string; rest: string } | undefined {
  const local = new Map<string, { name: string; frame: number }>();
  for (const name of names) {
    const m = /^frames\[(\d+)\]\.locals\.(.+)$/.exec(name);
    if (!m) continue;
    const frame = Number(m[1]);
    const seen = local.get(m[2]!);
    if (!seen || frame < seen.frame) local.set(m[2]!, { name, frame });
  }
  const split = splitPath(local.keys(), path);
  return split ? { name: local.get(split.name)!.name, rest: split.rest } : undefined;
}

/** Closes the store (at exit, or in tests). */
export function closeRestoreStore(): void {
  opened?.store.close();
  opened = undefined;
}
