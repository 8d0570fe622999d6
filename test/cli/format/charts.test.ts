// Sparklines and histograms drawn with block characters.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bar, histogramLines } from '../../../src/cli/format/histogram.js';
import { sparkline } from '../../../src/cli/format/sparkline.js';

describe('sparkline', () => {
  it('scales between the smallest and largest value; NaN is a gap', () => {
    assert.equal(sparkline([0, 1, 2, 3, 4, 5, 6, 7]), '▁▂▃▄▅▆▇█');
    assert.equal(sparkline([5, NaN, 10]), '▁ █');
    assert.equal(sparkline([2, 2, 2]), '▄▄▄');
    assert.equal(sparkline([NaN, NaN]), '  ');
  });
});

describe('histogram', () => {
  it('bars in eighths of a cell', () => {
    assert.equal(bar(1, 4), '████');
    assert.equal(bar(0.5, 3), '█▌');
    assert.equal(bar(0, 10), '');
  });

  it('one line per bin: range, count, bar; the last bin closed', () => {
    assert.deepEqual(histogramLines([0, 0.5, 1], [3, 1500], 8), [
      '[  0, 0.5)      3  ',
      '[0.5,   1]  1,500  ████████',
    ].map((l) => l.trimEnd()));
  });

  it('edges lose their rounding noise', () => {
    const lines = histogramLines([-1, -0.6, -0.19999999999999996, 0.2000000000000001, 0.6, 1].map((x, i) => (i === 2 ? -0.2 + 1e-17 : x)), [1, 1, 1, 1, 1], 1);
    assert.match(lines[2]!, /^\[-0\.2, {2}0\.2\)/);
  });
});
