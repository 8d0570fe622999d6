// Paths as people want to read them: relative to the current directory when
// inside it, with `~` for the home directory otherwise.
import os from 'node:os';
import path from 'node:path';

/** `train.ts`, `lib/model.ts`, `~/jobs/train.ts` or the absolute path. */
export function displayPath(p: string, cwd = process.cwd(), home = os.homedir()): string {
  if (!path.isAbsolute(p)) return p;
  const rel = path.relative(cwd, p);
  if (rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel)) return rel;
  if (home && (p === home || p.startsWith(home + path.sep))) return `~${p.slice(home.length)}`;
  return p;
}
