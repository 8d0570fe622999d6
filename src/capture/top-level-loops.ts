// Whether a module's top-level code (outside any function) has a loop. Such a
// module must not get a breakpoint: V8 does not optimize a function with a
// breakpoint in it, and the module's top-level code is one function, so its
// loop would run in the interpreter for as long as the breakpoint stays.
import { parse, type Node } from 'acorn';
import { recursive } from 'acorn-walk';

/** Sources larger than this are not parsed (the answer is then "unknown"). */
const MAX_SOURCE = 2 * 1024 * 1024;

const LOOPS = ['ForStatement', 'ForInStatement', 'ForOfStatement', 'WhileStatement', 'DoWhileStatement'] as const;

function parseAny(source: string): Node | undefined {
  for (const sourceType of ['module', 'script'] as const) {
    try {
      return parse(source, {
        ecmaVersion: 'latest', sourceType, allowHashBang: true, allowReturnOutsideFunction: sourceType === 'script',
        allowAwaitOutsideFunction: true, allowImportExportEverywhere: true,
      });
    } catch {
      // Try the other source type; a file neither parses as is left unknown.
    }
  }
  return undefined;
}

/** True when the top-level code has a loop, false when not, undefined when the source is too big or does not parse. */
export function hasTopLevelLoop(source: string): boolean | undefined {
  if (source.length > MAX_SOURCE) return undefined;
  const ast = parseAny(source);
  if (!ast) return undefined;
  let found = false;
  const visitors: Record<string, (node: Node, state: unknown, next: (node: Node, state: unknown) => void) => void> = {
    // Function bodies run in functions of their own: not top-level code.
    Function: () => {},
  };
  for (const loop of LOOPS) visitors[loop] = () => { found = true; };
  recursive(ast, undefined, visitors);
  return found;
}
