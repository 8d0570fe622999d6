// The command line of the script's process: node, its options, chkpt's
// preload, a TypeScript loader for .ts files, the script and its arguments.
import { fileURLToPath } from 'node:url';
import { isTypeScript } from './script-kind.js';

/** Absolute path of chkpt's preload bundle, for `--require`. */
export function preloadPath(): string {
  return fileURLToPath(new URL('../../preload/register.cjs', import.meta.url));
}

/** Absolute path of the preload that lets the script import 'chkpt' when it cannot find it itself. */
export function resolveSelfPath(): string {
  return fileURLToPath(new URL('../../preload/resolve-self.cjs', import.meta.url));
}

/** URL of the TypeScript loader (tsx) that chkpt ships with. */
export function typeScriptLoaderUrl(): string {
  return import.meta.resolve('tsx');
}

/** Builds the argv (without the node binary) for the script's process. */
export function buildNodeArgs(script: string, scriptArgs: string[], nodeArgs: string[], resolveSelf = false): string[] {
  const loader = isTypeScript(script) ? ['--import', typeScriptLoaderUrl()] : [];
  const self = resolveSelf ? ['--require', resolveSelfPath()] : [];
  // `--require`, not `--import`: an ESM preload makes node run a CommonJS
  // script through its ESM loader, and an uncaught error there is printed
  // differently. Node runs `--require` preloads before `--import` ones, so
  // chkpt's worker starts before any loader's hooks exist.
  return [...nodeArgs, '--require', preloadPath(), ...self, ...loader, script, ...scriptArgs];
}
