// Human units, colour rules and paths.
import assert from 'node:assert/strict';
import os from 'node:os';
import { describe, it } from 'node:test';
import { displayPath } from '../../../src/cli/format/paths.js';
import { colorEnabled, truncate, visibleLength } from '../../../src/cli/format/style.js';
import { agoText, bytesText, countText, durationText, plural, timeText } from '../../../src/cli/format/units.js';

describe('units', () => {
  it('durations', () => {
    assert.deepEqual([0, 12.4, 999, 1500, 12_000, 125_000, 3_725_000, 90_000_000, 400_000_000, -1].map(durationText),
      ['0 ms', '12 ms', '999 ms', '1.5 s', '12 s', '2 min 05 s', '1 h 02 min', '25 h 00 min', '4 d 15 h', '?']);
  });

  it('sizes, counts, plurals, times', () => {
    assert.deepEqual([0, 1536, 5 * 1024 ** 3].map(bytesText), ['0 B', '1.5 KiB', '5.0 GiB']);
    assert.equal(countText(1234567), '1,234,567');
    assert.deepEqual([plural(1, 'run'), plural(2, 'run'), plural(2, 'changed', 'changed')], ['1 run', '2 runs', '2 changed']);
    assert.match(timeText(Date.UTC(2025, 0, 2, 3, 4, 5)), /^2025-01-0[12] \d\d:04:05$/);
    assert.deepEqual([agoText(1000, 2000), agoText(0, 600_000), agoText(0, 7_200_000)], ['just now', '10 min ago', '2 h ago']);
  });
});

describe('style', () => {
  it('colour on a terminal unless NO_COLOR or TERM=dumb; FORCE_COLOR wins', () => {
    assert.equal(colorEnabled(true, {}), true);
    assert.equal(colorEnabled(false, {}), false);
    assert.equal(colorEnabled(true, { NO_COLOR: '1' }), false);
    assert.equal(colorEnabled(true, { NO_COLOR: '' }), true);
    assert.equal(colorEnabled(true, { TERM: 'dumb' }), false);
    assert.equal(colorEnabled(false, { FORCE_COLOR: '1' }), true);
    assert.equal(colorEnabled(true, { FORCE_COLOR: '0' }), true);
  });

  it('widths ignore colour escapes; truncation ends with an ellipsis', () => {
    assert.equal(visibleLength('\x1b[1mbold\x1b[22m'), 4);
    assert.equal(truncate('abcdef', 4), 'abc…');
    assert.equal(truncate('abc', 4), 'abc');
  });
});

describe('displayPath', () => {
  it('relative inside the current directory, ~ for home, else absolute', () => {
    assert.equal(displayPath('/w/p/train.ts', '/w/p', '/home/u'), 'train.ts');
    assert.equal(displayPath('/w/p/lib/m.ts', '/w/p', '/home/u'), 'lib/m.ts');
    assert.equal(displayPath('/home/u/jobs/t.ts', '/w', '/home/u'), '~/jobs/t.ts');
    assert.equal(displayPath('/opt/t.ts', '/w', '/home/u'), '/opt/t.ts');
    assert.equal(displayPath('rel.ts'), 'rel.ts');
    assert.ok(os.homedir());
  });
});
