// The interval schedule: how far apart checkpoints come within the budget
// (spaced by the expected pause, the median of the last three), the
// preparation before the first, and that a stop holds even when it comes
// during a checkpoint.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Scheduler, nextDelay } from '../../src/capture/scheduler.js';
import { DEFAULTS } from '../../src/shared/settings.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('Scheduler', () => {
  it('takes checkpoints on the interval', async () => {
    let taken = 0;
    const scheduler = new Scheduler({ ...DEFAULTS, every: 10, budget: 100 }, { take: async () => {
      taken++;
      return 0;
    } });
    scheduler.start();
    await sleep(120);
    scheduler.stop();
    assert.ok(taken >= 3, `${taken} checkpoints`);
  });

  it('pushes the next checkpoint out after a costly one, to stay within the budget', async () => {
    const at: number[] = [];
    const scheduler = new Scheduler({ ...DEFAULTS, every: 10, budget: 50 }, { take: async () => {
      at.push(Date.now());
      return 60; // At 50%, the next may come 60 ms after this one ended.
    } });
    scheduler.start();
    await sleep(150);
    scheduler.stop();
    assert.ok(at.length >= 2, `${at.length} checkpoints`);
    assert.ok(at[1]! - at[0]! >= 55, `${at[1]! - at[0]!} ms apart`);
  });

  it('stays stopped when stopped while a checkpoint is being taken', async () => {
    let taken = 0;
    const scheduler: Scheduler = new Scheduler({ ...DEFAULTS, every: 5, budget: 100 }, { take: async () => {
      taken++;
      scheduler.stop();
      await sleep(5);
      return 0;
    } });
    scheduler.start();
    await sleep(80);
    assert.equal(taken, 1);
  });

  it('takes none with an interval of -1', async () => {
    let taken = 0;
    const scheduler = new Scheduler({ ...DEFAULTS, every: -1 }, { take: async () => {
      taken++;
      return 0;
    } });
    scheduler.start();
    await sleep(30);
    assert.equal(taken, 0);
  });

  it('prepares the thread early, and again before each checkpoint', async () => {
    const events: string[] = [];
    const scheduler = new Scheduler({ ...DEFAULTS, every: 20, budget: 100 }, {
      take: async () => {
        events.push('take');
        return 0;
      },
      prepare: async () => {
        events.push('prepare');
      },
    });
    scheduler.start();
    await sleep(120);
    scheduler.stop();
    assert.equal(events[0], 'prepare');
    assert.equal(events.filter((e) => e === 'prepare').length, events.filter((e) => e === 'take').length + 1);
    assert.ok(events.filter((e) => e === 'take').length >= 2, events.join(' '));
  });

  it('says when the budget pushed the next checkpoint out', async () => {
    const pushed: number[] = [];
    const scheduler = new Scheduler({ ...DEFAULTS, every: 10, budget: 50 }, {
      take: async () => 40,
      pushedOut: (delayMs) => pushed.push(delayMs),
    });
    scheduler.start();
    await sleep(60);
    scheduler.stop();
    assert.deepEqual(pushed.slice(0, 1), [40]);
  });
});

describe('nextDelay', () => {
  it('is the interval while the expected pause fits the budget', () => {
    assert.deepEqual(nextDelay(10_000, 2, [20]), { ms: 10_000, pushed: false, expectedMs: 20 });
  });

  it('spaces by the expected pause, not the worst one seen', () => {
    // A slow first checkpoint (227 ms) followed by cheap ones: the median of the last three decides.
    const next = nextDelay(300, 2, [227, 22, 24]);
    assert.equal(next.expectedMs, 24);
    assert.equal(Math.round(next.ms), 1176);
    assert.equal(next.pushed, true);
  });

  it('with one checkpoint seen, spaces by it', () => {
    const next = nextDelay(300, 2, [100]);
    assert.equal(Math.round(next.ms), 4900);
  });
});
