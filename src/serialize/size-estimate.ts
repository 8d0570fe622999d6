// estimateSize: a bounded breadth-first walk. Containers with many children
// are sampled (each sampled child stands for its share of the rest); when the
// node budget runs out, what is still queued is extrapolated from the average.
import { type Visitor, primitiveSize, shallowSize } from './children.js';
import { SafeSet, isProxy, list } from './primordials.js';

/** Children sampled per container. */
const SAMPLE = 32;
/** Bytes counted for a function, a Proxy, or anything whose size cannot be seen. */
const OPAQUE_SIZE = 64;

class SizeWalk implements Visitor {
  readonly queue = list<object>();
  readonly weights = list<number>();
  private readonly seen = new SafeSet<object>();
  total = 0;

  visit(child: unknown, weight: number): void {
    if ((typeof child !== 'object' && typeof child !== 'function') || child === null) {
      this.total += primitiveSize(child) * weight;
      return;
    }
    if (this.seen.has(child)) return;
    this.seen.add(child);
    this.queue[this.queue.length] = child;
    this.weights[this.weights.length] = weight;
  }
}

/**
 * Estimated bytes held by `value` (typed arrays exact, objects approximate),
 * never running user code, visiting at most `maxNodes` objects (then extrapolating).
 */
export function estimateSize(value: unknown, maxNodes = 10_000): number {
  if ((typeof value !== 'object' && typeof value !== 'function') || value === null) return primitiveSize(value);
  const walk = new SizeWalk();
  walk.visit(value, 1);
  const { queue, weights } = walk;
  let visitedWeight = 0;
  let visitedBytes = 0;
  let head = 0;
  for (; head < queue.length && head < maxNodes; head++) {
    const o = queue[head]!;
    const w = weights[head]!;
    const own = typeof o === 'function' || isProxy(o) ? OPAQUE_SIZE : shallowSize(o, SAMPLE, walk);
    walk.total += own * w;
    visitedBytes += own * w;
    visitedWeight += w;
  }
  if (head < queue.length) {
    const average = visitedWeight > 0 ? visitedBytes / visitedWeight : OPAQUE_SIZE;
    for (let i = head; i < queue.length; i++) walk.total += average * weights[i]!;
  }
  return walk.total - (walk.total % 1);
}
