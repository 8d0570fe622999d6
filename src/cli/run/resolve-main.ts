// Whether node will find the script, resolved as node resolves its main
// entry. When it will not, chkpt runs plain node so the user gets node's own
// "Cannot find module" error, word for word.
import { createRequire } from 'node:module';
import path from 'node:path';

/** True when node's main-entry resolution finds `script` from `cwd`. */
export function mainResolves(script: string, cwd: string): boolean {
  try {
    createRequire(path.join(cwd, 'noop.js')).resolve(path.resolve(cwd, script));
    return true;
  } catch {
    return false;
  }
}
