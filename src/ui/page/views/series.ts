// One value across the checkpoints of a run: a number as a line, a numeric
// array as its min, mean and max.
import { api } from '../api.js';
import type { Screen } from '../app.js';
import { seriesPlot } from '../charts.js';
import { h, num, put, route, time } from '../dom.js';

export async function seriesView(screen: Screen, [run = '', path = '']: string[]): Promise<void> {
  const { points } = await api.series(run, path);
  screen.crumbs(['runs', '#/'], [`run ${run}`, route('run', run)], `${path} over the run`);
  const present = points.filter((p) => !p.missing);
  const chart = h('div', { class: 'chart', id: 'series' });
  put(screen.main, 
    h('h1', {}, h('code', {}, path), h('span', { class: 'muted' }, ` across ${present.length} of ${points.length} checkpoints`)),
    present.length === 0 ? h('p', { class: 'muted' }, 'No checkpoint of this run holds a number or numeric array there.') : chart,
    h('table', { class: 'series' },
      h('thead', {}, h('tr', {}, ...['n', 'time', 'trigger', 'value', 'min', 'mean', 'max'].map((c) => h('th', {}, c)))),
      h('tbody', {}, points.map((p) => h('tr', {},
        h('td', {}, h('a', { href: route('value', p.ref, path) }, p.n)), h('td', {}, time(p.time)),
        h('td', {}, h('span', { class: `badge ${p.trigger}` }, p.trigger)),
        h('td', { class: 'num' }, p.missing ? '—' : p.value === undefined ? '' : num(p.value)),
        h('td', { class: 'num' }, p.min === undefined ? '' : num(p.min)),
        h('td', { class: 'num' }, p.mean === undefined ? '' : num(p.mean)),
        h('td', { class: 'num' }, p.max === undefined ? '' : num(p.max)))))),
  );
  if (present.length > 0) requestAnimationFrame(() => seriesPlot(chart, present));
}
