// estimateSize: a bounded breadth-first walk. Containers with many children
// are sampled (each sampled child stands for its share of the rest); when the
// node budget runs out, what is still queued is extrapolated from the average.
import { shallowSize, primitiveSize } from './children.js';
import { SafeSet, isProxy, list } from './primordials.js';

/** Children sampled per container. */
const SAMPLE = 32;
/** Bytes counted for a function, a Proxy, or anything whose size cannot be seen. */
const OPAQUE_SIZE = 64;

/**
 * Estimated bytes held by `value` (typed arrays exact, objects approximate),
 * never running user code, visiting at most `maxNodes` objects (then extrapolating).
 */
export function estimateSize(value: unknown, maxNodes = 10_000): number {
  if ((typeof value !== 'object' && typeof value !== 'function') || value === null) return primitiveSize(value);
  const queue = list<object>();
  const weights = list<number>();
  const seen = new SafeSet<object>();
  let head = 0;
  let total = 0;
  let visitedWeight = 0;
  let visitedBytes = 0;
  const visit = (child: unknown, weight: number): void => {
    if ((typeof child !== 'object' && typeof child !== 'function') || child === null) {
      total += primitiveSize(child) * weight;
      return;
    }
    if (seen.has(child)) return;
    seen.add(child);
    queue[queue.length] = child;
    weights[weights.length] = weight;
  };
  visit(value, 1);
  for (; head < queue.length && head < maxNodes; head++) {
    const o = queue[head]!;
    const w = weights[head]!;
    const own = typeof o === 'function' || isProxy(o) ? OPAQUE_SIZE : shallowSize(o, SAMPLE, visit);
    total += own * w;
    visitedBytes += own * w;
    visitedWeight += w;
  }
  if (head < queue.length) {
    const average = visitedWeight > 0 ? visitedBytes / visitedWeight : OPAQUE_SIZE;
    for (let i = head; i < queue.length; i++) total += average * weights[i]!;
  }
  return total - (total % 1);
}
