// One run: its facts, its checkpoints on a time line (the crash in red) and
// as a table, and a choice of two of them to compare.
import { api } from '../api.js';
import type { Screen } from '../app.js';
import { timelinePlot } from '../charts.js';
import { basename, bytes, h, put, route, time } from '../dom.js';
import { statusText, tookText } from './runs.js';

export async function runView(screen: Screen, [id = '']: string[]): Promise<void> {
  const { run, checkpoints } = await api.run(id);
  screen.crumbs(['runs', '#/'], `run ${run.id}`);
  const chart = h('div', { class: 'chart', id: 'timeline' });
  const pick = (name: string, selected: number) => h('select', { name },
    ...checkpoints.map((c, i) => h('option', { value: c.ref, selected: i === selected }, `${c.n} ${c.trigger}`)));
  const a = pick('a', Math.max(0, checkpoints.length - 2));
  const b = pick('b', checkpoints.length - 1);
  put(screen.main, 
    h('h1', {}, basename(run.script), ' ', h('span', { class: 'muted' }, run.argv.join(' '))),
    h('p', { class: `facts status-${run.status}` },
      `run ${run.id} · ${statusText(run)} · started ${time(run.startedAt)} · took ${tookText(run)} · ${run.checkpoints} checkpoints · ${bytes(run.bytesNew)} · ${run.cwd}`,
      run.resumedFrom ? [' · resumed from ', h('a', { href: route('cp', run.resumedFrom) }, run.resumedFrom)] : null,
      run.parentRunId ? [' · child of ', h('a', { href: route('run', run.parentRunId) }, run.parentRunId)] : null),
    chart,
    h('table', { class: 'checkpoints' },
      h('thead', {}, h('tr', {}, ...['n', 'time', 'trigger', 'where', 'variables', 'size', 'new', 'note'].map((c) => h('th', {}, c)))),
      h('tbody', {}, checkpoints.map((c) => h('tr', { class: `trigger-${c.trigger}` },
        h('td', {}, h('a', { href: route('cp', c.ref) }, c.n)),
        h('td', {}, time(c.time)),
        h('td', {}, h('span', { class: `badge ${c.trigger}` }, c.trigger)),
        h('td', {}, c.location ? `${basename(c.location.file)}:${c.location.line}${c.location.function ? ` in ${c.location.function}` : ''}` : ''),
        h('td', { class: 'num' }, c.variables),
        h('td', { class: 'num' }, bytes(c.bytesTotal)),
        h('td', { class: 'num' }, bytes(c.bytesNew)),
        h('td', {}, c.damaged ? `damaged: ${c.damaged}` : c.status === 'failed' ? `failed: ${c.failure ?? '?'}` : c.label ?? ''),
      )))),
    checkpoints.length > 1
      ? h('p', { class: 'compare' }, 'Compare ', a, ' with ', b, ' ',
        h('button', { onclick: () => { location.hash = route('diff', a.value, b.value); } }, 'diff'))
      : null,
  );
  requestAnimationFrame(() => timelinePlot(chart, checkpoints));
}
