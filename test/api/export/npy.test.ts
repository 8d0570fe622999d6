// The .npy header, written by hand: magic, version 1.0, a little-endian
// length, and a dict padded so the data starts at a multiple of 64 bytes.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { npyHeader } from '../../../src/api/export/npy.js';

describe('npyHeader', () => {
  for (const [dtype, descr] of [['float64', '<f8'], ['int32', '<i4'], ['uint8', '|u1'], ['int64', '<i8'], ['uint16', '<u2']] as const) {
    it(`${dtype} is ${descr}`, () => {
      for (const length of [0, 7, 123_456_789_012]) {
        const h = npyHeader(dtype, length);
        assert.equal(h.byteLength % 64, 0);
        assert.deepEqual([...h.subarray(0, 8)], [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]);
        const len = h[8]! + h[9]! * 256;
        assert.equal(10 + len, h.byteLength);
        const dict = Buffer.from(h.subarray(10)).toString('latin1');
        assert.equal(dict, `{'descr': '${descr}', 'fortran_order': False, 'shape': (${length},), }`.padEnd(len - 1, ' ') + '\n');
      }
    });
  }
});
