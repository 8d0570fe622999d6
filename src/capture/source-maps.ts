// Maps positions in the code V8 runs back to the file the user wrote, through
// the script's source map (inline `data:` URLs, as the TypeScript loader
// emits, or a map file next to the script).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { TraceMap, originalPositionFor } from '@jridgewell/trace-mapping';
import { debug } from '../shared/debug.js';
import type { SourceLocation } from '../shared/encoded.js';
import type { ScriptInfo } from './scripts.js';

const maps = new Map<string, TraceMap | null>();

function loadMap(script: ScriptInfo): TraceMap | null {
  const key = `${script.url}\n${script.sourceMapURL ?? ''}`;
  const cached = maps.get(key);
  if (cached !== undefined) return cached;
  let map: TraceMap | null = null;
  try {
    const ref = script.sourceMapURL;
    if (ref) {
      let text: string;
      if (ref.startsWith('data:')) {
        const comma = ref.indexOf(',');
        const body = ref.slice(comma + 1);
        text = ref.slice(0, comma).endsWith(';base64') ? Buffer.from(body, 'base64').toString('utf8') : decodeURIComponent(body);
      } else {
        const base = script.file ? path.dirname(script.file) : process.cwd();
        const file = ref.startsWith('file://') ? fileURLToPath(ref) : path.resolve(base, ref);
        text = readFileSync(file, 'utf8');
      }
      map = new TraceMap(text, script.url);
    }
  } catch (err) {
    debug('source-maps', `no usable source map for ${script.url}: ${String(err)}`);
  }
  maps.set(key, map);
  return map;
}

/** The user's file, 1-based line and column for a 0-based V8 position in `script`. */
export function originalLocation(script: ScriptInfo, line0: number, column0: number, fn?: string): SourceLocation {
  const file = script.file ?? script.url;
  const map = loadMap(script);
  if (map) {
    const original = originalPositionFor(map, { line: line0 + 1, column: column0 });
    if (original.line !== null && original.source) {
      const source = original.source.startsWith('file://') ? fileURLToPath(original.source) : original.source;
      return { file: source, line: original.line, column: (original.column ?? 0) + 1, ...(fn ? { function: fn } : {}) };
    }
  }
  return { file, line: line0 + 1, column: column0 + 1, ...(fn ? { function: fn } : {}) };
}
