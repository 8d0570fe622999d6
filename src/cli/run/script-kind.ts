// Which scripts need the TypeScript loader on Node 20 (bin/chkpt's scan
// matches the same endings).
const TYPESCRIPT = /\.(?:ts|mts|cts|tsx)$/i;

/** True for files that need the TypeScript loader on Node 20. */
export function isTypeScript(script: string): boolean {
  return TYPESCRIPT.test(script);
}
