// A shared store in S3-compatible object storage, against a real server on
// 127.0.0.1 (s3rver, started here): two machines' runs sent at once to one
// bucket are both listed from a third; a chunk another machine sent is not
// sent again; a push is idempotent, and one that failed with the server gone
// completes once it is back; bad endpoints, credentials, buckets and URLs are
// one line each.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import S3rver from 's3rver';
import { remoteCacheDir } from '../../src/store/paths.js';
import { chkptBin, runChkpt, runChkptCli, runProcess, withThisNode } from '../helpers/run-process.js';

// The SDK's notice about its releases of 2027 is not for test output.
process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] = 'true';
const fixtures = fileURLToPath(new URL('../fixtures/remote/', import.meta.url));
const work = mkdtempSync(path.join(tmpdir(), 'chkpt-remote-'));
const BUCKET = 'chkpt-shared';
const URL_ = `s3://${BUCKET}/team/chkpt`;
let server: S3rver;
let port: number;
let env: NodeJS.ProcessEnv;

async function startServer(at = 0): Promise<number> {
  server = new S3rver({ port: at, address: '127.0.0.1', silent: true, directory: path.join(work, 's3') });
  const address = await server.run();
  return address.port;
}

/** A run of the job on "machine" `name` (a store of its own), its exit checkpoint waited for. */
async function machine(name: string): Promise<string> {
  const store = path.join(work, `machine-${name}`);
  const run = await runChkpt(['run', '--wait-attach', '-o', store, 'job.mjs', name], { cwd: fixtures });
  assert.equal(run.code, 0, run.stderr);
  return store;
}

interface Report { runs: number; checkpoints: number; chunksSent: number; chunksPresent: number; bytesSent: number }
async function push(store: string, extraEnv: NodeJS.ProcessEnv = {}, url = URL_) {
  return runChkptCli(['push', url, '--store', store, '--json'], { env: { ...env, ...extraEnv } });
}
const reportOf = (stdout: string): Report => JSON.parse(stdout) as Report;

/** Polls `check` until it returns something (30 s at most: uploads happen in the background, on a loaded machine too). */
async function eventually<T>(check: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const found = await check();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error('not there after 30 s');
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

before(async () => {
  port = await startServer();
  env = {
    ...process.env, CHKPT_S3_ENDPOINT: `http://127.0.0.1:${port}`, AWS_ACCESS_KEY_ID: 'S3RVER', AWS_SECRET_ACCESS_KEY: 'S3RVER',
    AWS_REGION: 'us-east-1', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  };
  const s3 = new S3Client({ endpoint: `http://127.0.0.1:${port}`, region: 'us-east-1', forcePathStyle: true, credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } });
  await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
  s3.destroy();
});

after(async () => {
  await server?.close().catch(() => {});
  rmSync(work, { recursive: true, force: true });
});

