// The interval schedule: how far apart checkpoints come within the budget,
// and that a stop holds even when it comes during a checkpoint.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Scheduler } from '../../src/capture/scheduler.js';
import { DEFAULTS } from '../../src/shared/settings.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('Scheduler', () => {
  it('takes checkpoints on the interval', async () => {
    let taken = 0;
    const scheduler = new Scheduler({ ...DEFAULTS, every: 10, budget: 100 }, async () => {
      taken++;
      return 0;
    });
    scheduler.start();
    await sleep(120);
    scheduler.stop();
    assert.ok(taken >= 3, `${taken} checkpoints`);
  });

  it('pushes the next checkpoint out after a costly one, to stay within the budget', async () => {
    const at: number[] = [];
    const scheduler = new Scheduler({ ...DEFAULTS, every: 10, budget: 50 }, async () => {
      at.push(Date.now());
      return 60; // At 50%, the next may come 60 ms after this one ended.
    });
    scheduler.start();
    await sleep(150);
    scheduler.stop();
    assert.ok(at.length >= 2, `${at.length} checkpoints`);
    assert.ok(at[1]! - at[0]! >= 55, `${at[1]! - at[0]!} ms apart`);
  });

  it('stays stopped when stopped while a checkpoint is being taken', async () => {
    let taken = 0;
    const scheduler: Scheduler = new Scheduler({ ...DEFAULTS, every: 5, budget: 100 }, async () => {
      taken++;
      scheduler.stop();
      await sleep(5);
      return 0;
    });
    scheduler.start();
    await sleep(80);
    assert.equal(taken, 1);
  });

  it('takes none with an interval of -1', async () => {
    let taken = 0;
    const scheduler = new Scheduler({ ...DEFAULTS, every: -1 }, async () => {
      taken++;
      return 0;
    });
    scheduler.start();
    await sleep(30);
    assert.equal(taken, 0);
  });
});
