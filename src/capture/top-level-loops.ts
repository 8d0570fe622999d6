// Whether a module's top-level code (outside any function, but for the
// wrapper function a TypeScript loader may put around it) has a loop. Such a
// module must not keep a breakpoint: V8 does not optimize a function with a
// breakpoint in it, and the module's top-level code is one function, so its
// loop would run in the interpreter for as long as the breakpoint stays.
import type { Node } from 'acorn';
import { recursive } from 'acorn-walk';
import { parseSource } from './parse-source.js';

const LOOPS = ['ForStatement', 'ForInStatement', 'ForOfStatement', 'WhileStatement', 'DoWhileStatement'] as const;

type Visitors = Record<string, (node: Node, state: unknown, next: (node: Node, state: unknown) => void) => void>;

/**
 * A function called where it is defined, as a statement of its own at top
 * level: `(() => { ... })()`, the wrapper a TypeScript loader puts around a
 * CommonJS module's code. Its body is the module's top-level code.
 */
function wrapperOf(node: Node): Node | undefined {
  if (node.type !== 'ExpressionStatement') return undefined;
  let call = (node as unknown as { expression: Node }).expression;
  if (call.type === 'UnaryExpression') call = (call as unknown as { argument: Node }).argument;
  if (call.type !== 'CallExpression') return undefined;
  const callee = (call as unknown as { callee: Node }).callee;
  return callee.type === 'ArrowFunctionExpression' || callee.type === 'FunctionExpression' ? callee : undefined;
}

/** Walks the top-level code of `ast` (wrapper functions' bodies included, other functions not). */
function walkTopLevel(ast: Node, visit: Visitors): void {
  const visitors: Visitors = {
    ...visit,
    // Function bodies run in functions of their own: not top-level code.
    Function: () => {},
    ExpressionStatement: (node, state, next) => {
      const wrapper = wrapperOf(node);
      if (!wrapper) return next((node as unknown as { expression: Node }).expression, state);
      next((wrapper as unknown as { body: Node }).body, state);
    },
  };
  recursive(ast, undefined, visitors);
}

/** True when the top-level code has a loop, false when not, undefined when the source is too big or does not parse. */
export function hasTopLevelLoop(source: string): boolean | undefined {
  return hasTopLevel(source, LOOPS);
}

/** True when the top-level code has a loop or an `await` (it runs for a while), false when not, undefined when unknown. */
export function topLevelRunsOn(source: string): boolean | undefined {
  return hasTopLevel(source, [...LOOPS, 'AwaitExpression']);
}

function hasTopLevel(source: string, types: readonly string[]): boolean | undefined {
  const ast = parseSource(source);
  if (!ast) return undefined;
  let found = false;
  const visitors: Visitors = {};
  for (const type of types) visitors[type] = () => { found = true; };
  walkTopLevel(ast, visitors);
  return found;
}
