// Parses a script's source as V8 runs it (ES module or CommonJS) with acorn,
// for the questions chkpt asks of the script's code: never evaluated.
import { parse, type Node } from 'acorn';

/** Sources larger than this are not parsed (the answers are then "unknown"). */
const MAX_SOURCE = 2 * 1024 * 1024;

/** The syntax tree of `source`, as a module or else as a script; undefined when it parses as neither or is too big. */
export function parseSource(source: string): Node | undefined {
  if (source.length > MAX_SOURCE) return undefined;
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
