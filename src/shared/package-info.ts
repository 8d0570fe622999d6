// chkpt's own name, version and install location, read once from package.json.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Absolute path of the installed chkpt package's root folder. */
export const packageRoot = fileURLToPath(new URL('../../', import.meta.url));

/** chkpt's version, as in its package.json. */
export const version: string = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;
