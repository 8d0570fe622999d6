// Soak of the pause loop, not a timed test: (1) one long busy job under
// frequent interval checkpoints, its resident memory at the start and the end
// (the pause loop must not leak); (2) many short runs of the capture fixtures,
// two at a time, each with a timeout, keeping the debug log of any run that
// outlives it (a hang).
//   node --import tsx bench/soak.ts [seconds] [runs]
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { row } from './lib/stats.js';

const seconds = Number(process.argv[2] ?? 30);
const runs = Number(process.argv[3] ?? 40);
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

// (1) Memory of a long job checkpointed every 50 ms (budget lifted).
const long = await run(['run', '-o', path.join(work, 'store-long'), '-f', '50', '--budget', '50', path.join(root, 'bench/fixtures/soak-loop.cjs'), String(seconds)], (seconds + 60) * 1000);
const samples = long.stdout.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as { t: number; rss: number });
const settle = samples.find((s) => s.t >= 3000) ?? samples[0];
const last = samples.at(-1);
const growth = settle && last ? last.rss / settle.rss : NaN;

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

console.log(`chkpt soak: a ${seconds} s job checkpointed every 50 ms; ${runs} short runs of the capture fixtures, two at a time`);
console.log(`  resident memory: ${((settle?.rss ?? 0) / 2 ** 20).toFixed(0)} MiB after 3 s, ${((last?.rss ?? 0) / 2 ** 20).toFixed(0)} MiB at the end`);
console.log(row(`resident memory, end / after 3 s (${samples.length} samples)`, `${growth.toFixed(3)}x`, '<= 1.10x', growth <= 1.1));
const longEnd = long.timedOut ? 'hung' : long.signal ?? `exit ${long.code}`;
console.log(row('how the long job ended', longEnd, 'exit 0', longEnd === 'exit 0'));
console.log(row('short runs that hung (killed after 60 s)', String(hangs), '0', hangs === 0));
console.log(row('short runs that ended otherwise than expected', String(failures), '0', failures === 0));
rmSync(work, { recursive: true, force: true });
