// findLarge: the salient values inside a graph, for capture to list on their
// own (`state.weights`, `rows[3]`). A breadth-first walk with paths, bounded
// by a node budget: binary values and arrays, Maps and Sets of at least
// `minBytes` are reported; plain objects and class instances are walked through.
import { binaryOf } from './binary.js';
import { CHILD_INDEX, CHILD_MAP_KEY, CHILD_MAP_VALUE, CHILD_PROP, shallowSize } from './children.js';
import { keyText, propLabel } from './path.js';
import {
  ArrayIsArray, ArrayPrototype, ObjectGetPrototypeOf, ObjectSetPrototypeOf, SafeSet, isMap, isProxy, isSet, list,
} from './primordials.js';
import { estimateSize } from './size-estimate.js';

/** A large value found inside a graph, with the path that reaches it. */
export interface LargeValue {
  path: string;
  value: unknown;
  size: number;
}

function label(how: number, key: unknown): string {
  switch (how) {
    case CHILD_PROP: return propLabel(key as string);
    case CHILD_INDEX: return `[${key as number}]`;
    case CHILD_MAP_KEY: return `.keys()[${key as number}]`;
    case CHILD_MAP_VALUE: return `.get(${keyText(key)})`;
    default: return `.values()[${key as number}]`;
  }
}

/**
 * Values of at least `minBytes` inside `value` (binary values, arrays, Maps,
 * Sets; not the root itself), breadth first, each with its path from `rootPath`.
 * Visits at most `maxNodes` objects; never runs user code.
 */
export function findLarge(value: unknown, minBytes: number, maxNodes = 100_000, rootPath = ''): LargeValue[] {
  const found = list<LargeValue>();
  if (typeof value === 'object' && value !== null) walk(value, minBytes, maxNodes, rootPath, found);
  ObjectSetPrototypeOf(found, ArrayPrototype);
  return found;
}

function walk(value: object, minBytes: number, maxNodes: number, rootPath: string, found: LargeValue[]): void {
  const queue = list<object>();
  const paths = list<string>();
  const seen = new SafeSet<object>();
  let parentPath = rootPath;
  const visit = (child: unknown, _weight: number, how: number, key: unknown): void => {
    if (typeof child !== 'object' || child === null || seen.has(child) || queue.length >= maxNodes) return;
    seen.add(child);
    queue[queue.length] = child;
    paths[paths.length] = parentPath + label(how, key);
  };
  seen.add(value);
  queue[0] = value;
  paths[0] = rootPath;
  for (let head = 0; head < queue.length; head++) {
    const o = queue[head]!;
    if (isProxy(o)) continue;
    parentPath = paths[head]!;
    const view = binaryOf(o, ObjectGetPrototypeOf(o));
    if (view !== undefined) {
      if (head > 0 && view.byteLength >= minBytes) found[found.length] = { path: parentPath, value: o, size: view.byteLength };
      continue;
    }
    if (head > 0 && (ArrayIsArray(o) || isMap(o) || isSet(o))) {
      const size = estimateSize(o, 256);
      if (size >= minBytes) found[found.length] = { path: parentPath, value: o, size };
    }
    const budget = maxNodes - queue.length;
    if (budget > 0) shallowSize(o, budget, visit);
  }
}
