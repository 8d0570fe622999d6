// Plots with uPlot (bundled into the page at build time: nothing is fetched
// from elsewhere): a numeric array as the band between each slice's minimum
// and maximum, a histogram, a value over a run's checkpoints, and a run's
// checkpoints by time and size.
import uPlot from 'uplot';

const COLORS: Record<string, string> = {
  interval: '#4e79a7', api: '#59a14f', crash: '#e15759', signal: '#f28e2b', exit: '#76b7b2', request: '#b07aa1', value: '#4e79a7',
};

function width(el: HTMLElement): number {
  return Math.max(320, Math.min(1100, el.clientWidth || 900));
}

/** A line through each slice's min and max, filled between (every spike of millions of points stays visible). */
export function linePlot(el: HTMLElement, plot: { x: number[]; min: (number | null)[]; max: (number | null)[]; step: number }, label: string): uPlot {
  const single = plot.step <= 1;
  const series: uPlot.Series[] = [
    { label: 'index' },
    { label: single ? label : `${label} (max of ${Math.round(plot.step).toLocaleString('en-US')})`, stroke: COLORS['value'], width: 1 },
  ];
  const data: uPlot.AlignedData = [plot.x, plot.max];
  if (!single) {
    series.push({ label: 'min', stroke: COLORS['value'], width: 1 });
    (data as unknown[]).push(plot.min);
  }
  return new uPlot({
    width: width(el), height: 300, series, scales: { x: { time: false } },
    bands: single ? [] : [{ series: [1, 2], fill: 'rgba(78, 121, 167, 0.25)' }],
    legend: { live: true },
  }, data, el);
}

/** Bars of a histogram: `edges` has one more entry than `counts`. */
export function histogramPlot(el: HTMLElement, histogram: { edges: number[]; counts: number[] }): uPlot | undefined {
  if (histogram.counts.length === 0) return undefined;
  const centers = histogram.counts.map((_, i) => (histogram.edges[i]! + histogram.edges[i + 1]!) / 2);
  const bars = uPlot.paths.bars!({ size: [0.95, 100] });
  return new uPlot({
    width: width(el), height: 200, scales: { x: { time: false } },
    series: [{ label: 'value' }, { label: 'count', fill: 'rgba(78, 121, 167, 0.6)', stroke: COLORS['value'], paths: bars, points: { show: false } }],
  }, [centers, histogram.counts], el);
}

/** A value across the checkpoints of a run: one line, or min, mean and max. */
export function seriesPlot(el: HTMLElement, points: { n: number; value?: number; min?: number | null; max?: number | null; mean?: number | null }[]): uPlot {
  const x = points.map((p) => p.n);
  const scalar = points.some((p) => p.value !== undefined);
  const series: uPlot.Series[] = [{ label: 'checkpoint' }];
  const data: (number | null)[][] = [x];
  if (scalar) {
    series.push({ label: 'value', stroke: COLORS['value'], width: 2, points: { show: true } });
    data.push(points.map((p) => p.value ?? null));
  } else {
    for (const [key, color] of [['max', '#e15759'], ['mean', '#4e79a7'], ['min', '#59a14f']] as const) {
      series.push({ label: key, stroke: color, width: 2, points: { show: true } });
      data.push(points.map((p) => p[key] ?? null));
    }
  }
  return new uPlot({ width: width(el), height: 260, series, scales: { x: { time: false } } }, data as uPlot.AlignedData, el);
}

/** A run's checkpoints: size by time, one series per trigger (the crash in red). */
export function timelinePlot(el: HTMLElement, checkpoints: { time: number; trigger: string; bytesTotal: number }[]): uPlot | undefined {
  if (checkpoints.length === 0) return undefined;
  const t0 = checkpoints[0]!.time;
  const triggers = [...new Set(checkpoints.map((c) => c.trigger))];
  const x = checkpoints.map((c) => (c.time - t0) / 1000);
  const data: (number | null)[][] = [x];
  const series: uPlot.Series[] = [{ label: 'seconds' }];
  for (const trigger of triggers) {
    series.push({
      label: trigger, stroke: COLORS[trigger] ?? '#888', width: 0,
      points: { show: true, size: trigger === 'crash' ? 14 : 8, fill: COLORS[trigger] ?? '#888' },
    });
    data.push(checkpoints.map((c) => (c.trigger === trigger ? c.bytesTotal : null)));
  }
  return new uPlot({
    width: width(el), height: 180, series, scales: { x: { time: false } },
    axes: [{ label: 'seconds since the first checkpoint' }, { label: 'bytes', size: 70, values: (_u, vals) => vals.map((v) => sizeTick(v)) }],
  }, data as uPlot.AlignedData, el);
}

function sizeTick(v: number): string {
  if (v >= 1024 ** 3) return `${(v / 1024 ** 3).toFixed(1)}G`;
  if (v >= 1024 ** 2) return `${(v / 1024 ** 2).toFixed(1)}M`;
  if (v >= 1024) return `${(v / 1024).toFixed(0)}K`;
  return String(v);
}
