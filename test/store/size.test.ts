import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatSize, parseSize } from '../../src/store/size.js';
import { ErrorCode, isChkptError } from '../../src/shared/errors.js';

test('parseSize reads plain bytes and binary units', () => {
  const cases: [string | number, number][] = [
    ['0', 0], ['1234', 1234], ['64k', 65536], ['64K', 65536], ['1M', 1048576], ['500M', 500 * 1048576],
    ['2G', 2 * 1024 ** 3], ['1.5G', 1.5 * 1024 ** 3], ['2GiB', 2 * 1024 ** 3], ['10MB', 10 * 1048576], [' 7 k ', 7168],
    ['1t', 1024 ** 4], ['12b', 12], [4096, 4096],
  ];
  for (const [input, expected] of cases) assert.equal(parseSize(input), expected, `parseSize(${JSON.stringify(input)})`);
});

test('parseSize rejects nonsense with BAD_OPTION naming the option and the value', () => {
  for (const bad of ['', 'abc', '-1', '1.5', '5X', '1e9', 'G', '1 2', -5, Number.NaN]) {
    assert.throws(() => parseSize(bad, 'CHKPT_MAX_STORE'), (err: unknown) => {
      assert.ok(isChkptError(err));
      assert.equal(err.code, ErrorCode.BAD_OPTION);
      assert.match(err.message, /CHKPT_MAX_STORE/);
      assert.ok(err.message.includes(`\`${String(bad)}\``), err.message);
      return true;
    });
  }
});

test('formatSize uses binary units', () => {
  assert.equal(formatSize(512), '512 B');
  assert.equal(formatSize(1536), '1.5 KiB');
  assert.equal(formatSize(5 * 1024 ** 3), '5.0 GiB');
  assert.equal(formatSize(300 * 1024 ** 2), '300 MiB');
});
