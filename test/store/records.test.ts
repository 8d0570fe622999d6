// A hostile store: index rows and chunks crafted by someone else (with valid
// checksums: they are no secret) must never run code or reach outside the store.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import { openStore } from '../../src/store/index.js';
import { hashChunk } from '../../src/store/chunk-hash.js';
import { CHECKPOINT_COLUMNS, RUN_COLUMNS, VARIABLE_COLUMNS, checksumRow, normalizeRow } from '../../src/store/rows.js';
import { ErrorCode } from '../../src/shared/errors.js';
import { metaVariable, tempDir, typedVariable } from './helpers.js';

const srcDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../src/store');

test('the store\'s code never evaluates, requires or imports anything but its own modules and xxhash-addon', () => {
  for (const file of fs.readdirSync(srcDir).filter((f) => f.endsWith('.ts'))) {
    const code = fs.readFileSync(path.join(srcDir, file), 'utf8').replace(/\/\/.*$/gm, '');
    assert.doesNotMatch(code, /\beval\s*\(|new\s+Function\b|\bimport\s*\(|vm\.|node:vm|deserialize\s*\(/, file);
    for (const m of code.matchAll(/\brequire\s*\(\s*([^)]*)\)/g)) assert.equal(m[1], "'xxhash-addon'", `${file} requires ${m[1]}`);
  }
});

/** Rewrites one row through SQLite with a correct checksum, as an attacker could. */
function craft(dir: string, table: 'runs' | 'checkpoints' | 'variables', where: string, changes: Record<string, unknown>): void {
  const columns = { runs: RUN_COLUMNS, checkpoints: CHECKPOINT_COLUMNS, variables: VARIABLE_COLUMNS }[table];
  const db = new Database(path.join(dir, 'index.sqlite'));
  const row = db.prepare(`SELECT * FROM ${table} WHERE ${where}`).get() as Record<string, unknown>;
  const next = normalizeRow(columns, { ...row, ...changes });
  const sets = Object.keys(next).map((k) => `${k} = @${k}`).join(', ');
  db.prepare(`UPDATE ${table} SET ${sets}, checksum = @checksum WHERE ${where}`).run({ ...next, checksum: checksumRow(table, columns, next) });
  db.close();
}

test('crafted rows and chunks run no code, pollute no prototype and name no file outside chunks/', (t) => {
  const { dir, cleanup } = tempDir();
  t.after(cleanup);
  const marker = path.join(dir, 'PWNED');
  const evil = path.join(dir, 'evil.mjs');
  fs.writeFileSync(evil, `import fs from 'node:fs'; fs.writeFileSync(${JSON.stringify(marker)}, 'ran');`);
  fs.writeFileSync(path.join(dir, 'secret.txt'), 'do not read');
  const storeDir = path.join(dir, 'store');
  const store = openStore(storeDir, { autoGc: false });
  const run = store.beginRun({ script: 'victim.js' });
  const payload = `require('child_process').execSync('touch ${marker}'); import(${JSON.stringify(pathToFileURL(evil).href)})`;
  const res = store.writeCheckpoint(run.id, {
    trigger: 'api',
    variables: [typedVariable('arr', new Uint8Array(Buffer.from(payload))), metaVariable('code', payload)],
  });
  store.close();

  const pollution = '{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}}}';
  craft(storeDir, 'runs', `id = '${run.id}'`, { extra: pollution, argv: '["a",{"__proto__":{"polluted":1}}]' });
  craft(storeDir, 'checkpoints', `id = ${res.id}`, { extra: pollution, skipped: `[${pollution}]`, file: pathToFileURL(evil).href });
  craft(storeDir, 'variables', `checkpoint_id = ${res.id} AND idx = 0`, {
    class_name: 'Evil', class_module: pathToFileURL(evil).href, shape: pollution,
  });
  const outside = { size: 11, chunkSize: 4194304, chunks: ['../../../secret.txt'] };
  craft(storeDir, 'variables', `checkpoint_id = ${res.id} AND idx = 1`, { meta: JSON.stringify(outside) });

  const reader = openStore(storeDir, { create: false });
  t.after(() => reader.close());
  const runs = reader.runs();
  const cps = reader.checkpoints();
  const vars = reader.variables(res.id);
  assert.deepEqual(runs[0]!.argv, ['a', '[object Object]']);
  assert.equal(cps[0]!.damaged, undefined, 'a crafted row with a valid checksum reads as data');
  assert.deepEqual(vars[0]!.class, { name: 'Evil', module: pathToFileURL(evil).href });
  assert.equal(vars[1]!.damaged, 'meta chunk list is malformed');
  assert.throws(() => reader.readMeta(res.id, 'code'), { code: ErrorCode.INTEGRITY });
  // The bytes of a chunk are only ever bytes.
  assert.equal(Buffer.from(reader.readPart(res.id, 'arr', 0)).toString(), payload);
  assert.equal(reader.verify().ok, false);
  assert.equal(fs.existsSync(marker), false, 'no crafted content ran');
  assert.equal(({} as Record<string, unknown>)['polluted'], undefined);
  assert.equal(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted'), false);
  assert.equal(hashChunk(Buffer.from(payload)), reader.variable(res.id, 'arr').parts[0]!.chunks[0]);
});
