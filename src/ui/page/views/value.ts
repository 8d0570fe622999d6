// One value: a numeric array as a line (each slice's min and max) and a
// histogram; a table one page at a time; anything else as a tree that opens
// on demand; and a download per export format that fits it.
import { api, type TreeNode, type ValueView } from '../api.js';
import type { Screen } from '../app.js';
import { histogramPlot, linePlot } from '../charts.js';
import { cellNum, h, num, put, route } from '../dom.js';

const PAGE = 100;
/** Column types shown right-aligned. */
const NUMERIC = /^(?:u?int\d+|float\d+|number|bigint)$/;

function downloads(ref: string, view: ValueView): HTMLElement {
  return h('p', { class: 'downloads' }, 'Download: ',
    view.formats.map((f) => h('a', { class: 'button', href: api.exportUrl(ref, view.path, f), download: '' }, f)));
}

function treeNode(ref: string, key: string | undefined, node: TreeNode): HTMLElement {
  const label = h('span', {}, key !== undefined ? h('span', { class: 'key' }, `${key}: `) : null,
    h('span', { class: 'type' }, node.type), ' ', h('span', { class: 'preview' }, node.preview),
    node.viewable ? [' ', h('a', { href: route('value', ref, node.path) }, 'open')] : null);
  if (!node.children && !node.expandable) return h('div', { class: 'leaf' }, label);
  const details = h('details', { open: key === undefined }, h('summary', {}, label));
  const fill = (n: TreeNode): void => {
    for (const child of n.children ?? []) details.append(treeNode(ref, child.key, child.node));
    if (n.more) details.append(h('div', { class: 'muted' }, `… ${n.more} more`));
  };
  if (node.children) fill(node);
  else {
    details.addEventListener('toggle', () => {
      if (details.dataset['loaded']) return;
      details.dataset['loaded'] = '1';
      api.tree(ref, node.path).then(fill, (err: Error) => details.append(h('div', { class: 'error' }, err.message)));
    });
  }
  return details;
}

async function tablePage(screen: Screen, ref: string, path: string, offset: number): Promise<HTMLElement> {
  const view = await api.value(ref, path, offset, PAGE);
  if (view.kind !== 'table') throw new Error('not a table');
  const last = Math.max(0, Math.floor((view.rowCount - 1) / PAGE) * PAGE);
  const box = h('div', { class: 'table-page' });
  const go = (to: number) => async () => {
    box.replaceWith(await tablePage(screen, ref, path, Math.max(0, Math.min(to, last))));
  };
  const end = Math.min(view.rowCount, view.offset + view.rows.length);
  box.append(
    h('p', { class: 'pager' },
      h('button', { onclick: go(0), disabled: view.offset === 0 }, '« first'),
      h('button', { onclick: go(view.offset - PAGE), disabled: view.offset === 0 }, '‹ previous'),
      h('span', { class: 'range' }, `rows ${(view.offset + 1).toLocaleString('en-US')}–${end.toLocaleString('en-US')} of ${view.rowCount.toLocaleString('en-US')}`),
      h('button', { onclick: go(view.offset + PAGE), disabled: end >= view.rowCount }, 'next ›'),
      h('button', { onclick: go(last), disabled: end >= view.rowCount }, 'last »')),
    h('table', { class: 'data' },
      h('thead', {}, h('tr', {}, h('th', { class: 'num' }, '#'),
        view.columns.map((c) => h('th', { title: c.type, class: NUMERIC.test(c.type) ? 'num' : '' }, c.name)))),
      h('tbody', {}, view.rows.map((r, i) => h('tr', {}, h('td', { class: 'num muted' }, view.offset + i),
        r.map((v) => h('td', { class: typeof v === 'number' ? 'num' : '' }, v === null ? '' : typeof v === 'number' ? cellNum(v) : String(v))))))),
  );
  return box;
}

export async function valueView(screen: Screen, [ref = '', path = '']: string[]): Promise<void> {
  const view = await api.value(ref, path, 0, PAGE);
  const run = ref.split('@')[0]!;
  screen.crumbs(['runs', '#/'], [`run ${run}`, route('run', run)], [`checkpoint ${ref.split('@')[1]}`, route('cp', ref)], path);
  put(screen.main, 
    h('h1', {}, h('code', {}, path), ' ', h('span', { class: 'muted' }, view.type)),
    h('p', { class: 'facts' }, h('a', { href: route('series', run, path) }, 'this value across the run')),
  );
  if (view.kind === 'numeric') {
    const s = view.summary;
    const line = h('div', { class: 'chart', id: 'line' });
    const hist = h('div', { class: 'chart', id: 'histogram' });
    put(screen.main, 
      h('p', { class: 'stats' }, `${view.dtype} · ${view.length.toLocaleString('en-US')} values · min ${num(s.min)} · max ${num(s.max)} · mean ${num(s.mean)}`
        + (s.nan ? ` · NaN ${s.nan}` : '') + (s.infinite ? ` · ±∞ ${s.infinite}` : '')),
      h('h2', {}, 'Values by position'), line,
      view.plot.step > 1 ? h('p', { class: 'muted' }, `Each point is the min and max of ${Math.round(view.plot.step).toLocaleString('en-US')} values.`) : null,
      h('h2', {}, 'Histogram'), hist,
      downloads(ref, view),
    );
    requestAnimationFrame(() => {
      linePlot(line, view.plot, path);
      histogramPlot(hist, s.histogram);
    });
  } else if (view.kind === 'table') {
    put(screen.main, await tablePage(screen, ref, path, 0), downloads(ref, view));
  } else if (view.kind === 'tree') {
    put(screen.main, h('div', { class: 'tree' }, treeNode(ref, undefined, view.tree)), downloads(ref, view));
  } else {
    put(screen.main, h('pre', { class: 'scalar' }, view.text), downloads(ref, view));
  }
}
