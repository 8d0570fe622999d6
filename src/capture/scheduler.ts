// Automatic checkpoints on an interval, within a budget: the share of wall
// time spent pausing and writing stays under `budget` percent, so a
// checkpoint that took long pushes the next one further out.
import type { CaptureSettings } from '../shared/settings.js';

export class Scheduler {
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private stopped = false;

  constructor(private readonly settings: CaptureSettings, private readonly take: () => Promise<number>) {}

  /** Starts (or restarts, after configure) the interval. */
  start(delay = this.settings.every): void {
    this.stopped = false;
    this.arm(delay);
  }

  private arm(delay: number): void {
    clearTimeout(this.timer);
    if (this.settings.every < 0) return;
    this.timer = setTimeout(() => void this.tick(), Math.max(0, delay));
  }

  private async tick(): Promise<void> {
    if (this.running) return;
    this.running = true;
    let costMs = 0;
    try {
      costMs = await this.take();
    } finally {
      this.running = false;
    }
    // A checkpoint costing c ms may come at most every c / budget ms.
    const share = Math.max(this.settings.budget, 0.01) / 100;
    // Stopped while that checkpoint was being taken (the process is ending): stay stopped.
    if (!this.stopped) this.arm(Math.max(this.settings.every, costMs / share - costMs));
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }
}
