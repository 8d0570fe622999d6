// Issue 3 benchmark: the store's write cost, as ratios measured in one run
// with repetitions (medians).
//   node --import tsx bench/store-write.ts [reps]
// 1. A 1 GiB set of typed arrays as a first checkpoint into a fresh store vs
//    fs.writeFileSync + fsync of the same bytes (target <= 1.5x).
// 2. A second checkpoint of the same unchanged data (target: 0 chunk bytes,
//    <= 0.2x the first's time).
// 3. A 512 MiB Float64Array + 1M small objects + a 1M-entry Map, encoded and
//    written, vs v8.writeHeapSnapshot() (target >= 10x faster, peak RSS <=
//    1.3x the process's RSS before), each in its own child process.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { encodeValue } from '../src/serialize/index.js';
import { openStore } from '../src/store/index.js';
import { median, row } from './lib/stats.js';

const reps = Number(process.argv[2] ?? 5);
const here = path.dirname(fileURLToPath(import.meta.url));
const tmp = path.join(here, '..', '.bench-tmp', `store-write-${process.pid}`);
const GiB = 1024 ** 3;
const MiB = 1024 ** 2;
fs.mkdirSync(tmp, { recursive: true });
process.on('exit', () => fs.rmSync(tmp, { recursive: true, force: true }));

const ms = (t0: bigint): number => Number(process.hrtime.bigint() - t0) / 1e6;

// 1 GiB in four arrays of random bits (no chunk repeats, nothing to dedup).
const arrays = [0, 1, 2, 3].map((k) => {
  const a = new Float64Array(GiB / 4 / 8);
  const u = new Uint32Array(a.buffer);
  let x = 0x9e3779b9 ^ (k + 1);
  for (let i = 0; i < u.length; i++) {
    x ^= x << 13; x ^= x >>> 17; x ^= x << 5;
    u[i] = x >>> 0;
  }
  return a;
});

function baseline(dir: string): number {
  const t0 = process.hrtime.bigint();
  arrays.forEach((a, i) => {
    const file = path.join(dir, `array${i}.bin`);
    fs.writeFileSync(file, a);
    const fd = fs.openSync(file, 'r+');
    fs.fsyncSync(fd);
    fs.closeSync(fd);
  });
  return ms(t0);
}

