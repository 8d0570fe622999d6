// Pauses a user feels, measured from `chkpt run -v` with default settings
// unless said otherwise, each figure as a ratio against a baseline taken in
// the same process:
//   1. the worst main-thread pause over an ETL job's checkpoints (500,000
//      records and a 200,000-entry Map) against v8.serialize of the same data;
//   2. the first interval checkpoint's pause with 1 GiB of typed arrays
//      against a copy of the same bytes into an already-touched buffer;
//   3. how often a 4 s loop over 72 MiB gets an interval checkpoint with
//      `-f 300` and the default budget.
//   node --import tsx bench/pause.ts [rounds]
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { median, row } from './lib/stats.js';

const rounds = Number(process.argv[2] ?? 3);
const root = fileURLToPath(new URL('../', import.meta.url));
const chkpt = path.join(root, 'dist/cli/main.js');
const fixtures = path.join(root, 'bench/fixtures');
const store = mkdtempSync(path.join(tmpdir(), 'chkpt-bench-pause-'));

interface Checkpoint { n: number; trigger: string; pauseMs: number; at: number }
interface Run { stdout: string; checkpoints: Checkpoint[] }

/** Runs `chkpt run -v ...`, noting each checkpoint line of stderr with the time it arrived. */
function runVerbose(args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [chkpt, 'run', '-v', '-o', path.join(store, String(Math.random()).slice(2)), ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    const t0 = performance.now();
    let stdout = '';
    let pending = '';
    const checkpoints: Checkpoint[] = [];
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => {
      pending += d.toString();
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        const m = /^chkpt: checkpoint (\d+) \((\w+)\).*paused ([\d.]+) ms/.exec(line);
        if (m) checkpoints.push({ n: Number(m[1]), trigger: m[2]!, pauseMs: Number(m[3]), at: performance.now() - t0 });
      }
    });
    child.on('close', (code) => (code === 0 ? resolve({ stdout, checkpoints }) : reject(new Error(`chkpt run ${args.join(' ')} ended ${code}`))));
  });
}

const lines: string[] = [];

// 1. Object graphs: worst pause over the run (first interval, later intervals, exit) / v8.serialize.
const worst: number[] = [];
const firsts: number[] = [];
const laters: number[] = [];
const v8Times: number[] = [];
for (let i = 0; i < rounds; i++) {
  const run = await runVerbose(['-f', '2000', path.join(fixtures, 'etl-records.mjs'), '7']);
  const { v8SerializeMs } = JSON.parse(run.stdout.trim().split('\n').at(-1)!) as { v8SerializeMs: number };
  v8Times.push(v8SerializeMs);
  worst.push(Math.max(...run.checkpoints.map((c) => c.pauseMs)) / v8SerializeMs);
  const intervals = run.checkpoints.filter((c) => c.trigger === 'interval');
  if (intervals[0]) firsts.push(intervals[0].pauseMs / v8SerializeMs);
  for (const c of intervals.slice(1)) laters.push(c.pauseMs / v8SerializeMs);
}
const worstRatio = median(worst);
lines.push(row(`worst pause, 500k records + 200k Map / v8.serialize (${median(v8Times).toFixed(0)} ms)`, `${worstRatio.toFixed(2)}x (max ${Math.max(...worst).toFixed(2)}x)`, '<= 1.0x', worstRatio <= 1));
lines.push(row('  first interval checkpoint / v8.serialize', `${median(firsts).toFixed(2)}x`, 'info', true));
lines.push(row('  later interval checkpoints / v8.serialize', laters.length ? `${median(laters).toFixed(2)}x` : 'none', 'info', true));

// 2. The first checkpoint of 1 GiB of typed arrays / copying 1 GiB into a touched buffer.
const gib: number[] = [];
let copyMs = 0;
for (let i = 0; i < Math.max(1, Math.min(rounds, 2)); i++) {
  const run = await runVerbose([path.join(fixtures, 'first-pause-1gib.mjs'), '20']);
  copyMs = (JSON.parse(run.stdout.trim()) as { copyMs: number }).copyMs;
  const first = run.checkpoints.find((c) => c.trigger === 'interval');
  if (first) gib.push(first.pauseMs / copyMs);
}
const gibRatio = gib.length ? median(gib) : NaN;
lines.push(row(`first checkpoint pause, 1 GiB / copy into touched (${copyMs.toFixed(0)} ms)`, `${gibRatio.toFixed(2)}x`, '<= 1.5x', gibRatio <= 1.5));

// 3. Interval checkpoints of a 4 s loop over 72 MiB with -f 300.
const gaps: number[] = [];
const counts: number[] = [];
for (let i = 0; i < rounds; i++) {
  const run = await runVerbose(['-f', '300', path.join(fixtures, 'loop-72mib.mjs'), '4000']);
  const at = run.checkpoints.filter((c) => c.trigger === 'interval').map((c) => c.at);
  counts.push(at.length);
  let gap = 0;
  for (let k = 1; k < at.length; k++) gap = Math.max(gap, at[k]! - at[k - 1]!);
  gaps.push(at.length >= 2 ? gap : Infinity);
}
const worstGap = Math.max(...gaps);
lines.push(row('72 MiB loop, -f 300: longest gap between interval checkpoints', `${(worstGap / 1000).toFixed(2)} s (${counts.join(', ')} checkpoints)`, '<= 1.5 s', worstGap <= 1500));

console.log(`chkpt pause benchmark: ${rounds} rounds, interleaved per figure; ratios against baselines measured in the same process`);
for (const line of lines) console.log(line);
rmSync(store, { recursive: true, force: true });
