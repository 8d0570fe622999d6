// Issue 13 benchmark: resuming from a checkpoint holding a 1 GiB
// Float64Array. Time from `chkpt resume` to the first line of user code
// after the restore, against a script that reads the same bytes from one
// file (target <= 1.5x), and the resumed process's peak resident memory
// against the array's size (target <= 1.2x). Interleaved runs, medians;
// the page cache is warm for both (each reads what it read before).
//   node --import tsx bench/resume.ts [rounds]
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { open } from '../src/api/index.js';
import { median, row } from './lib/stats.js';

const rounds = Number(process.argv[2] ?? 5);
const root = fileURLToPath(new URL('../', import.meta.url));
const chkpt = path.join(root, 'bin/chkpt');
const fixtures = path.join(root, 'bench/fixtures');
const work = mkdtempSync(path.join(tmpdir(), 'chkpt-bench-resume-'));
const store = path.join(work, 'store');
const raw = path.join(work, 'weights.f64');
const ARRAY_BYTES = 1024 ** 3;
process.env['PATH'] = `${path.dirname(process.execPath)}${path.delimiter}${process.env['PATH'] ?? ''}`;
// The scripts import 'chkpt' from a project of their own.
mkdirSync(path.join(work, 'node_modules'));
symlinkSync(root, path.join(work, 'node_modules', 'chkpt'));

interface FirstLine { ms: number; length: number; maxRss: number }

/** Runs `command args` until its first stdout line; returns the time to it and what it said, then kills the process group. */
function firstLine(command: string, args: string[]): Promise<FirstLine> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(command, args, { cwd: work, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let out = '';
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d));
    child.stdout.on('data', (d: Buffer) => {
      out += d;
      const nl = out.indexOf('\n');
      if (nl < 0) return;
      const ms = performance.now() - t0;
      process.kill(-child.pid!, 'SIGKILL');
      const said = JSON.parse(out.slice(0, nl)) as { length: number; maxRss: number };
      resolve({ ms, ...said });
    });
    child.on('exit', (code) => {
      if (!out.includes('\n')) reject(new Error(`${command} ${args.join(' ')} ended (${code}) before its first line: ${err}`));
    });
  });
}

const script = path.join(fixtures, 'resume-1gib.mjs');
const made = spawn(chkpt, ['run', '-o', store, '--every', '-1', script, raw], { cwd: work, stdio: 'inherit' });
await new Promise<void>((resolve, reject) => made.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`making the checkpoint failed (${code})`)))));

// Named by run id: each resumed run is a run of the same script.
const opened = await open(store);
const ref = opened.checkpoint('resume-1gib@api').ref;
opened.close();
const resume = (): Promise<FirstLine> => firstLine(chkpt, ['resume', '--store', store, ref]);
const resumeRun = (): Promise<FirstLine> => firstLine(chkpt, ['run', '-o', store, '--resume', ref, script]);
const read = (): Promise<FirstLine> => firstLine(process.execPath, [path.join(fixtures, 'resume-read.mjs'), raw]);
const readTouch = (): Promise<FirstLine> => firstLine(process.execPath, [path.join(fixtures, 'resume-read.mjs'), raw, 'touch']);

const samples: Record<'read' | 'readTouch' | 'resume' | 'resumeRun', FirstLine[]> = { read: [], readTouch: [], resume: [], resumeRun: [] };
await read();
await resume();
for (let r = 0; r < rounds; r++) {
  samples.read.push(await read());
  samples.readTouch.push(await readTouch());
  samples.resume.push(await resume());
  samples.resumeRun.push(await resumeRun());
}
for (const s of Object.values(samples)) for (const x of s) if (x.length !== ARRAY_BYTES / 8) throw new Error(`restored ${x.length} items`);
const ms = (k: keyof typeof samples) => median(samples[k].map((x) => x.ms));
const rss = (k: keyof typeof samples) => median(samples[k].map((x) => x.maxRss)) / ARRAY_BYTES;
const ratio = ms('resume') / ms('read');
// `chkpt resume` runs the script from the cwd it ran in: the checkpoint's, here `work`.

console.log(`chkpt resume from 1 GiB of float64 (medians of ${rounds} interleaved runs; read from one file: ${ms('read').toFixed(0)} ms)`);
console.log(row('time to the first line after restore, vs reading one file', `${ratio.toFixed(2)}x (${ms('resume').toFixed(0)} ms)`, '<= 1.5x', ratio <= 1.5));
console.log(row('the same, vs reading one file and one pass over its bytes', `${(ms('resume') / ms('readTouch')).toFixed(2)}x (${ms('readTouch').toFixed(0)} ms)`, '(info)', true));
console.log(row('peak RSS of the resumed process / array size', `${rss('resume').toFixed(2)}x`, '<= 1.2x', rss('resume') <= 1.2));
console.log(row('the same with `chkpt run --resume`, vs one file', `${(ms('resumeRun') / ms('read')).toFixed(2)}x (${ms('resumeRun').toFixed(0)} ms)`, '(info)', true));
console.log(row('peak RSS of the baseline / array size', `${rss('read').toFixed(2)}x`, '(info)', true));
rmSync(work, { recursive: true, force: true });
