// findLarge: the salient values inside a graph, for capture to list on their
// own (`state.weights`, `rows[3]`). A breadth-first walk with paths, bounded
// by a node budget: binary values and arrays, Maps and Sets of at least
// `minBytes` are reported; plain objects and class instances are walked through.
import { binaryOf } from './binary.js';
import { CHILD_INDEX, CHILD_MAP_KEY, CHILD_MAP_VALUE, CHILD_PROP, type Visitor, shallowSize } from './children.js';
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

class LargeWalk implements Visitor {
  readonly queue = list<object>();
  readonly paths = list<string>();
  readonly seen = new SafeSet<object>();
  parentPath = '';

  constructor(private readonly maxNodes: number) {}

  visit(child: unknown, _weight: number, how: number, key: unknown): void {
    if (typeof child !== 'object' || child === null || this.seen.has(child) || this.queue.length >= this.maxNodes) return;
    this.seen.add(child);
    this.queue[this.queue.length] = child;
    this.paths[this.paths.length] = this.parentPath + label(how, key);
  }
}

function walk(value: object, minBytes: number, maxNodes: number, rootPath: string, found: LargeValue[]): void {
  const w = new LargeWalk(maxNodes);
  w.seen.add(value);
  w.queue[0] = value;
  w.paths[0] = rootPath;
  for (let head = 0; head < w.queue.length; head++) {
    const o = w.queue[head]!;
    if (isProxy(o)) continue;
    const path = w.paths[head]!;
    w.parentPath = path;
    const view = binaryOf(o, ObjectGetPrototypeOf(o));
    if (view !== undefined) {
      if (head > 0 && view.byteLength >= minBytes) found[found.length] = { path, value: o, size: view.byteLength };
      continue;
    }
    if (head > 0 && (ArrayIsArray(o) || isMap(o) || isSet(o))) {
      const size = estimateSize(o, 256);
      if (size >= minBytes) found[found.length] = { path, value: o, size };
    }
    const budget = maxNodes - w.queue.length;
    if (budget > 0) shallowSize(o, budget, w);
  }
}
