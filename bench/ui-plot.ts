// Issue 14 benchmark: the plot of a value of 10 million float64s in `chkpt
// ui`: the server's time to answer (reading the stored array chunk by chunk,
// downsampling it and summarizing it) and the bytes sent, over real HTTP on
// 127.0.0.1. Targets: under 1 s of server time, under 2 MB sent.
//   node --import tsx bench/ui-plot.ts [rounds]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { open } from '../src/api/index.js';
import { encodeValue } from '../src/serialize/index.js';
import { openStore } from '../src/store/index.js';
import { startUi } from '../src/ui/server.js';
import { median, row } from './lib/stats.js';

const rounds = Number(process.argv[2] ?? 7);
const work = mkdtempSync(path.join(tmpdir(), 'chkpt-bench-ui-'));
const dir = path.join(work, 'store');
const N = 10_000_000;

const values = new Float64Array(N);
for (let i = 0; i < N; i++) values[i] = Math.sin(i / 1e5) + (i % 1000 === 0 ? 3 : 0) + Math.random() * 0.01;
const writer = openStore(dir, { autoGc: false });
const run = writer.beginRun({ script: path.join(work, 'big.mjs') });
writer.writeCheckpoint(run.id, { trigger: 'api', variables: [{ name: 'signal', scope: 'module', encoded: encodeValue(values, { path: 'signal' }) }] });
writer.close();

const store = await open(dir);
const ui = await startUi(store);
const base = new URL(ui.url);
const login = await fetch(ui.url, { redirect: 'manual' });
const cookie = login.headers.get('set-cookie')!.split(';')[0]!;

async function plot(): Promise<{ ms: number; bytes: number }> {
  const t0 = performance.now();
  const res = await fetch(`${base.origin}/api/value?ref=${run.id}@1&path=signal`, { headers: { cookie } });
  const body = new Uint8Array(await res.arrayBuffer());
  const ms = performance.now() - t0;
  if (res.status !== 200) throw new Error(`status ${res.status}`);
  const view = JSON.parse(Buffer.from(body).toString('utf8')) as { length: number; plot: { max: (number | null)[] } };
  if (view.length !== N || Math.max(...view.plot.max.map((v) => v ?? -Infinity)) < 3) throw new Error('wrong plot');
  return { ms, bytes: body.length };
}

const first = await plot();
const later: { ms: number; bytes: number }[] = [];
for (let r = 0; r < rounds; r++) later.push(await plot());
await ui.close();
store.close();
rmSync(work, { recursive: true, force: true });

const ms = median(later.map((x) => x.ms));
console.log(`chkpt ui: the plot of 10,000,000 float64s (${rounds} requests after the first; over HTTP on 127.0.0.1)`);
console.log(row('server time, first request', `${first.ms.toFixed(0)} ms`, '< 1000 ms', first.ms < 1000));
console.log(row('server time, median of the next', `${ms.toFixed(0)} ms`, '< 1000 ms', ms < 1000));
console.log(row('bytes sent', `${(first.bytes / 1024).toFixed(0)} KiB`, '< 2 MB', first.bytes < 2_000_000));
