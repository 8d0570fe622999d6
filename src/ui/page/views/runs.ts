// The runs of the store, newest first, child runs under their parent.
import { api, type Run } from '../api.js';
import type { Screen } from '../app.js';
import { basename, bytes, duration, h, put, route, time } from '../dom.js';

export function statusText(run: Run): string {
  if (run.status === 'running') return run.alive === false ? 'died' : 'running';
  if (run.status === 'killed') return `killed${run.signal ? ` (${run.signal})` : ''}`;
  if (run.status === 'crashed') return `crashed (${run.exitCode ?? '?'})`;
  return `exit ${run.exitCode ?? 0}`;
}

export function tookText(run: Run): string {
  if (run.endedAt !== null) return duration(run.endedAt - run.startedAt);
  return run.status === 'running' && run.alive !== false ? `${duration(Date.now() - run.startedAt)}…` : '?';
}

function row(run: Run, depth: number): HTMLTableRowElement {
  return h('tr', { class: `status-${run.status}`, 'data-run': run.id },
    h('td', {}, h('a', { href: route('run', run.id) }, run.id)),
    h('td', { title: run.script }, depth > 0 ? h('span', { class: 'child' }, '↳ ') : null, basename(run.script)),
    h('td', { class: 'args' }, run.argv.join(' ')),
    h('td', { class: 'status' }, statusText(run), run.crash ? [' ', h('a', { href: route('cp', run.crash), class: 'badge crash' }, 'crash')] : null),
    h('td', {}, time(run.startedAt)),
    h('td', { class: 'num' }, tookText(run)),
    h('td', { class: 'num' }, run.checkpoints),
    h('td', { class: 'num' }, bytes(run.bytesNew)),
    h('td', {}, run.resumedFrom ? h('a', { href: route('cp', run.resumedFrom) }, run.resumedFrom) : ''),
  );
}

export async function runsView(screen: Screen): Promise<void> {
  screen.crumbs('runs');
  const [runs, store] = await Promise.all([api.runs(), api.store()]);
  const children = new Map<string, Run[]>();
  for (const run of runs) if (run.parentRunId) children.set(run.parentRunId, [...(children.get(run.parentRunId) ?? []), run]);
  const ids = new Set(runs.map((r) => r.id));
  const rows: HTMLTableRowElement[] = [];
  const add = (run: Run, depth: number): void => {
    rows.push(row(run, depth));
    for (const child of children.get(run.id) ?? []) add(child, depth + 1);
  };
  for (const run of runs) if (!run.parentRunId || !ids.has(run.parentRunId)) add(run, 0);
  put(screen.main, 
    h('h1', {}, 'Runs'),
    h('p', { class: 'muted' }, `${runs.length} runs, ${store.checkpoints} checkpoints, ${bytes(store.bytes)} of ${bytes(store.maxBytes)} in ${store.dir}`),
    runs.length === 0
      ? h('p', {}, 'No runs yet: run a script with ', h('code', {}, 'chkpt run <script>'), '.')
      : h('table', { class: 'runs' },
        h('thead', {}, h('tr', {}, ...['run', 'script', 'args', 'status', 'started', 'took', 'checkpoints', 'size', 'resumed from'].map((c) => h('th', {}, c)))),
        h('tbody', {}, rows)),
  );
}