const samples = { baseline: [] as number[], first: [] as number[], second: [] as number[], open: [] as number[], secondBytes: [] as number[] };
for (let r = 0; r < reps; r++) {
  const order = r % 2 === 0 ? ['baseline', 'store'] : ['store', 'baseline'];
  for (const what of order) {
    const dir = path.join(tmp, `${what}-${r}`);
    fs.mkdirSync(dir, { recursive: true });
    if (what === 'baseline') {
      samples.baseline.push(baseline(dir));
    } else {
      let t0 = process.hrtime.bigint();
      const store = openStore(path.join(dir, 'store'), { maxBytes: '100G' });
      const run = store.beginRun({ script: 'bench.ts' });
      samples.open.push(ms(t0));
      const variables = () => arrays.map((a, i) => ({ name: `array${i}`, scope: 'module' as const, encoded: encodeValue(a) }));
      t0 = process.hrtime.bigint();
      const first = store.writeCheckpoint(run.id, { trigger: 'interval', variables: variables() });
      samples.first.push(ms(t0));
      if (first.bytesNew < GiB) throw new Error(`first checkpoint wrote only ${first.bytesNew} bytes`);
      t0 = process.hrtime.bigint();
      const second = store.writeCheckpoint(run.id, { trigger: 'interval', variables: variables() });
      samples.second.push(ms(t0));
      samples.secondBytes.push(second.bytesNew);
      store.close();
    }
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const m = { baseline: median(samples.baseline), first: median(samples.first), second: median(samples.second), open: median(samples.open) };
const r1 = m.first / m.baseline;
const r2 = m.second / m.first;
const maxSecondBytes = Math.max(...samples.secondBytes);
console.log(`store write benchmark (medians of ${reps} interleaved repetitions)`);
console.log(`  1 GiB, writeFileSync + fsync: ${m.baseline.toFixed(0)} ms (${(1000 / m.baseline).toFixed(2)} GiB/s)`);
console.log(`  1 GiB, first checkpoint:      ${m.first.toFixed(0)} ms (${(1000 / m.first).toFixed(2)} GiB/s); openStore + beginRun ${m.open.toFixed(1)} ms`);
console.log(`  1 GiB, unchanged second:      ${m.second.toFixed(0)} ms, ${maxSecondBytes} chunk bytes written (max over reps)`);
console.log(row('first checkpoint / writeFileSync + fsync', `${r1.toFixed(2)}x`, '<= 1.5x', r1 <= 1.5));
console.log(row('second unchanged checkpoint: chunk bytes written', `${maxSecondBytes} B`, '0 B', maxSecondBytes === 0));
console.log(row('second unchanged checkpoint / first checkpoint', `${r2.toFixed(3)}x`, '<= 0.2x', r2 <= 0.2));

// Part 3, in child processes.
const stateReps = Math.max(3, Math.min(reps, 3));
const child = (mode: 'chkpt' | 'snapshot'): { ms: number; encodeMs: number; rssBefore: number; peak: number; bytes: number } => {
  const dir = path.join(tmp, `${mode}-state`);
  fs.mkdirSync(dir, { recursive: true });
  const res = spawnSync(process.execPath, ['--expose-gc', '--max-old-space-size=8192', '--import', 'tsx', path.join(here, 'lib', 'store-state-child.ts'), mode, dir], {
    encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'],
  });
  fs.rmSync(dir, { recursive: true, force: true });
  if (res.status !== 0) throw new Error(`${mode} child failed (${res.status ?? res.signal})`);
  return JSON.parse(res.stdout.trim().split('\n').at(-1)!);
};
const state = { chkpt: [] as ReturnType<typeof child>[], snapshot: [] as ReturnType<typeof child>[] };
for (let r = 0; r < stateReps; r++) {
  state.chkpt.push(child('chkpt'));
  state.snapshot.push(child('snapshot'));
}
const med = (xs: ReturnType<typeof child>[], f: (x: ReturnType<typeof child>) => number): number => median(xs.map(f));
const chkptMs = med(state.chkpt, (x) => x.ms);
const snapMs = med(state.snapshot, (x) => x.ms);
const chkptRss = med(state.chkpt, (x) => x.peak / x.rssBefore);
const snapRss = med(state.snapshot, (x) => x.peak / x.rssBefore);
console.log(`state of 512 MiB Float64Array + 1M objects + 1M-entry Map (medians of ${stateReps}, one child process each)`);
console.log(`  encode + checkpoint: ${chkptMs.toFixed(0)} ms (encodeValue ${med(state.chkpt, (x) => x.encodeMs).toFixed(0)} ms), ${(med(state.chkpt, (x) => x.bytes) / MiB).toFixed(0)} MiB stored, ` +
  `RSS before ${(med(state.chkpt, (x) => x.rssBefore) / MiB).toFixed(0)} MiB, peak ${(med(state.chkpt, (x) => x.peak) / MiB).toFixed(0)} MiB`);
console.log(`  v8.writeHeapSnapshot: ${snapMs.toFixed(0)} ms, ${(med(state.snapshot, (x) => x.bytes) / MiB).toFixed(0)} MiB file, ` +
  `RSS before ${(med(state.snapshot, (x) => x.rssBefore) / MiB).toFixed(0)} MiB, peak ${(med(state.snapshot, (x) => x.peak) / MiB).toFixed(0)} MiB (${snapRss.toFixed(2)}x)`);
console.log(row('heap snapshot time / checkpoint time', `${(snapMs / chkptMs).toFixed(1)}x faster`, '>= 10x', snapMs / chkptMs >= 10));
console.log(row('checkpoint peak RSS / RSS before', `${chkptRss.toFixed(2)}x`, '<= 1.3x', chkptRss <= 1.3));
