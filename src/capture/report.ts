// What chkpt tells the user on stderr: nothing by default; with -v a line per
// checkpoint (-vv: also what was skipped); after a crash, unless --quiet, one
// line saying where the crash state is and how to look at it.
import { mkdirSync, writeFileSync, writeSync } from 'node:fs';
import { controlDir, crashNote } from '../shared/control-paths.js';
import { formatSize } from '../store/size.js';
import path from 'node:path';
import type { SkippedValue, SourceLocation, Trigger } from '../shared/encoded.js';
import type { WriteResult } from '../store/types.js';

function say(line: string): void {
  try {
    writeSync(2, `${line}\n`);
  } catch {
    // stderr closed.
  }
}

function where(location: SourceLocation | undefined): string {
  if (!location) return 'outside the script\'s code';
  const file = path.relative(process.cwd(), location.file) || location.file;
  return `${file}:${location.line}${location.function ? ` in ${location.function}` : ''}`;
}

/** Logs one checkpoint (verbose >= 1), and its ledger (verbose >= 2). */
export function logCheckpoint(verbose: number, trigger: Trigger, location: SourceLocation | undefined,
  written: WriteResult | undefined, variables: number, pauseMs: number, skipped: SkippedValue[]): void {
  if (verbose < 1) return;
  if (!written) {
    say(`chkpt: ${trigger} checkpoint at ${where(location)}: nothing salient to save (paused ${pauseMs.toFixed(1)} ms)`);
    return;
  }
  say(`chkpt: checkpoint ${written.n} (${trigger}) at ${where(location)}: ${variables} variables, ${formatSize(written.bytesTotal)} (${formatSize(written.bytesNew)} new), paused ${pauseMs.toFixed(1)} ms`);
  if (verbose < 2) return;
  for (const s of skipped) say(`chkpt:   skipped ${s.path} (${s.type}${s.size ? `, ${formatSize(s.size)}` : ''}): ${s.reason}`);
}

/** With -v: the budget put the next interval checkpoint further out than the interval. */
export function logPushedOut(verbose: number, delayMs: number, expectedMs: number, budgetPercent: number): void {
  if (verbose < 1) return;
  say(`chkpt: next interval checkpoint in ${(delayMs / 1000).toFixed(1)} s: budget ${budgetPercent}% (a checkpoint is expected to take ${expectedMs.toFixed(0)} ms)`);
}

/** For -vv: the own modules a checkpoint could not read (no pause landed in them, no function of theirs found). */
export function logUnreached(files: string[]): void {
  for (const file of files) {
    say(`chkpt:   not read: the module scope of ${path.relative(process.cwd(), file) || file} (no pause in its code, no function of it alive; what only its finished top-level code held is gone: V8 keeps such values on the stack)`);
  }
}

/** With -vv, a checkpoint that was due and not taken, and why. */
export function logMissed(verbose: number, trigger: Trigger, reason: string): void {
  if (verbose >= 2) say(`chkpt: ${trigger} checkpoint not taken: ${reason}`);
}

/**
 * The one line after a crash. Node prints the script's error after the exit
 * event, so when `chkpt run` is the parent it prints the line once the script
 * has ended; otherwise it goes out now.
 */
export function reportCrash(runId: string, n: number, storeDir: string, defaultStore: boolean, parentPrints: boolean): void {
  const out = defaultStore ? '' : ` --store ${JSON.stringify(storeDir)}`;
  const line = `chkpt: crash state saved as ${runId}@${n}; look at it with: chkpt show${out} ${runId}@crash`;
  if (parentPrints) {
    try {
      const dir = controlDir();
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      writeFileSync(crashNote(dir, process.pid), `${line}\n`, { mode: 0o600 });
      return;
    } catch {
      // Say it now rather than not at all.
    }
  }
  say(line);
}
