// Two checkpoints compared: variables that appeared, disappeared or changed
// (numeric arrays by element, others by path).
import { api } from '../api.js';
import type { Screen } from '../app.js';
import { bytes, h, num, put, route } from '../dom.js';

export async function diffView(screen: Screen, [a = '', b = '']: string[]): Promise<void> {
  const d = await api.diff(a, b);
  screen.crumbs(['runs', '#/'], `${a} → ${b}`);
  const list = (title: string, items: { name: string; type: string; bytes: number }[], ref: string) => items.length === 0 ? null : [
    h('h2', {}, title),
    h('ul', {}, items.map((v) => h('li', {}, h('a', { href: route('value', ref, v.name) }, v.name), ` ${v.type}, ${bytes(v.bytes)}`))),
  ];
  put(screen.main, 
    h('h1', {}, h('a', { href: route('cp', d.a) }, d.a), ' → ', h('a', { href: route('cp', d.b) }, d.b)),
    h('p', { class: 'facts' }, `${d.changed.length} changed · ${d.appeared.length} appeared · ${d.disappeared.length} disappeared · ${d.unchanged.length} unchanged`),
    list('Appeared', d.appeared, d.b),
    list('Disappeared', d.disappeared, d.a),
    d.changed.length === 0 ? null : [h('h2', {}, 'Changed'), h('table', { class: 'diff' },
      h('thead', {}, h('tr', {}, ...['variable', 'before', 'after', 'what changed'].map((c) => h('th', {}, c)))),
      h('tbody', {}, d.changed.map((c) => h('tr', {},
        h('td', {}, h('a', { href: route('value', d.b, c.name) }, c.name)),
        h('td', {}, `${c.a.type}, ${bytes(c.a.bytes)}`),
        h('td', {}, `${c.b.type}, ${bytes(c.b.bytes)}`),
        h('td', {}, c.numeric
          ? `${num(c.numeric.changed)} of ${num(c.numeric.compared)} elements; largest change ${num(c.numeric.maxAbsDiff)}${c.numeric.maxAt !== undefined ? ` at [${c.numeric.maxAt}]` : ''}`
            + (c.numeric.lengthA !== c.numeric.lengthB ? `; length ${num(c.numeric.lengthA)} → ${num(c.numeric.lengthB)}` : '')
          : c.paths ? h('ul', {}, c.paths.slice(0, 20).map((p) => h('li', {}, h('code', {}, p.path || '(the value)'), `: ${p.a} → ${p.b}`)))
            : c.note ?? ''),
      ))))],
    d.unchanged.length ? h('p', { class: 'muted' }, `Unchanged: ${d.unchanged.join(', ')}`) : null,
  );
}