describe('a shared store on S3-compatible object storage', () => {
  it('two machines push at the same time; a third lists both runs', async () => {
    const [a, b] = await Promise.all([machine('a'), machine('b')]);
    const [pa, pb] = await Promise.all([push(a), push(b)]);
    assert.equal(pa.code, 0, pa.stderr);
    assert.equal(pb.code, 0, pb.stderr);
    for (const p of [pa, pb]) assert.deepEqual([reportOf(p.stdout).runs, reportOf(p.stdout).checkpoints], [1, 1]);
    assert.equal(pa.stderr, '');

    const ls = await runChkptCli(['ls', '--store', URL_, '--json'], { env });
    assert.equal(ls.code, 0, ls.stderr);
    const runs = JSON.parse(ls.stdout) as { argv: string[]; status: string; exitCode: number; checkpoints: number[] }[];
    assert.deepEqual(runs.map((r) => r.argv[0]).sort(), ['a', 'b']);
    for (const r of runs) assert.deepEqual([r.status, r.exitCode, r.checkpoints], ['exited', 0, [1]]);
    const table = await runChkptCli(['ls', '--store', URL_], { env });
    assert.equal(table.stdout.trim().split('\n').length, 2);
  });

  it('a chunk another machine sent is not sent again, and a second push sends nothing', async () => {
    const c = await machine('c');
    const first = await push(c);
    assert.equal(first.code, 0, first.stderr);
    const report = reportOf(first.stdout);
    // The 2.4 MB array is the other machines' (its chunks are there); only the label's meta is new.
    assert.ok(report.chunksPresent >= 1, first.stdout);
    assert.ok(report.bytesSent < 100_000, first.stdout);
    const again = await runChkptCli(['push', URL_, '--store', c], { env });
    assert.equal(again.code, 0);
    assert.equal(again.stdout, `chkpt: ${URL_} has everything already.\n`);
  });

  it('a push with the server gone fails in one line and keeps the run; it completes once the server is back', async () => {
    const d = await machine('d');
    await server.close();
    const failed = await push(d);
    assert.equal(failed.code, 1);
    assert.equal(failed.stdout, '');
    assert.match(failed.stderr, /^chkpt: Cannot reach the object store at http:\/\/127\.0\.0\.1:\d+ while .*: check CHKPT_S3_ENDPOINT \(or AWS_ENDPOINT_URL\) and the network\.\n$/);
    await startServer(port);
    const done = await push(d);
    assert.equal(done.code, 0, done.stderr);
    assert.deepEqual([reportOf(done.stdout).runs, reportOf(done.stdout).checkpoints], [1, 1]);
    const ls = await runChkptCli(['ls', '--store', URL_, '--json'], { env });
    assert.deepEqual((JSON.parse(ls.stdout) as { argv: string[] }[]).map((r) => r.argv[0]).sort(), ['a', 'b', 'c', 'd']);
  });

  it('two machines run with --store s3://... at once: sent in the background, the scripts as under node; a third lists and verifies both', async () => {
    const onMachine = (name: string): NodeJS.ProcessEnv => ({ ...env, XDG_CACHE_HOME: path.join(work, `cache-run-${name}`) });
    const [plain, ...runs] = await Promise.all([
      runProcess(process.execPath, ['job.mjs', 'f1'], { cwd: fixtures }),
      ...['f1', 'f2'].map((name) => runChkpt(['run', '--wait-attach', '--store', URL_, 'job.mjs', name], { cwd: fixtures, env: onMachine(name) })),
    ]);
    for (const [i, run] of runs.entries()) {
      assert.equal(run.code, 0, run.stderr);
      assert.equal(run.stderr, '');
      assert.equal(run.stdout, `machine f${i + 1} 300000\n`);
    }
    assert.equal(runs[0]!.stdout, plain!.stdout);
    const third = onMachine('third');
    const listed = await eventually(async () => {
      const ls = await runChkptCli(['ls', '--store', URL_, '--json'], { env: third });
      const all = JSON.parse(ls.stdout) as { id: string; argv: string[]; status: string; checkpoints: number[] }[];
      const mine = ['f1', 'f2'].map((name) => all.find((r) => r.argv[0] === name && r.status === 'exited' && r.checkpoints.length === 1));
      return mine.every(Boolean) ? mine.map((r) => r!.id) : undefined;
    });
    const verify = await runChkptCli(['verify', '--store', URL_, ...listed.map((id) => `${id}@1`)], { env: third });
    assert.equal(verify.code, 0, verify.stderr);
    assert.match(verify.stdout, /^ok: 2 checkpoints, \d+ chunks .* all intact\n/);
  });

  it('with the server down the script is unaffected; the next command on the machine sends its run', async () => {
    const cache = path.join(work, 'cache-down');
    const runEnv = { ...env, XDG_CACHE_HOME: cache, CHKPT_HOME: URL_ };
    await server.close();
    const down = await runChkpt(['run', '-v', '--wait-attach', 'job.mjs', 'g'], { cwd: fixtures, env: runEnv });
    assert.equal(down.code, 0, down.stderr);
    assert.equal(down.stdout, 'machine g 300000\n');
    // Its one line of -v; the sending failed in the background, after the script (retried with backoff).
    assert.match(down.stderr, /^chkpt: checkpoint 1 \(exit\) at .*\n$/);
    await startServer(port);
    // The next chkpt command on this machine with that store (here: ls, as CHKPT_HOME says) sends it first.
    const ls = await runChkptCli(['ls', '--json'], { env: runEnv });
    assert.equal(ls.code, 0, ls.stderr);
    const g = (JSON.parse(ls.stdout) as { argv: string[]; status: string; checkpoints: number[] }[]).find((r) => r.argv[0] === 'g');
    assert.deepEqual([g?.status, g?.checkpoints], ['exited', [1]]);
  });

  it('a run killed (SIGKILL) while sending its first checkpoint: the next command on the machine sends it', async () => {
    const cache = path.join(work, 'cache-killed');
    // CHKPT_HOME rather than --store: bin/chkpt then becomes the script's process, the one killed.
    const child = spawn(chkptBin, ['run', '-v', '-f', '300', 'long-job.mjs'], {
      cwd: fixtures, env: withThisNode({ ...env, XDG_CACHE_HOME: cache, CHKPT_HOME: URL_ }), stdio: ['ignore', 'pipe', 'pipe'],
    });
    const ended = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    let err = '';
    child.stderr!.on('data', (d: Buffer) => {
      err += d;
      // Written locally: its 64 MB are on their way to the bucket.
      if (/checkpoint 1 \(interval\)/.test(err)) child.kill('SIGKILL');
    });
    assert.equal(await ended, 'SIGKILL', err);
    const notes = path.join(cache, 'chkpt-remotes', 'unsent');
    assert.equal(readdirSync(notes).length, 1);
    // The next chkpt command on the machine, whatever it is (here: ls of another store), starts a push of it.
    const other = await runChkptCli(['ls', '--store', path.join(work, 'machine-a')], { env: { ...env, XDG_CACHE_HOME: cache } });
    assert.equal(other.code, 0, other.stderr);
    const killed = await eventually(async () => {
      const ls = await runChkptCli(['ls', '--store', URL_, '--json'], { env: { ...env, XDG_CACHE_HOME: path.join(work, 'cache-killed-reader') } });
      const run = (JSON.parse(ls.stdout) as { script: string; status: string; checkpoints: number[] }[]).find((r) => r.script.endsWith('long-job.mjs'));
      return run?.checkpoints.length ? run : undefined;
    });
    // Its end was never recorded: running, as far as anyone can tell; its checkpoint whole.
    assert.deepEqual([killed.status, killed.checkpoints], ['running', [1]]);
    // All of it sent, the push removed its note.
    await eventually(async () => (readdirSync(notes).length === 0 ? true : undefined));
  });

  it('bad credentials, a missing bucket and a bad URL are one line each', async () => {
    // A store with something to send (one with nothing left sends no request).
    const store = await machine('e');
    const creds = await push(store, { AWS_ACCESS_KEY_ID: 'NOT-THE-KEY' });
    assert.equal(creds.code, 1);
    assert.match(creds.stderr, /^chkpt: The object store at .* refused the credentials while .* set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or AWS_PROFILE\.\n$/);
    const bucket = await push(store, {}, 's3://no-such-bucket/x');
    assert.equal(bucket.code, 1);
    assert.match(bucket.stderr, /^chkpt: There is no bucket `no-such-bucket` at http:\/\/127\.0\.0\.1:\d+: create it, or fix the bucket in s3:\/\/no-such-bucket\/x\.\n$/);
    const url = await push(store, {}, 's3://X');
    assert.equal(url.code, 2);
    assert.match(url.stderr, /^chkpt: `s3:\/\/X` is not an object store location: use s3:\/\/<bucket>\/<prefix>/);
  });

  it('a third machine reads a value from the shared store: show and export through its own read cache', async () => {
    const third = { ...env, XDG_CACHE_HOME: path.join(work, 'cache-third') };
    const ls = await runChkptCli(['ls', '--store', URL_, '--json'], { env: third });
    assert.equal(ls.code, 0, ls.stderr);
    const b = (JSON.parse(ls.stdout) as { id: string; argv: string[] }[]).find((r) => r.argv[0] === 'b')!;
    const show = await runChkptCli(['show', '--store', URL_, `${b.id}@1`, 'label'], { env: third });
    assert.equal(show.code, 0, show.stderr);
    assert.match(show.stdout, /^"machine b"$/m);
    // What it read is there already: this machine's next push (its own runs go to the same local store) sends nothing and asks for no chunk.
    const again = await push(remoteCacheDir(URL_, third), third);
    assert.equal(again.code, 0, again.stderr);
    assert.deepEqual(reportOf(again.stdout), { ...reportOf(again.stdout), runs: 0, checkpoints: 0, chunksSent: 0, chunksPresent: 0 });
    const file = path.join(work, 'weights.npy');
    const exported = await runChkptCli(['export', '--store', URL_, `${b.id}@1`, 'weights', '-o', file], { env: third });
    assert.equal(exported.code, 0, exported.stderr);
    const bytes = readFileSync(file);
    const values = new Float64Array(bytes.buffer.slice(bytes.byteOffset + bytes.length - 300_000 * 8, bytes.byteOffset + bytes.length));
    assert.equal(values.length, 300_000);
    for (const i of [0, 1234, 299_999]) assert.equal(values[i], Math.sin(i / 1000));
    // verify reads every chunk of the shared store and checks it against its hash.
    const verify = await runChkptCli(['verify', '--store', URL_], { env: { ...env, XDG_CACHE_HOME: path.join(work, 'cache-verify') } });
    assert.equal(verify.code, 0, verify.stderr);
    assert.match(verify.stdout, /^ok: \d+ checkpoints, \d+ chunks .* all intact\n/);
  });

  it('gc of the shared store: under its cap nothing goes; over it the oldest checkpoints, then chunks none names once past the grace', async () => {
    const s3 = new S3Client({ endpoint: `http://127.0.0.1:${port}`, region: 'us-east-1', forcePathStyle: true, credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } });
    // A chunk a push in flight has sent, its checkpoint not yet.
    const orphan = `team/chkpt/chunks/ab/ab${'0'.repeat(30)}`;
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: orphan, Body: 'in flight' }));
    const gc = (...args: string[]) => runChkptCli(['gc', '--store', URL_, '--json', ...args], { env });
    const roomy = await gc('--max-store', '100M');
    assert.equal(roomy.code, 0, roomy.stderr);
    assert.deepEqual([JSON.parse(roomy.stdout).checkpointsDeleted, JSON.parse(roomy.stdout).chunksDeleted], [[], 0]);
    // A cap of 0: every checkpoint goes (the oldest first), whatever it names.
    const tight = await gc('--max-store', '0');
    assert.equal(tight.code, 0, tight.stderr);
    const report = JSON.parse(tight.stdout) as { checkpointsDeleted: string[]; chunksDeleted: number; bytesAfter: number };
    assert.ok(report.checkpointsDeleted.length >= 7, tight.stdout);
    // Every chunk is younger than the default grace (1 h): none is deleted yet, and no checkpoint is listed.
    assert.equal(report.chunksDeleted, 0);
    const ls = await runChkptCli(['ls', '--store', URL_, '--json'], { env: { ...env, XDG_CACHE_HOME: path.join(work, 'cache-gc') } });
    assert.deepEqual((JSON.parse(ls.stdout) as { checkpoints: number[] }[]).flatMap((r) => r.checkpoints), [], `${ls.stdout}\n${tight.stdout}`);
    const swept = await gc('--max-store', '0', '--grace', '0');
    const after = JSON.parse(swept.stdout) as { chunksDeleted: number; bytesAfter: number };
    assert.ok(after.chunksDeleted >= 2, swept.stdout);
    assert.equal(after.bytesAfter, 0);
    s3.destroy();
  });
});
