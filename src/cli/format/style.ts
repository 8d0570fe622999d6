// How output looks where it goes: on a terminal, tables and colour (unless
// NO_COLOR or TERM=dumb; FORCE_COLOR forces colour); piped, plain
// tab-separated lines without colour.
import pc from 'picocolors';

export type Colors = ReturnType<typeof pc.createColors>;

export interface Style {
  /** Stdout is a terminal: aligned tables, headers. */
  tty: boolean;
  color: Colors;
  /** Terminal width (80 when unknown). */
  width: number;
  /** Terminal height (24 when unknown). */
  height: number;
}

/** Whether colour is on for a stream, from NO_COLOR, FORCE_COLOR, TERM and whether it is a terminal. */
export function colorEnabled(isTTY: boolean, env: NodeJS.ProcessEnv = process.env): boolean {
  const force = env['FORCE_COLOR'];
  if (force !== undefined && force !== '' && force !== '0' && force !== 'false') return true;
  if (env['NO_COLOR'] !== undefined && env['NO_COLOR'] !== '') return false;
  return isTTY && env['TERM'] !== 'dumb';
}

/** The style for stdout. */
export function stdoutStyle(env: NodeJS.ProcessEnv = process.env): Style {
  const tty = process.stdout.isTTY === true;
  const columns = Number(env['COLUMNS']) || process.stdout.columns || 80;
  const rows = Number(env['LINES']) || process.stdout.rows || 24;
  return { tty, color: pc.createColors(colorEnabled(tty, env)), width: Math.max(40, columns), height: Math.max(10, rows) };
}

/** A plain style (no terminal, no colour), for tests and files. */
export function plainStyle(): Style {
  return { tty: false, color: pc.createColors(false), width: 80, height: 24 };
}

const ANSI = /\x1b\[[0-9;]*m/g;
const HAS_ANSI = /\x1b\[/;

/** Display width of a string: ANSI escapes not counted, wide characters not handled. */
export function visibleLength(s: string): number {
  return [...s.replace(ANSI, '')].length;
}

/** Cuts `s` to `max` visible characters with an ellipsis (strings with escapes are left whole). */
export function truncate(s: string, max: number): string {
  if (max <= 0) return '';
  const chars = [...s];
  if (chars.length <= max || HAS_ANSI.test(s)) return s;
  return chars.slice(0, Math.max(0, max - 1)).join('') + '…';
}
