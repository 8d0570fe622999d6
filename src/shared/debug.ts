// The one debug switch: CHKPT_DEBUG=1 (what chkpt does) or 2 (and why), read
// once, written synchronously so it is safe in the preload, the worker and at
// process exit: to stderr, or appended to CHKPT_DEBUG_FILE (every thread and
// child process of a run writes there, a line at a time, and the script's
// stderr stays its own). Silent otherwise.
import { openSync, writeSync } from 'node:fs';
import { isMainThread, threadId } from 'node:worker_threads';

const level = Number.parseInt(process.env['CHKPT_DEBUG'] ?? '0', 10) || 0;
let fd: number | undefined;

/** The debug level this process was started with (0 when off). */
export function debugLevel(): number {
  return level;
}

function output(): number {
  if (fd !== undefined) return fd;
  fd = 2;
  const file = process.env['CHKPT_DEBUG_FILE'];
  if (file) {
    try {
      fd = openSync(file, 'a', 0o600);
    } catch {
      // Stderr, then.
    }
  }
  return fd;
}

/**
 * Writes one `chkpt[pid:thread] area: message` line when CHKPT_DEBUG >=
 * atLevel; at level 2 each line starts with the time (ms), to follow a start.
 */
export function debug(area: string, message: string, atLevel = 1): void {
  if (level < atLevel) return;
  const where = isMainThread ? `${process.pid}` : `${process.pid}:${threadId}`;
  const time = level >= 2 ? `${new Date().toISOString().slice(11, 23)} ` : '';
  try {
    writeSync(output(), `${time}chkpt[${where}] ${area}: ${message}\n`);
  } catch {
    // Nowhere to write: nothing to tell anyone.
  }
}
