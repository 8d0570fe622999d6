// The keys of the functions and classes a script defines (see
// shared/function-key.ts), read from its source as V8 runs it: what lets the
// main thread pick the script's own functions out of the whole heap.
import type { Node } from 'acorn';
import { full } from 'acorn-walk';
import { functionKey } from '../shared/function-key.js';
import { parseSource } from './parse-source.js';

/** Keys of every function, arrow, method and class in `source`; undefined when it does not parse. */
export function functionKeys(source: string): string[] | undefined {
  const ast = parseSource(source);
  if (!ast) return undefined;
  const keys = new Set<string>();
  const add = (start: number, end: number): void => void keys.add(functionKey(source.slice(start, end)));
  full(ast, (node: Node) => {
    switch (node.type) {
      case 'FunctionDeclaration': case 'FunctionExpression': case 'ArrowFunctionExpression':
      case 'ClassDeclaration': case 'ClassExpression':
        add(node.start, node.end);
        break;
      case 'MethodDefinition': case 'Property': case 'PropertyDefinition': {
        // A method's text starts at its name (with `async`, `get`, `*` before
        // it as written), not at the parameters the function node starts at.
        const value = (node as unknown as { value?: Node | null }).value;
        if (value && value.type === 'FunctionExpression') {
          const key = (node as unknown as { key: Node; computed?: boolean }).key;
          add(node.start, value.end);
          add(key.start, value.end);
        }
        break;
      }
      default:
    }
  });
  return [...keys];
}
