// Automatic checkpoints on an interval, within a budget: the share of wall
// time the script stands paused stays under `budget` percent (writing runs on
// the capture thread, one checkpoint at a time, while the script goes on). The next
// checkpoint is spaced by the expected cost of that checkpoint, the median of
// the last three (a first checkpoint that paid for something once does not
// hold back the ones after it, and one slow checkpoint among cheap ones does
// not either), never by the worst one seen.
//
// Before the first interval checkpoint, halfway to it (5 s in by default: a
// script that ends before pays nothing for it; the warm-up is tens of ms of
// the main thread's time), the scheduler has the thread prepared (see main-thread/warm-up.ts): code
// first run inside a pause runs unoptimized for all of that pause. Before
// each interval checkpoint the hook runs again: until the thread's first
// checkpoint, its staging buffer follows the binary data it holds (see
// staging-touch.ts).
import type { CaptureSettings } from '../shared/settings.js';

/** Costs remembered for the expected cost of the next checkpoint. */
const RECENT = 3;

/** Median of a short list of numbers. */
function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** When the next interval checkpoint may come, `ms` after the last one ends, and whether the budget pushed it out. */
export function nextDelay(every: number, budgetPercent: number, recentCosts: readonly number[]): { ms: number; pushed: boolean; expectedMs: number } {
  const expectedMs = recentCosts.length === 0 ? 0 : median(recentCosts);
  // A checkpoint costing c ms may come at most every c / share ms.
  const share = Math.max(budgetPercent, 0.01) / 100;
  const byBudget = expectedMs / share - expectedMs;
  return byBudget > every ? { ms: byBudget, pushed: true, expectedMs } : { ms: every, pushed: false, expectedMs };
}

export interface SchedulerHooks {
  /** Takes one interval checkpoint; resolves with its cost in ms (the pause). */
  take: () => Promise<number>;
  /** Readies the thread for the next checkpoint: early, with `first`, then before each one. */
  prepare?: (first: boolean) => Promise<void>;
  /** Told when the budget put the next checkpoint further out than the interval. */
  pushedOut?: (delayMs: number, expectedMs: number) => void;
}

export class Scheduler {
  private timer: NodeJS.Timeout | undefined;
  private prepareTimer: NodeJS.Timeout | undefined;
  private prepared = false;
  private running = false;
  private stopped = false;
  private readonly recent: number[] = [];

  constructor(private readonly settings: CaptureSettings, private readonly hooks: SchedulerHooks) {}

  /** Starts (or restarts, after configure) the interval. */
  start(delay = this.settings.every): void {
    this.stopped = false;
    this.arm(delay);
    this.armPrepare(delay);
  }

  private arm(delay: number): void {
    clearTimeout(this.timer);
    if (this.settings.every < 0) return;
    this.timer = setTimeout(() => void this.tick(), Math.max(0, delay));
  }

  private armPrepare(delay: number): void {
    clearTimeout(this.prepareTimer);
    if (this.prepared || !this.hooks.prepare || this.settings.every < 0) return;
    this.prepareTimer = setTimeout(() => void this.prepareEarly(), Math.max(0, delay) / 2);
  }

  private async prepareEarly(): Promise<void> {
    if (!this.prepared) await this.prepare();
  }

  private async prepare(): Promise<void> {
    if (this.stopped) return;
    const first = !this.prepared;
    this.prepared = true;
    await this.hooks.prepare?.(first).catch(() => {});
  }

  private async tick(): Promise<void> {
    if (this.running) return;
    this.running = true;
    let costMs = 0;
    try {
      // Prepared before each checkpoint (the staging buffer follows the data
      // held); the first also when due before the early preparation ran.
      await this.prepare();
      costMs = await this.hooks.take();
    } finally {
      this.running = false;
    }
    this.recent.push(costMs);
    if (this.recent.length > RECENT) this.recent.shift();
    // Stopped while that checkpoint was being taken (the process is ending): stay stopped.
    if (this.stopped) return;
    const next = nextDelay(this.settings.every, this.settings.budget, this.recent);
    if (next.pushed) this.hooks.pushedOut?.(next.ms, next.expectedMs);
    this.arm(next.ms);
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    clearTimeout(this.prepareTimer);
  }
}
