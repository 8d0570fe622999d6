import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ownsRun, readSettings, rerunOptions, settingsEnv } from '../../src/shared/settings.js';

describe('settings', () => {
  it('carries the checkpoint to resume from through the environment', () => {
    const resume = { store: '/data/chkpt', checkpointId: 12, ref: '54ca2d6f0c25@3' };
    const env = settingsEnv({ resume, every: 500 });
    assert.equal(env['CHKPT_RESUME'], JSON.stringify(resume));
    assert.deepEqual(readSettings(env).resume, resume);
  });

  it('ignores a resume variable it cannot read', () => {
    assert.equal(readSettings({ CHKPT_RESUME: '{"store": 3}' }).resume, undefined);
    assert.equal(readSettings({ CHKPT_RESUME: 'not json' }).resume, undefined);
  });

  it('tells the process that owns the run from the processes it starts', () => {
    const settings = readSettings({ CHKPT_RUN_ID: 'abc', CHKPT_RUN_SELF: '100' });
    assert.equal(ownsRun(settings, 100, 1), true);
    assert.equal(ownsRun(settings, 101, 100), false);
    assert.equal(ownsRun(readSettings({ CHKPT_RUN_ID: 'abc', CHKPT_RUN_OWNER: '7' }), 8, 7), true);
    assert.equal(ownsRun(readSettings({}), 8, 7), false);
  });

  it('keeps the options a run is started again with, not its ids or store', () => {
    const settings = readSettings({ CHKPT_EVERY: '500', CHKPT_LIB: '["apache-arrow"]', CHKPT_RUN_ID: 'abc', CHKPT_OUT: '/tmp/s' });
    assert.deepEqual(rerunOptions(settings), {
      every: 500, budget: 2, minSize: 0, include: [], exclude: [], libs: ['apache-arrow'], throwSite: true, waitAttach: false,
    });
  });
});
