// Building the page from plain DOM: a tiny element helper and the formats
// the terminal views use (sizes, durations, times).

type Child = Node | string | number | null | undefined | false | Child[];

/** `h('a', { href: '#/' }, 'runs')`: an element with attributes (on* as listeners) and children. */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, unknown> = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value as EventListener);
    else if (key === 'class') el.className = String(value);
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

/** Appends children (nested lists flattened; null, undefined and false skipped). */
export function put(el: Node, ...children: Child[]): void {
  append(el, children);
}

function append(el: Node, children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(el, child);
    else el.appendChild(typeof child === 'object' ? child : document.createTextNode(String(child)));
  }
}

/** 1.5 KiB, 20 MiB. */
export function bytes(n: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = n;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${u === 0 ? v : v.toFixed(v < 10 ? 1 : 0)} ${units[u]}`;
}

/** 850 ms, 12.3 s, 4 min 2 s, 1 h 5 min. */
export function duration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms < 3_600_000) return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
  return `${Math.floor(ms / 3_600_000)} h ${Math.round((ms % 3_600_000) / 60_000)} min`;
}

/** 2026-12-06 14:06:21, in the viewer's time zone. */
export function time(ms: number): string {
  const d = new Date(ms);
  const pad = (x: number): string => String(x).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** A number as people read it. */
export function num(x: number | null | undefined): string {
  if (x === null || x === undefined) return '–';
  if (Number.isInteger(x)) return x.toLocaleString('en-US');
  const abs = Math.abs(x);
  return abs !== 0 && (abs < 1e-4 || abs >= 1e15) ? x.toExponential(4) : String(Number(x.toPrecision(6)));
}

/** A number in a data table: integers grouped, others to 12 significant digits (no more rounding than float noise). */
export function cellNum(x: number): string {
  if (Number.isInteger(x)) return x.toLocaleString('en-US');
  return String(Number(x.toPrecision(12)));
}

/** The last path segment of a file. */
export function basename(file: string): string {
  return file.split('/').pop() ?? file;
}

/** A route link: `#/...` with each part encoded. */
export function route(...parts: (string | number)[]): string {
  return `#/${parts.map((p) => encodeURIComponent(String(p))).join('/')}`;
}
