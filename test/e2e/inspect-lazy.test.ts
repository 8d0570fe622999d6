// Heavy modules are loaded only by what needs them: the built CLI runs with
// an import hook (test/fixtures/inspect/forbid-modules.mjs) that throws when
// a forbidden module is imported. ls, show, diff, verify, gc and the npy and
// csv exports never load apache-arrow, hyparquet-writer, node:repl or tsx;
// `import { chkpt } from 'chkpt'` never loads the store (better-sqlite3).
// Control cases prove the hook does fire when a module is needed.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { chkptCli, repoRoot, runProcess, type RunResult } from '../helpers/run-process.js';
import { fixturesDir, record, testEnv, workspace, type Workspace } from '../fixtures/inspect/helpers.js';

const HEAVY = ['apache-arrow', 'hyparquet-writer', 'node:repl', 'tsx'];

describe('heavy modules load lazily', () => {
  let ws: Workspace;

  before(async () => {
    ws = workspace();
    await record(ws, 'train.mjs', ['--epochs', '1']);
    await record(ws, 'train.mjs', ['--epochs', '2']);
  });
  after(() => ws.cleanup());

  const guarded = (args: string[], forbidden: string[], stdin?: string): Promise<RunResult> =>
    runProcess(process.execPath, ['--import', path.join(fixturesDir, 'forbid-modules.mjs'), chkptCli, ...args, '--store', ws.store], {
      cwd: ws.dir, env: testEnv({ CHKPT_FORBID_MODULES: forbidden.join(',') }), ...(stdin !== undefined ? { stdin } : {}),
    });

  const commands: string[][] = [
    ['ls'], ['ls', 'train.mjs'], ['show', 'latest'], ['show', 'latest', 'weights'], ['show', 'latest', 'rows'], ['show', 'latest', 'config', '--json'],
    ['export', 'latest', 'weights', '--format', 'npy', '-o', 'w.npy'], ['export', 'latest', 'rows', '--format', 'csv', '-o', 'rows.csv'],
    ['export', 'latest', 'config', '--format', 'json'], ['diff', 'train.mjs~1', 'train.mjs'], ['verify'], ['gc'],
  ];
  for (const args of commands) {
    it(`chkpt ${args.join(' ')} loads none of ${HEAVY.join(', ')}`, async () => {
      const r = await guarded(args, HEAVY);
      assert.equal(r.code, 0, r.stderr);
      assert.doesNotMatch(r.stderr, /forbidden/);
    });
  }

  it('control: the arrow export needs apache-arrow, the parquet export hyparquet-writer, repl node:repl', async () => {
    const arrow = await guarded(['export', 'latest', 'rows', '--format', 'arrow', '-o', 'r.arrow'], ['apache-arrow']);
    assert.notEqual(arrow.code, 0);
    assert.match(arrow.stderr, /forbidden module loaded: apache-arrow/);
    const parquet = await guarded(['export', 'latest', 'rows', '--format', 'parquet', '-o', 'r.parquet'], ['hyparquet-writer']);
    assert.match(parquet.stderr, /forbidden module loaded: hyparquet-writer/);
    const repl = await guarded(['repl', 'latest'], ['node:repl'], '.exit\n');
    assert.match(repl.stderr, /forbidden module loaded: node:repl/);
    const fine = await guarded(['export', 'latest', 'rows', '--format', 'arrow', '-o', 'r.arrow'], ['hyparquet-writer', 'node:repl', 'tsx']);
    assert.equal(fine.code, 0, fine.stderr);
  });

  it("import { chkpt } from 'chkpt' loads no store; open() does", async () => {
    const script = (code: string): Promise<RunResult> => runProcess(process.execPath, [
      '--import', path.join(fixturesDir, 'forbid-modules.mjs'), '--input-type=module', '-e', code,
    ], { cwd: repoRoot, env: testEnv({ CHKPT_FORBID_MODULES: 'better-sqlite3,apache-arrow,hyparquet-writer' }) });
    const light = await script("const { chkpt, open } = await import('chkpt'); console.log(typeof chkpt.snapshot, typeof open);");
    assert.equal(light.stderr, '');
    assert.equal(light.stdout, 'function function\n');
    const opened = await script(`const { open } = await import('chkpt'); await open(${JSON.stringify(ws.store)});`);
    assert.match(opened.stderr, /forbidden module loaded: better-sqlite3/);
  });
});
