// Soak of the pause loop, not a timed test: (1) long busy jobs under frequent
// interval checkpoints, two at a time, counting how each ended (a segmentation
// fault at exit, a hang) and its resident memory at the start and the end (the
// pause loop must not leak); (2) many short runs of the capture fixtures, two
// at a time, each with a timeout, keeping the debug log of any run that
// outlives it (a hang).
//   node --import tsx bench/soak.ts [seconds] [runs] [long runs]
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { row } from './lib/stats.js';

const seconds = Number(process.argv[2] ?? 30);
const runs = Number(process.argv[3] ?? 40);
const longRuns = Number(process.argv[4] ?? 1);
const root = fileURLToPath(new URL('../', import.meta.url));
const chkpt = path.join(root, 'dist/cli/main.js');
const work = mkdtempSync(path.join(tmpdir(), 'chkpt-soak-'));
cpSync(path.join(root, 'test/fixtures/capture'), work, { recursive: true });

interface Outcome { code: number | null; signal: string | null; stdout: string; stderr: string; timedOut: boolean }

function run(args: string[], timeoutMs: number, env: NodeJS.ProcessEnv = {}): Promise<Outcome> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [chkpt, ...args], { cwd: work, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, timedOut });
    });
  });
}

// (1) Long jobs checkpointed every 50 ms (budget lifted), two at a time.
interface LongEnd { end: string; growth: number; samples: number }
async function longJob(k: number): Promise<LongEnd> {
  const store = path.join(work, `store-long-${k}`);
  const outcome = await run(['run', '-o', store, '-f', '50', '--budget', '50', path.join(root, 'bench/fixtures/soak-loop.cjs'), String(seconds)], (seconds + 60) * 1000, { CHKPT_DEBUG: '1' });
  rmSync(store, { recursive: true, force: true });
  const samples = outcome.stdout.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as { t: number; rss: number });
  const settle = samples.find((s) => s.t >= 3000) ?? samples[0];
  const last = samples.at(-1);
  const end = outcome.timedOut ? 'hung' : outcome.signal ?? (outcome.code === 139 ? 'SIGSEGV' : `exit ${outcome.code}`);
  if (end !== 'exit 0') {
    const log = path.join(tmpdir(), `chkpt-soak-long-${process.pid}-${k}.log`);
    writeFileSync(log, outcome.stderr);
    console.log(`long run ${k} ended ${end}; its debug log: ${log}`);
  }
  return { end, growth: settle && last ? last.rss / settle.rss : NaN, samples: samples.length };
}
const longEnds: LongEnd[] = [];
for (let i = 0; i < longRuns; i += 2) {
  longEnds.push(...(await Promise.all([i, i + 1].filter((k) => k < longRuns).map(longJob))));
}
const count = (end: string): number => longEnds.filter((e) => e.end === end).length;
const growths = longEnds.map((e) => e.growth).filter(Number.isFinite).sort((a, b) => a - b);
const growth = growths.at(-1) ?? NaN;

// (2) Short runs, two at a time.
const fixtures = [['busy.mjs', '-f', '100'], ['typed.ts', '-f', '150', '--budget', '50'], ['threads.mjs', '-f', '100'], ['nested.mjs'], ['crash-late.mjs', '-f', '100']];
let hangs = 0;
let failures = 0;
for (let i = 0; i < runs; i += 2) {
  const batch = [i, i + 1].filter((k) => k < runs).map(async (k) => {
    const [script, ...options] = fixtures[k % fixtures.length]!;
    const outcome = await run(['run', '-o', path.join(work, `store-${k}`), ...options, script!], 60_000, { CHKPT_DEBUG: '1' });
    if (outcome.timedOut) {
      hangs += 1;
      const log = path.join(tmpdir(), `chkpt-soak-hang-${process.pid}-${k}.log`);
      writeFileSync(log, outcome.stderr);
      console.log(`run ${k} (${script}) outlived 60 s; its debug log: ${log}`);
    } else if (outcome.signal !== null || (outcome.code !== 0 && !script!.startsWith('crash'))) {
      failures += 1;
      console.log(`run ${k} (${script}) ended ${outcome.code ?? outcome.signal}: ${outcome.stderr.slice(-300)}`);
    }
  });
  await Promise.all(batch);
  rmSync(path.join(work, `store-${i}`), { recursive: true, force: true });
  rmSync(path.join(work, `store-${i + 1}`), { recursive: true, force: true });
}

console.log(`chkpt soak: ${longRuns} jobs of ${seconds} s checkpointed every 50 ms, two at a time; ${runs} short runs of the capture fixtures, two at a time`);
console.log(`  resident memory, end / after 3 s, per long job: ${growths.map((g) => g.toFixed(3)).join(' ')}`);
console.log(row('resident memory, end / after 3 s, worst long job', `${growth.toFixed(3)}x`, '<= 1.10x', growth <= 1.1));
const segfaults = count('SIGSEGV');
const longHangs = count('hung');
const clean = count('exit 0');
console.log(row('long jobs that ended with a segmentation fault', String(segfaults), '0', segfaults === 0));
console.log(row('long jobs that hung (killed 60 s after their end)', String(longHangs), '0', longHangs === 0));
console.log(row('long jobs that ended otherwise', String(longRuns - clean - segfaults - longHangs), '0', clean + segfaults + longHangs === longRuns));
console.log(row('short runs that hung (killed after 60 s)', String(hangs), '0', hangs === 0));
console.log(row('short runs that ended otherwise than expected', String(failures), '0', failures === 0));
rmSync(work, { recursive: true, force: true });
