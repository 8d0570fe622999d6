// The project's own conformance cases (test/fixtures/conformance): every one
// behaves under `chkpt run` byte for byte as under plain node.
import assert from 'node:assert/strict';
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { conformanceSuite, type StderrCheck } from './conformance-suite.js';

const dir = `${realpathSync(fileURLToPath(new URL('../fixtures/conformance/', import.meta.url)))}/`;

const exactWithSignals: StderrCheck = (c, actual, expected) => {
  assert.equal(actual.stderr, expected.stderr, `stderr of ${c.script}`);
  if (c.expect?.startsWith('death by')) assert.equal(actual.signal, c.expect.split(' ')[2]);
};

conformanceSuite('conformance (own cases): chkpt run behaves as plain node', dir, '', exactWithSignals);
