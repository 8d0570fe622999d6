// One checkpoint: where and why it was taken, its variables (scope, frame,
// type, class, shape, size) and the ledger of what was skipped.
import { api } from '../api.js';
import type { Screen } from '../app.js';
import { basename, bytes, h, put, route, time } from '../dom.js';

export async function checkpointView(screen: Screen, [ref = '']: string[]): Promise<void> {
  const { checkpoint: cp, run, variables, skipped } = await api.checkpoint(ref);
  screen.crumbs(['runs', '#/'], [`run ${run.id}`, route('run', run.id)], `checkpoint ${cp.n}`);
  const where = cp.location ? `${cp.location.file}:${cp.location.line}${cp.location.function ? ` in ${cp.location.function}` : ''}` : '';
  const previous = `${run.id}@${cp.n - 1}`;
  put(screen.main, 
    h('h1', {}, `${cp.ref} `, h('span', { class: `badge ${cp.trigger}` }, cp.trigger), cp.label ? h('span', { class: 'muted' }, ` "${cp.label}"`) : null),
    h('p', { class: 'facts' }, `${basename(run.script)} · ${time(cp.time)} · ${cp.variables} variables · ${bytes(cp.bytesTotal)} (${bytes(cp.bytesNew)} new)`,
      where ? [' · ', h('code', {}, where)] : null,
      cp.n > 1 ? [' · ', h('a', { href: route('diff', previous, cp.ref) }, `diff with ${cp.n - 1}`)] : null),
    cp.failure ? h('p', { class: 'error' }, `This checkpoint failed: ${cp.failure}`) : null,
    h('h2', {}, 'Variables'),
    variables.length === 0 ? h('p', { class: 'muted' }, 'none') : h('table', { class: 'variables' },
      h('thead', {}, h('tr', {}, ...['name', 'scope', 'frame', 'type', 'class', 'shape', 'size', ''].map((c) => h('th', {}, c)))),
      h('tbody', {}, variables.map((v) => h('tr', {},
        h('td', {}, h('a', { href: route('value', cp.ref, v.name) }, v.name)),
        h('td', {}, v.scope),
        h('td', {}, v.frameIndex === null ? '' : `${v.frameIndex}${v.frameFunction ? ` ${v.frameFunction}` : ''}`),
        h('td', {}, v.type),
        h('td', {}, v.class?.name ?? ''),
        h('td', {}, v.shape ? v.shape.join('×') : ''),
        h('td', { class: 'num' }, bytes(v.byteSize)),
        h('td', {}, v.damaged ? h('span', { class: 'error' }, `damaged: ${v.damaged}`) : h('a', { href: route('series', run.id, v.name), title: 'this variable across the run' }, 'over the run')),
      )))),
    h('h2', {}, 'Skipped'),
    skipped.length === 0 ? h('p', { class: 'muted' }, 'nothing') : h('table', { class: 'skipped' },
      h('thead', {}, h('tr', {}, ...['path', 'type', 'size', 'why'].map((c) => h('th', {}, c)))),
      h('tbody', {}, skipped.map((s) => h('tr', {},
        h('td', {}, s.path), h('td', {}, s.type), h('td', { class: 'num' }, s.size === undefined ? '' : bytes(s.size)), h('td', {}, s.reason))))),
  );
}
