// Issue 15 benchmark: a shared store on S3-compatible object storage (s3rver
// on 127.0.0.1, in a process of its own).
// 1. Sending a 256 MiB checkpoint (`chkpt push`'s code: HEAD and PUT per 4
//    MiB chunk, 4 at a time) against the AWS SDK's own multipart upload of the
//    same bytes as one object (lib-storage Upload), same server: throughput
//    ratio, target >= 0.8x.
// 2. Reading that checkpoint's 256 MiB array on a machine with a cold read
//    cache (open('s3://...') and readPart) against the SDK's GetObject of the
//    same bytes as one object (info: no target).
// 3. The training benchmark (100 MB of typed arrays changing, a checkpoint
//    every second) under `chkpt run --store s3://...`, its compute time
//    against plain node (target <= 1.05x, as with a local store) and against
//    `chkpt run` with a local store.
//   node --import tsx bench/remote.ts [rounds]
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CreateBucketCommand, GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { pushRuns } from '../src/remote/push.js';
import { RemoteStore } from '../src/remote/remote-store.js';
// The built reader, as the CLI runs it: from src/ under tsx, its fetch thread
// (a worker of a .ts file) never answered this thread.
import { openShared } from '../dist/remote/shared-reader.js';
import { encodeValue } from '../src/serialize/index.js';
import { openStore } from '../src/store/index.js';
import { interleave, median, row, timeProcess } from './lib/stats.js';

process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] = 'true';
const rounds = Number(process.argv[2] ?? 3);
const root = fileURLToPath(new URL('../', import.meta.url));
const work = mkdtempSync(path.join(tmpdir(), 'chkpt-bench-remote-'));
const BUCKET = 'chkpt-bench';

const server = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'bench/lib/s3-server.ts'), path.join(work, 's3')], { stdio: ['ignore', 'pipe', 'inherit'] });
const port = await new Promise<number>((resolve) => server.stdout!.once('data', (d: Buffer) => resolve((JSON.parse(String(d)) as { port: number }).port)));
const endpoint = `http://127.0.0.1:${port}`;
const credentials = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };
Object.assign(process.env, { CHKPT_S3_ENDPOINT: endpoint, AWS_ACCESS_KEY_ID: 'S3RVER', AWS_SECRET_ACCESS_KEY: 'S3RVER', AWS_REGION: 'us-east-1' });
const s3 = new S3Client({ endpoint, region: 'us-east-1', forcePathStyle: true, credentials });
await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));

// 1. Throughput.
const MIB = 1024 * 1024;
const values = new Float64Array(32 * MIB);
for (let i = 0; i < values.length; i++) values[i] = Math.random();
const store = openStore(path.join(work, 'store'), { autoGc: false });
const run = store.beginRun({ script: path.join(work, 'big.mjs') });
store.writeCheckpoint(run.id, { trigger: 'api', variables: [{ name: 'weights', scope: 'module', encoded: encodeValue(values, { path: 'weights' }) }] });
const bytes = Buffer.from(values.buffer);
let round = 0;
const push = async (): Promise<number> => {
  const remote = new RemoteStore(`s3://${BUCKET}/push-${round++}`);
  rmSync(path.join(store.dir, 'remote'), { recursive: true, force: true });
  const t0 = performance.now();
  const report = await pushRuns(store, remote);
  const ms = performance.now() - t0;
  remote.close();
  if (report.bytesSent < bytes.length) throw new Error('not all sent');
  return ms;
};
const upload = async (): Promise<number> => {
  const t0 = performance.now();
  await new Upload({ client: s3, params: { Bucket: BUCKET, Key: `sdk-${round++}`, Body: bytes } }).done();
  return performance.now() - t0;
};
const sent: Record<'push' | 'sdk', number[]> = { push: [], sdk: [] };
for (let r = 0; r < rounds; r++) {
  sent.sdk.push(await upload());
  sent.push.push(await push());
}
store.close();

// 2. Reading, cold.
const read: Record<'chkpt' | 'sdk', number[]> = { chkpt: [], sdk: [] };
for (let r = 0; r < rounds; r++) {
  let t0 = performance.now();
  const res = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: `sdk-${2 * r}` }));
  const whole = await res.Body!.transformToByteArray();
  read.sdk.push(performance.now() - t0);
  t0 = performance.now();
  const shared = await openShared(`s3://${BUCKET}/push-${2 * r + 1}`, { ...process.env, XDG_CACHE_HOME: path.join(work, `read-${r}`) });
  const cp = shared.store.checkpoints()[0]!;
  const part = shared.store.readPart(cp.id, 'weights', 0);
  read.chkpt.push(performance.now() - t0);
  shared.close();
  if (part.byteLength !== whole.byteLength) throw new Error('read sizes differ');
}
const mbps = (ms: number): number => bytes.length / MIB / (ms / 1000);

// 3. Training under chkpt run with a shared store.
const train = [path.join(root, 'bench/fixtures/train-100mb.cjs'), '120'];
const cli = path.join(root, 'dist/cli/main.js');
const inner = (args: string[], env: NodeJS.ProcessEnv = process.env) => () => (JSON.parse(timeProcess(process.execPath, args, root, env).stdout) as { ms: number }).ms;
const cache = path.join(work, 'cache');
const training = interleave(rounds, {
  node: inner(train),
  local: inner([cli, 'run', '-f', '1000', '-o', path.join(work, 'local'), ...train]),
  shared: inner([cli, 'run', '-f', '1000', '--store', `s3://${BUCKET}/training`, ...train], { ...process.env, XDG_CACHE_HOME: cache }),
});
server.kill();
s3.destroy();
rmSync(work, { recursive: true, force: true });

const ratio = mbps(median(sent.push)) / mbps(median(sent.sdk));
console.log(`shared store on s3rver (127.0.0.1), medians of ${rounds} interleaved rounds`);
console.log(row('sending 256 MiB: chkpt push vs the SDK\'s multipart Upload', `${ratio.toFixed(2)}x (${mbps(median(sent.push)).toFixed(0)} vs ${mbps(median(sent.sdk)).toFixed(0)} MiB/s)`, '>= 0.8x', ratio >= 0.8));
const readRatio = median(read.chkpt) / median(read.sdk);
console.log(row('reading it back, cold cache: open(s3://).readPart vs the SDK\'s GetObject (info)', `${readRatio.toFixed(2)}x (${mbps(median(read.chkpt)).toFixed(0)} vs ${mbps(median(read.sdk)).toFixed(0)} MiB/s)`, '(info)', true));
const shared = median(training.shared) / median(training.node);
console.log(row(`training (${median(training.node).toFixed(0)} ms plain), chkpt run --store s3:// / node`, `${shared.toFixed(3)}x`, '<= 1.05x', shared <= 1.05));
console.log(row('training, chkpt run -o <local dir> / node (info)', `${(median(training.local) / median(training.node)).toFixed(3)}x`, '(info)', true));
