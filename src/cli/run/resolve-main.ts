// Whether node will find the script, resolved as node resolves its main
// entry. When it will not, chkpt runs plain node so the user gets node's own
// "Cannot find module" error, word for word.
import { createRequire } from 'node:module';
import { closeSync, openSync, readSync } from 'node:fs';
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

/**
 * Whether the script imports 'chkpt' without being able to find it (chkpt
 * installed globally): its entry file names the package, and resolution from
 * its folder fails. Only then does chkpt pay for a resolve hook.
 */
export function needsSelfResolve(script: string, cwd: string): boolean {
  const file = path.resolve(cwd, script);
  let source: string;
  try {
    const fd = openSync(file, 'r');
    try {
      const buffer = Buffer.alloc(1 << 20);
      source = buffer.toString('utf8', 0, readSync(fd, buffer, 0, buffer.length, 0));
    } finally {
      closeSync(fd);
    }
  } catch {
    return false;
  }
  if (!/['"]chkpt(?:\/register)?['"]/.test(source)) return false;
  try {
    createRequire(file).resolve('chkpt');
    return false;
  } catch {
    return true;
  }
}
