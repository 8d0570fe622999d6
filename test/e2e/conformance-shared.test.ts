// The shared conformance cases (../shared/conformance beside the repository,
// read in place): skipped, with the reason, on a clone that has none.
import assert from 'node:assert/strict';
import path from 'node:path';
import { sharedConformanceDir } from '../helpers/run-process.js';
import { conformanceSuite, type StderrCheck } from './conformance-suite.js';

/** The shared cases say in words where stderr may differ (paths, node's own formatting). */
const sharedStderr: StderrCheck = (c, actual, expected) => {
  if (c.compare?.includes('stderr contains')) {
    assert.match(actual.stderr, /RangeError: n too big: 3/);
    assert.ok(actual.stderr.includes(path.join(sharedConformanceDir!, c.script)), 'stderr names the script');
  } else if (c.compare?.includes('SyntaxError')) {
    const line = (s: string) => s.split('\n').find((l) => l.startsWith('SyntaxError'));
    assert.ok(line(actual.stderr));
    assert.equal(line(actual.stderr), line(expected.stderr));
  } else if (c.compare?.includes('stack names')) {
    assert.match(actual.stderr, /ts\/main\.ts:6/);
    assert.equal(actual.stderr, expected.stderr);
  } else {
    assert.equal(actual.stderr, expected.stderr, `stderr of ${c.script}`);
  }
  if (c.script === 'kill-self.mjs') assert.equal(actual.signal, 'SIGTERM');
  if (c.script === 'sigint-default.mjs') assert.equal(actual.signal, 'SIGINT');
  if (c.script === 'big-output.mjs') assert.equal(actual.stdout.length, 10_000_000);
};

conformanceSuite(
  'conformance (shared cases): chkpt run behaves as plain node',
  sharedConformanceDir,
  'no ../shared/conformance beside this clone; the project\'s own cases (conformance-own) still run',
  sharedStderr,
);
