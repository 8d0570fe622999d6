// The command line of the script's process: node, its options, chkpt's
// preload, a TypeScript loader for .ts files, the script and its arguments.
const TYPESCRIPT = /\.(?:ts|mts|cts|tsx)$/i;

/** True for files that need the TypeScript loader on Node 20. */
export function isTypeScript(script: string): boolean {
  return TYPESCRIPT.test(script);
}

/** URL of chkpt's preload, as `--import` wants it (an absolute file URL works from any cwd). */
export function preloadUrl(): string {
  return new URL('../../preload/register.js', import.meta.url).href;
}

/** URL of the preload that lets the script import 'chkpt' when it cannot find it itself. */
export function resolveSelfUrl(): string {
  return new URL('../../preload/resolve-self.js', import.meta.url).href;
}

/** URL of the TypeScript loader (tsx) that chkpt ships with. */
export function typeScriptLoaderUrl(): string {
  return import.meta.resolve('tsx');
}

/** Builds the argv (without the node binary) for the script's process. */
export function buildNodeArgs(script: string, scriptArgs: string[], nodeArgs: string[], resolveSelf = false): string[] {
  const loader = isTypeScript(script) ? ['--import', typeScriptLoaderUrl()] : [];
  const self = resolveSelf ? ['--import', resolveSelfUrl()] : [];
  // chkpt's preload goes first so its worker starts before any loader's hooks exist.
  return [...nodeArgs, '--import', preloadUrl(), ...self, ...loader, script, ...scriptArgs];
}
