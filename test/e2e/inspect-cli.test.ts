// The reading commands on checkpoints written by real `chkpt run`
// executions of test/fixtures/inspect/train.mjs: what ls and show print
// (snapshots, piped, in a terminal and as JSON), references, variable paths,
// diff, and every error path.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { openStore } from '../../src/store/index.js';
import { chkpt, chkptTty, matchSnapshot, normalize, record, runIds, workspace, type Workspace } from '../fixtures/inspect/helpers.js';

interface ShowJson {
  checkpoint: { ref: string; trigger: string };
  kind: string;
  type: string;
  stats?: { length: number; nan: number; min: number; max: number; mean: number; histogram: { counts: number[] } };
  table?: { rowCount: number; rows: Record<string, unknown>[] };
  value?: unknown;
}

describe('chkpt ls, show and diff on real runs', () => {
  let ws: Workspace;
  let ids: string[];

  before(async () => {
    ws = workspace();
    await record(ws, 'train.mjs', ['--epochs', '1']);
    await record(ws, 'train.mjs', ['--epochs', '2']);
    ids = await runIds(ws);
    assert.equal(ids.length, 2);
  });
  after(() => ws.cleanup());

  const out = async (args: string[]): Promise<string> => {
    const r = await chkpt(ws, args);
    assert.equal(r.code, 0, `chkpt ${args.join(' ')}: ${r.stderr}`);
    assert.equal(r.stderr, '');
    return r.stdout;
  };
  const json = async <T>(args: string[]): Promise<T> => JSON.parse(await out([...args, '--json'])) as T;

  it('ls: one tab-separated line per run when piped', async () => {
    const text = await out(['ls']);
    const lines = text.trimEnd().split('\n');
    assert.equal(lines.length, 2);
    assert.deepEqual(lines.map((l) => l.split('\t')[0]), ids);
    assert.match(lines[1]!, /\ttrain\.mjs\t--epochs 2\t/);
    matchSnapshot('ls-runs.plain', normalize(text, ws));
  });

  it('ls: a table with a header and a footer in a terminal', async (t) => {
    const r = await chkptTty(ws, ['ls']);
    if (!r) return t.skip('util-linux `script` is not available to make a pseudo-terminal');
    assert.equal(r.code, 0);
    assert.match(r.stdout, /^RUN +SCRIPT +ARGS +STARTED +TOOK +EXIT +CKPTS +SIZE\n/);
    assert.doesNotMatch(r.stdout, /\x1b\[/, 'NO_COLOR is respected');
    matchSnapshot('ls-runs.tty', normalize(r.stdout, ws));
  });

  it('ls: colour on a terminal when NO_COLOR is not set', async (t) => {
    const r = await chkptTty(ws, ['ls'], { NO_COLOR: '' });
    if (!r) return t.skip('util-linux `script` is not available to make a pseudo-terminal');
    assert.match(r.stdout, /\x1b\[1mRUN/);
  });

  it('ls --json: every run with its outcome and counts', async () => {
    const runs = await json<Record<string, unknown>[]>(['ls']);
    assert.equal(runs.length, 2);
    assert.deepEqual(runs.map((r) => [r['argv'], r['exitCode'], r['status'], r['checkpoints']]), [
      [['--epochs', '1'], 0, 'exited', 1],
      [['--epochs', '2'], 0, 'exited', 1],
    ]);
    assert.ok((runs[0]!['bytesNew'] as number) > 400_000);
    matchSnapshot('ls-runs.json', normalize(JSON.stringify(runs, null, 2), ws));
  });

  it('ls <run>: the checkpoints of a run, piped, in a terminal and as JSON', async (t) => {
    const text = await out(['ls', 'train.mjs']);
    assert.match(text, /^1\t\S+ \S+\texit\t-\t11\t/);
    matchSnapshot('ls-run.plain', normalize(text, ws));
    const listed = await json<{ run: { id: string }; checkpoints: { ref: string; trigger: string; variables: number }[] }>(['ls', 'train.mjs']);
    assert.equal(listed.run.id, ids[1]);
    assert.deepEqual(listed.checkpoints.map((c) => [c.ref, c.trigger, c.variables]), [[`${ids[1]}@1`, 'exit', 11]]);
    matchSnapshot('ls-run.json', normalize(JSON.stringify(listed, null, 2), ws));
    const tty = await chkptTty(ws, ['ls', 'train.mjs']);
    if (!tty) return t.skip('util-linux `script` is not available to make a pseudo-terminal');
    assert.match(tty.stdout, /^run [0-9a-f]{12} {2}train\.mjs --epochs 2\n/);
    matchSnapshot('ls-run.tty', normalize(tty.stdout, ws));
  });

  it('show <checkpoint>: variables with scope, type, class, shape and size, and the skipped ledger', async (t) => {
    const text = await out(['show', 'latest']);
    assert.match(text, /^weights\tmodule\t\tFloat64Array\t\t50000\t391 KiB$/m);
    assert.match(text, /^model\tmodule\t\tModel\tModel\t\t/m);
    assert.match(text, /^skipped\tconfig\.hooks\.onStep\tfunction\t/m);
    matchSnapshot('show-checkpoint.plain', normalize(text, ws));
    const shown = await json<{ variables: { name: string; scope: string; type: string; class: { name: string; module?: string } | null }[]; skipped: { path: string }[] }>(['show', 'latest']);
    assert.deepEqual(shown.variables.map((v) => v.name), ['at', 'epochs', 'weights', 'counts', 'pixels', 'state', 'rows', 'table', 'notes', 'model', 'config']);
    assert.equal(shown.variables.find((v) => v.name === 'model')!.class!.name, 'Model');
    assert.match(shown.variables.find((v) => v.name === 'model')!.class!.module ?? '', /^file:.*train\.mjs$/);
    assert.deepEqual(shown.skipped.map((s) => s.path), ['config.hooks.onStep']);
    matchSnapshot('show-checkpoint.json', normalize(JSON.stringify(shown, null, 2), ws));
    const tty = await chkptTty(ws, ['show', 'latest']);
    if (!tty) return t.skip('util-linux `script` is not available to make a pseudo-terminal');
    assert.match(tty.stdout, /^NAME +SCOPE +FRAME +TYPE +CLASS +SHAPE +SIZE$/m);
    assert.match(tty.stdout, /^skipped \(1\)$/m);
    matchSnapshot('show-checkpoint.tty', normalize(tty.stdout, ws));
  });

  it('show <variable>: a numeric array as statistics, histogram and sparkline', async () => {
    const text = await out(['show', 'latest', 'weights']);
    assert.match(text, /^length {4}50,000$/m);
    assert.match(text, /^NaN {7}1$/m);
    assert.match(text, /^trend {5}[▁▂▃▄▅▆▇█ ]+ {2}mean of 48 slices by position$/m);
    matchSnapshot('show-weights.plain', normalize(text, ws));
    const shown = await json<ShowJson>(['show', 'latest', 'weights']);
    assert.equal(shown.kind, 'numeric');
    assert.equal(shown.stats!.length, 50_000);
    assert.equal(shown.stats!.nan, 1);
    assert.equal(shown.stats!.histogram.counts.reduce((a, b) => a + b, 0), 49_999);
    // train.mjs --epochs 2: 2 sin(i / 1000), plus 0.5 at 40,000.
    const expected = Array.from({ length: 50_000 }, (_, i) => 2 * Math.sin(i / 1000) + (i === 40_000 ? 0.5 : 0)).filter((_, i) => i !== 7);
    assert.equal(shown.stats!.max, Math.max(...expected));
    assert.equal(shown.stats!.min, Math.min(...expected));
    assert.ok(Math.abs(shown.stats!.mean - expected.reduce((a, b) => a + b, 0) / expected.length) < 1e-12);
  });

  it('show <variable>: records and columns as tables, objects as trees, strings cut with their length', async () => {
    const rows = await out(['show', 'latest', 'rows', '--rows', '3']);
    assert.match(rows, /^30 rows x 4 columns \(records\)$/m);
    assert.match(rows, /^2\t2\trow 2\t0\.5\tfalse$/m);
    matchSnapshot('show-rows.plain', normalize(rows, ws));
    const table = await json<ShowJson>(['show', 'latest', 'table', '--rows', '2']);
    assert.equal(table.kind, 'table');
    assert.equal(table.table!.rowCount, 100);
    assert.deepEqual(table.table!.rows, [{ x: 0, y: 0, label: 'p0' }, { x: 1, y: 1, label: 'p1' }]);
    const config = await out(['show', 'latest', 'config']);
    assert.match(config, /^│ {5}└─ \[1\]: 0\.999$/m);
    assert.match(config, /"decay" => 0\.5$/m);
    matchSnapshot('show-config.plain', normalize(config, ws));
    const shallow = await out(['show', 'latest', 'config', '--depth', '1']);
    assert.match(shallow, /^├─ optimizer: \{name: "adam", betas: Array\(2\)\}$/m);
    const notes = await out(['show', 'latest', 'notes']);
    assert.match(notes, /^600 characters$/m);
    const model = await json<ShowJson>(['show', 'latest', 'model']);
    assert.deepEqual(model.value, { $class: 'Model', name: 'mlp', layers: [64, 32, 1], bias: { $type: 'Float64Array(3)', length: 3, head: [0.5, 0.5, 0.5] } });
  });

  it('show <path>: paths select values inside variables', async () => {
    const get = async (p: string): Promise<ShowJson> => json<ShowJson>(['show', 'latest', p]);
    assert.equal((await get('rows[3].name')).value, 'row 3');
    assert.deepEqual((await get('rows[3]')).value, { id: 3, name: 'row 3', score: 0.75, ok: true });
    assert.equal((await get('config.optimizer.betas[1]')).value, 0.999);
    assert.equal((await get('config.schedule.get("decay")')).value, 0.5);
    assert.equal((await get('table.label[2]')).value, 'p2');
    assert.equal((await get('state.epoch')).value, 2);
    const w = await get('state.w');
    assert.equal(w.kind, 'numeric');
    assert.equal(w.stats!.length, 8192);
    assert.equal(w.stats!.mean, 0.25);
    const y = await get('table.y');
    assert.equal(y.stats!.max, 99 * 99);
  });

  it('references: run id prefixes, script names, ~, @n, @-1, @latest, latest', async () => {
    const ref = async (r: string): Promise<string> => (await json<ShowJson>(['show', r, 'epochs'])).checkpoint.ref;
    const [first, second] = ids as [string, string];
    assert.equal(await ref('latest'), `${second}@1`);
    assert.equal(await ref('train.mjs'), `${second}@1`);
    assert.equal(await ref('train'), `${second}@1`);
    assert.equal(await ref('./train.mjs@latest'), `${second}@1`);
    assert.equal(await ref(path.join(ws.dir, 'train.mjs')), `${second}@1`);
    assert.equal(await ref('train.mjs~1'), `${first}@1`);
    assert.equal(await ref('latest~1@-1'), `${first}@1`);
    assert.equal(await ref(`${first.slice(0, 6)}@1`), `${first}@1`);
    assert.equal(await ref(first), `${first}@1`);
    assert.equal(await ref('@1'), `${second}@1`);
    assert.equal((await json<ShowJson>(['show', 'train.mjs~1', 'epochs'])).value, 1);
  });

  it('diff: what changed between two runs, numeric arrays element by element', async () => {
    const text = await out(['diff', 'train.mjs~1', 'train.mjs']);
    assert.match(text, /^~ weights: 49,998 of 50,000 elements changed, largest difference [\d.]+ at \[\d+\]$/m);
    assert.match(text, /^~ epochs: 1 -> 2$/m);
    assert.match(text, /^ {4}state\.epoch: 1 -> 2$/m);
    assert.match(text, /^0 appeared, 0 disappeared, 3 changed, 8 unchanged$/m);
    const report = await json<{ changed: { name: string; numeric?: { changed: number; maxAbsDiff: number; maxAt: number } }[]; unchanged: string[] }>(['diff', 'train.mjs~1', 'train.mjs']);
    const weights = report.changed.find((c) => c.name === 'weights')!.numeric!;
    assert.equal(weights.changed, 49_998);
    // sin(i / 1000) grows by itself between epoch 1 and 2, plus 0.5 at 40,000.
    const diffs = Array.from({ length: 50_000 }, (_, i) => Math.abs(Math.sin(i / 1000) + (i === 40_000 ? 0.5 : 0)));
    diffs[7] = 0;
    assert.equal(weights.maxAbsDiff, Math.max(...diffs));
    assert.equal(weights.maxAt, diffs.indexOf(Math.max(...diffs)));
    assert.deepEqual(report.unchanged.sort(), ['at', 'config', 'counts', 'model', 'notes', 'pixels', 'rows', 'table']);
    const same = await json<{ changed: unknown[]; unchanged: string[] }>(['diff', 'latest', 'train.mjs@1', 'weights']);
    assert.deepEqual([same.changed, same.unchanged], [[], ['weights']]);
  });

  it('--help of every command has an example', async () => {
    for (const command of ['ls', 'show', 'export', 'repl', 'diff', 'gc', 'verify']) {
      const r = await chkpt(ws, [command, '--help']);
      assert.equal(r.code, 0, command);
      assert.match(r.stdout, new RegExp(`^Usage: chkpt ${command}`, 'm'), command);
      assert.match(r.stdout, new RegExp(`^Examples?:\\n {2}chkpt ${command}( |$)`, 'm'), command);
    }
    const top = await chkpt(ws, ['--help']);
    for (const command of ['ls', 'show', 'export', 'repl', 'diff', 'gc', 'verify']) assert.match(top.stdout, new RegExp(`^ {2}${command} `, 'm'));
  });

  describe('errors: one line naming the problem and the fix', () => {
    const fails = async (args: string[], code: number, message: RegExp): Promise<void> => {
      const r = await chkpt(ws, args);
      assert.equal(r.code, code, `chkpt ${args.join(' ')}: ${r.stderr}`);
      assert.equal(r.stdout, '');
      assert.match(r.stderr.split('\n')[0]!, message);
      assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
    };

    it('an unknown run names the nearest', () => fails(['show', 'trian.mjs'], 1, /^chkpt: No run `trian\.mjs` in .*store; nearest: train\.mjs \(`chkpt ls` lists the runs\)\.$/));
    it('an unknown checkpoint number lists the run\'s checkpoints', () => fails(['show', 'train.mjs@9'], 1, /^chkpt: Run train\.mjs \([0-9a-f]{12}\) has no checkpoint 9; its checkpoints: 1 exit\.$/));
    it('no crash checkpoint', () => fails(['show', 'train.mjs@crash'], 1, /^chkpt: Run train\.mjs \([0-9a-f]{12}\) has no crash checkpoint; its checkpoints: 1 exit\.$/));
    it('a malformed selector', () => fails(['show', 'train.mjs@soon'], 2, /^chkpt: `@soon` is not a checkpoint: use a number, a negative number from the end, latest, or a trigger/));
    it('going back further than there are runs', () => fails(['show', 'train.mjs~5'], 1, /^chkpt: `train\.mjs~5` goes back 5 runs but only 1 came before/));
    it('an unknown variable names the nearest', () => fails(['show', 'latest', 'wieghts'], 1, /^chkpt: No variable `wieghts` in checkpoint [0-9a-f]{12}@1; nearest: weights \(`chkpt show [0-9a-f]{12}@1` lists them\)\.$/));
    it('a path that goes nowhere says where it stops', () => fails(['show', 'latest', 'rows[3].nme'], 1, /^chkpt: `rows\[3\]\.nme` not found: `rows\[3\]` has no property `nme`; nearest: name\.$/));
    it('an index past the end', () => fails(['show', 'latest', 'rows[30]'], 1, /^chkpt: `rows\[30\]` not found: `rows` has 30 elements\.$/));
    it('a malformed path', () => fails(['show', 'latest', 'rows[3'], 2, /^chkpt: Cannot read the path `rows\[3` at character 7: expected `\]`\.$/));
    it('an unknown export format lists the formats', () => fails(['export', 'latest', 'weights', '--format', 'xlsx'], 2, /^chkpt: Unknown export format `xlsx`: use one of npy, json, ndjson, csv, arrow, parquet, raw\.$/));
    it('a format that does not fit the value names those that do', () => fails(['export', 'latest', 'rows', '--format', 'npy'], 2, /^chkpt: `rows` cannot be exported as npy \(it is an array of records; npy holds arrays of numbers\): use csv, arrow, parquet, json, ndjson\.$/));
    it('no format and no file name to guess from', () => fails(['export', 'latest', 'weights'], 2, /^chkpt: Which format\? Pass --format with one of npy, /));
    it('a bad option value', () => fails(['show', 'latest', 'config', '--depth', 'deep'], 2, /^chkpt: Expected `--depth` to be a whole number of at least 1, got `deep`\.$/));
    it('a bad --max-store', () => fails(['gc', '--max-store', 'lots'], 2, /^chkpt: Expected `--max-store` to be a size such as 500M, 2G or a number of bytes, got `lots`\.$/));

    it('no store at all', async () => {
      const r = await chkpt(ws, ['ls', '--store', path.join(ws.dir, 'nowhere')]);
      assert.equal(r.code, 1);
      assert.match(r.stderr, /^chkpt: No chkpt store at .*nowhere: run a script with `chkpt run <script>` first, or pass --store <dir>\.\n$/);
    });

    it('an empty store', async () => {
      const dir = path.join(ws.dir, 'empty');
      openStore(dir).close();
      const ls = await chkpt(ws, ['ls', '--store', dir]);
      assert.equal(ls.code, 0);
      assert.equal(ls.stdout, '');
      assert.match(ls.stderr, /^chkpt: the store at .*empty has no runs yet: run a script with `chkpt run <script>`\.\n$/);
      assert.equal((await chkpt(ws, ['ls', '--json', '--store', dir])).stdout, '[]\n');
      for (const args of [['show', 'latest'], ['show', 'train.mjs'], ['export', 'latest', 'x', '-o', 'x.npy'], ['diff', 'latest', 'latest']]) {
        const r = await chkpt(ws, [...args, '--store', dir]);
        assert.equal(r.code, 1, args.join(' '));
        assert.match(r.stderr, /^chkpt: The store at .*empty has no checkpoints yet: run a script with `chkpt run <script>` first, or pass --store <dir>\.\n$/, args.join(' '));
      }
    });

    it('a damaged chunk: the variable fails naming the chunk, the others still load, verify exits 1', async () => {
      const copy = path.join(ws.dir, 'damaged');
      fs.cpSync(ws.store, copy, { recursive: true });
      const store = openStore(copy, { create: false });
      const cp = store.checkpoints({ newestFirst: true })[0]!;
      const hash = store.variable(cp.id, 'weights').parts[0]!.chunks[0]!;
      store.close();
      const file = path.join(copy, 'chunks', hash.slice(0, 2), hash.slice(2));
      const bytes = fs.readFileSync(file);
      bytes[1000] = bytes[1000]! ^ 0xff;
      fs.writeFileSync(file, bytes);
      const at = ['--store', copy];

      const show = await chkpt(ws, ['show', 'latest', 'weights', ...at]);
      assert.equal(show.code, 1);
      assert.equal(show.stderr, `chkpt: Chunk ${hash} of part 0 of \`weights\` in checkpoint ${cp.id} is damaged (its bytes do not match its hash).\n`);
      const counts = await chkpt(ws, ['show', 'latest', 'counts', '--json', ...at]);
      assert.equal(counts.code, 0);
      assert.equal((JSON.parse(counts.stdout) as ShowJson).stats!.length, 10_000);

      const target = path.join(ws.dir, 'w.npy');
      const exported = await chkpt(ws, ['export', 'latest', 'weights', '-o', target, ...at]);
      assert.equal(exported.code, 1);
      assert.match(exported.stderr, /is damaged/);
      assert.equal(fs.existsSync(target), false, 'a failed export leaves no file');
      assert.deepEqual(fs.readdirSync(ws.dir).filter((f) => f.endsWith('.tmp')), []);

      const verify = await chkpt(ws, ['verify', ...at]);
      assert.equal(verify.code, 1);
      assert.match(verify.stdout, new RegExp(`^damaged ${ids[1]}@1 weights: chunk ${hash} is damaged \\(its bytes do not match its hash\\)$`, 'm'));
      assert.match(verify.stdout, /^DAMAGED: 1 of 2 checkpoints, \d+ chunks \(.*\) in .*; 1 variable cannot be read back\. The other variables still load\.$/m);
      const report = JSON.parse((await chkpt(ws, ['verify', '--json', ...at])).stdout) as { ok: boolean; checkpoints: { ok: boolean; variables: { name: string; ok: boolean }[] }[] };
      assert.equal(report.ok, false);
      assert.deepEqual(report.checkpoints.flatMap((c) => c.variables.filter((v) => !v.ok).map((v) => v.name)), ['weights']);
      const one = await chkpt(ws, ['verify', 'train.mjs~1', ...at]);
      assert.equal(one.code, 0, 'the other run shares no damaged chunk');
    });
  });

  it('export refuses to write binary to a terminal', async (t) => {
    const r = await chkptTty(ws, ['export', 'latest', 'weights', '--format', 'npy']);
    if (!r) return t.skip('util-linux `script` is not available to make a pseudo-terminal');
    assert.equal(r.code, 2);
    assert.match(r.stdout, /^chkpt: npy is binary: pass -o <file>, or pipe the output into a file or a program\.\n/);
  });

  it('the store defaults to $CHKPT_HOME', async () => {
    const { runChkpt } = await import('../helpers/run-process.js');
    const r = await runChkpt(['ls', '--json'], { cwd: ws.dir, env: { ...process.env, CHKPT_HOME: ws.store } });
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual((JSON.parse(r.stdout) as { id: string }[]).map((x) => x.id), ids);
  });

  it('verify: an intact store', async () => {
    const r = await chkpt(ws, ['verify']);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /^ok: 2 checkpoints, \d+ chunks \(.*\) in .*, all intact\n$/);
  });

  it('gc: enforces a cap now, keeping the newest checkpoint of each run first', async () => {
    const copy = path.join(ws.dir, 'gc');
    fs.cpSync(ws.store, copy, { recursive: true });
    const roomy = JSON.parse((await chkpt(ws, ['gc', '--json', '--store', copy])).stdout) as { checkpointsDeleted: number[] };
    assert.deepEqual(roomy.checkpointsDeleted, []);
    const r = await chkpt(ws, ['gc', '--max-store', '1', '--store', copy]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^deleted 2 checkpoints and \d+ chunks, freed .* in .*\nstore .*gc: .* of 1 B\n$/);
    const left = JSON.parse((await chkpt(ws, ['ls', '--json', '--store', copy])).stdout) as { checkpoints: number }[];
    assert.deepEqual(left.map((x) => x.checkpoints), [0, 0]);
  });
});
