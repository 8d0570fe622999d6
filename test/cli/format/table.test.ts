// Tables: aligned under a header on a terminal, tab-separated when piped.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { tableLines } from '../../../src/cli/format/table.js';
import { plainStyle, type Style } from '../../../src/cli/format/style.js';

const tty = (width = 80): Style => ({ ...plainStyle(), tty: true, width });
const cols = [{ header: 'NAME' }, { header: 'SIZE', right: true }, { header: 'NOTE' }];
const rows = [['weights', '781 KiB', 'big'], ['n', '6 B', '']];

describe('tableLines', () => {
  it('piped: tab-separated cells, no header, tabs and newlines in cells flattened', () => {
    assert.deepEqual(tableLines(cols, [...rows, ['a\tb', '1', 'x\ny']], plainStyle()), ['weights\t781 KiB\tbig', 'n\t6 B\t', 'a b\t1\tx y']);
  });

  it('terminal: header, left and right alignment, no trailing spaces', () => {
    assert.deepEqual(tableLines(cols, rows, tty()), [
      'NAME        SIZE  NOTE',
      'weights  781 KiB  big',
      'n            6 B',
    ]);
  });

  it('terminal: long cells cut, columns that do not fit dropped', () => {
    const lines = tableLines([{ header: 'A', max: 5 }, { header: 'B' }], [['abcdefghij', 'x'.repeat(50)]], tty(30));
    assert.deepEqual(lines, ['A', 'abcd…']);
  });
});
