// A sparkline: one block character per value, scaled between the smallest
// and largest; gaps (NaN) as spaces.
const BARS = '▁▂▃▄▅▆▇█';

/** `▁▂▄▆█▆▄▂▁` for the values (NaN shown as a space). */
export function sparkline(values: number[]): string {
  const finite = values.filter((v) => Number.isFinite(v));
  if (finite.length === 0) return ' '.repeat(values.length);
  const lo = Math.min(...finite);
  const hi = Math.max(...finite);
  return values.map((v) => {
    if (!Number.isFinite(v)) return ' ';
    const k = hi === lo ? 3 : Math.round(((v - lo) / (hi - lo)) * (BARS.length - 1));
    return BARS[k];
  }).join('');
}
