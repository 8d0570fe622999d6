// Module resolution hooks (run on node's loader thread) that let a script run
// by `chkpt run` import 'chkpt' even when chkpt is installed only globally:
// only when normal resolution fails, and only for chkpt's own names.
const TARGETS: Record<string, string> = {
  chkpt: '../api/index.js',
  'chkpt/register': './register.cjs',
};

interface ResolveContext {
  conditions: string[];
  parentURL?: string;
}
type NextResolve = (specifier: string, context: ResolveContext) => Promise<{ url: string }>;

/** Falls back to chkpt's own files for 'chkpt' and 'chkpt/register'. */
export async function resolve(specifier: string, context: ResolveContext, next: NextResolve): Promise<{ url: string; shortCircuit?: boolean }> {
  try {
    return await next(specifier, context);
  } catch (err) {
    const target = TARGETS[specifier];
    if (!target) throw err;
    return { url: new URL(target, import.meta.url).href, shortCircuit: true };
  }
}
