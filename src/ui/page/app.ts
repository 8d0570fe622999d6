// The page: a router over the address's #fragment, one view per kind of
// thing (runs, a run, a checkpoint, a value, a value across a run, a diff),
// and a live connection that redraws the view when the store changes.
import { h, put } from './dom.js';
import { checkpointView } from './views/checkpoint.js';
import { diffView } from './views/diff.js';
import { runView } from './views/run.js';
import { runsView } from './views/runs.js';
import { seriesView } from './views/series.js';
import { valueView } from './views/value.js';

/** What a view draws into: the main element and the breadcrumbs. */
export interface Screen {
  main: HTMLElement;
  crumbs(...items: (string | [string, string])[]): void;
}

type View = (screen: Screen, args: string[]) => Promise<void>;

const VIEWS: Record<string, View> = {
  '': runsView,
  run: runView,
  cp: checkpointView,
  value: valueView,
  series: seriesView,
  diff: diffView,
};

const main = document.getElementById('main')!;
const crumbs = document.getElementById('crumbs')!;
const screen: Screen = {
  main,
  crumbs(...items) {
    crumbs.replaceChildren();
    put(crumbs, items.map((item, i) => [
      i > 0 ? h('span', { class: 'sep' }, '/') : null,
      typeof item === 'string' ? h('span', {}, item) : h('a', { href: item[1] }, item[0]),
    ]));
  },
};

let drawing = 0;

/** Draws the view the address names; a later draw supersedes one still loading. */
async function draw(): Promise<void> {
  const id = ++drawing;
  const [name = '', ...args] = location.hash.replace(/^#\/?/, '').split('/').map((p) => decodeURIComponent(p));
  const view = VIEWS[name];
  const target = h('div', { class: 'view' });
  const into: Screen = { main: target, crumbs: screen.crumbs };
  try {
    if (!view) throw new Error(`no page here: ${location.hash}`);
    await view(into, args);
  } catch (err) {
    target.replaceChildren(h('p', { class: 'error' }, (err as Error).message));
  }
  if (id !== drawing) return;
  const scroll = window.scrollY;
  main.replaceChildren(target);
  window.scrollTo(0, scroll);
  document.body.dataset['ready'] = String(id);
}

window.addEventListener('hashchange', () => {
  window.scrollTo(0, 0);
  void draw();
});
void draw();

// Live: the server says when a run wrote a checkpoint or ended.
const live = document.getElementById('live')!;
const events = new EventSource('/api/events');
events.addEventListener('hello', () => live.classList.add('on'));
events.addEventListener('change', () => void draw());
events.addEventListener('error', () => live.classList.remove('on'));
