// "Did you mean": the few candidates closest to what was typed, for the
// one-line errors of bad references and unknown variables.

/** Edit distance (insertions, deletions, substitutions, adjacent swaps). */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, d[i - 2]![j - 2]! + 1);
      d[i]![j] = best;
    }
  }
  return d[a.length]![b.length]!;
}

/**
 * Up to `max` candidates nearest to `typed`: those whose last path segment
 * is it (`x` finds `frames[0].locals.x`), then those that start with it or
 * contain it, then those within an edit distance of about a third of its
 * length. Case-insensitive; order of `candidates` breaks ties.
 */
export function nearest(typed: string, candidates: Iterable<string>, max = 3): string[] {
  const t = typed.toLowerCase();
  const scored: { c: string; score: number; i: number }[] = [];
  let i = 0;
  for (const c of new Set(candidates)) {
    const lc = c.toLowerCase();
    let score: number;
    const last = lc.split(/[.:\]]/).pop();
    if (lc === t || last === t) score = 0;
    else if (t.length > 0 && lc.startsWith(t)) score = 0.3;
    else if (t.length > 1 && lc.includes(t)) score = 0.5;
    else {
      const dist = editDistance(t, lc);
      score = dist <= Math.max(2, Math.ceil(t.length / 3)) ? dist : Infinity;
    }
    if (score !== Infinity) scored.push({ c, score, i: i++ });
  }
  scored.sort((x, y) => x.score - y.score || x.i - y.i);
  return scored.slice(0, max).map((s) => s.c);
}

/** `; nearest: a, b, c` or '' when there is nothing near. */
export function nearestText(typed: string, candidates: Iterable<string>, max = 3): string {
  const found = nearest(typed, candidates, max);
  return found.length > 0 ? `; nearest: ${found.join(', ')}` : '';
}
