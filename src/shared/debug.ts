// The one debug switch: CHKPT_DEBUG=1 (what chkpt does) or 2 (and why), read
// once, written synchronously to stderr so it is safe in the preload, the
// worker and at process exit. Silent otherwise.
import { writeSync } from 'node:fs';
import { isMainThread, threadId } from 'node:worker_threads';

const level = Number.parseInt(process.env['CHKPT_DEBUG'] ?? '0', 10) || 0;

/** The debug level this process was started with (0 when off). */
export function debugLevel(): number {
  return level;
}

/** Writes one `chkpt[pid:thread] area: message` line to stderr when CHKPT_DEBUG >= atLevel. */
export function debug(area: string, message: string, atLevel = 1): void {
  if (level < atLevel) return;
  const where = isMainThread ? `${process.pid}` : `${process.pid}:${threadId}`;
  try {
    writeSync(2, `chkpt[${where}] ${area}: ${message}\n`);
  } catch {
    // stderr closed: nothing to tell anyone.
  }
}
