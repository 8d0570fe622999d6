// Runs in the script's main thread during a pause: from all the functions of
// the heap (the inspector's queryObjects), those whose text matches a key of
// the script's own code. Each function is looked at once in the life of the
// process. Nothing of the script runs: every built-in used was captured when
// chkpt loaded, before the script could replace it.
import { functionKey } from '../../shared/function-key.js';
import { FunctionPrototypeToString, uncurryThis } from '../../serialize/primordials.js';

const seenHas = uncurryThis(WeakSet.prototype.has as (this: WeakSet<object>, value: object) => boolean);
const seenAdd = uncurryThis(WeakSet.prototype.add as (this: WeakSet<object>, value: object) => WeakSet<object>);
const seen = new WeakSet<object>();

/** The functions of `all` not looked at before whose key is among `keys`. */
export function pickFunctions(all: unknown[], keys: string[]): Function[] {
  const wanted: Record<string, true> = Object.create(null) as Record<string, true>;
  for (let i = 0; i < keys.length; i++) wanted[keys[i]!] = true;
  const found: Function[] = [];
  for (let i = 0; i < all.length; i++) {
    const fn = all[i];
    if (typeof fn !== 'function' || seenHas(seen, fn)) continue;
    seenAdd(seen, fn);
    let text: string;
    try {
      text = FunctionPrototypeToString(fn);
    } catch {
      continue; // Not a function toString accepts (a revoked proxy, say).
    }
    if (wanted[functionKey(text)] === true) found[found.length] = fn;
  }
  return found;
}
