// Preloaded (bundled as resolve-self.cjs, with `--require`) after the preload when the script imports 'chkpt' but chkpt is
// not installed where the script could find it (a global install): adds the
// fallback resolution for ESM imports and for require().
import Module, { register } from 'node:module';
import { fileURLToPath } from 'node:url';

const own: Record<string, string> = {
  chkpt: fileURLToPath(new URL('../api/index.js', import.meta.url)),
  'chkpt/register': fileURLToPath(new URL('./register.cjs', import.meta.url)),
};

register(new URL('./self-hooks.js', import.meta.url));

type Resolver = (request: string, ...rest: unknown[]) => string;
const internals = Module as unknown as { _resolveFilename: Resolver };
const original = internals._resolveFilename;
internals._resolveFilename = function resolveFilename(this: unknown, request: string, ...rest: unknown[]): string {
  try {
    return original.call(this, request, ...rest);
  } catch (err) {
    const fallback = own[request];
    if (fallback) return fallback;
    throw err;
  }
};
