// Issues 2 and 12 benchmark: what `chkpt run` adds to a whole process, as the
// user feels it (`time chkpt run x` against `time node x`): the chkpt
// executable as installed (bin/chkpt), default settings, medians of
// interleaved runs in one run.
//   node --import tsx bench/run-startup.ts [rounds]
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { interleave, median, row, timeProcess } from './lib/stats.js';

const rounds = Number(process.argv[2] ?? 15);
const node = process.execPath;
const root = fileURLToPath(new URL('../', import.meta.url));
const chkpt = path.join(root, 'bin/chkpt');
const fixtures = path.join(root, 'bench/fixtures');
const tsxLoader = import.meta.resolve('tsx');
const tsxCli = fileURLToPath(import.meta.resolve('tsx/cli'));
const tsc = path.join(root, 'node_modules/typescript/lib/tsc.js');
const bigJs = path.join(root, 'node_modules/typescript/lib/typescript.js');

// A store of the benchmark's own, and bin/chkpt's `node` the one running this.
const work = mkdtempSync(path.join(tmpdir(), 'chkpt-bench-startup-'));
process.env['CHKPT_HOME'] = work;
process.env['PATH'] = `${path.dirname(node)}${path.delimiter}${process.env['PATH'] ?? ''}`;
const markdown = path.join(work, 'big.md');
const docs = ['README.md', 'docs/FORMAT.md', 'docs/encoding.md', 'docs/API.md'].map((f) => readFileSync(path.join(root, f), 'utf8')).join('\n');
writeFileSync(markdown, docs.repeat(Math.ceil(4_000_000 / docs.length)));

const plain = (args: string[], cwd = fixtures) => () => timeProcess(node, args, cwd).ms;
const under = (args: string[], cwd = fixtures) => () => timeProcess(chkpt, ['run', ...args], cwd).ms;

const startup = interleave(rounds, {
  node: plain(['hello.js']),
  chkptJs: under(['hello.js']),
  tsxLoader: plain(['--import', tsxLoader, 'hello.ts']),
  tsxCli: plain([tsxCli, 'hello.ts']),
  chkptTs: under(['hello.ts']),
});
const m = Object.fromEntries(Object.entries(startup).map(([k, v]) => [k, median(v as number[])])) as Record<keyof typeof startup, number>;

/** Whole-process wall ratio, chkpt run / node, of one program. */
function ratio(label: string, args: string[], target: number, cwd = root, times = Math.max(5, Math.round(rounds / 3))): string {
  const samples = interleave(times, { plain: plain(args, cwd), under: under(args, cwd) });
  const r = median(samples.under) / median(samples.plain);
  return row(`${label} (${median(samples.plain).toFixed(0)} ms plain)`, `${r.toFixed(3)}x (+${(median(samples.under) - median(samples.plain)).toFixed(0)} ms)`, `<= ${target}x`, r <= target);
}

const lines = [
  row('added startup, chkpt run hello.js vs node hello.js', `+${(m.chkptJs - m.node).toFixed(1)} ms (${(m.chkptJs / m.node).toFixed(2)}x)`, '<= +60 ms (stretch +30)', m.chkptJs - m.node <= 60),
  row('chkpt run hello.ts vs node --import tsx hello.ts', `+${(m.chkptTs - m.tsxLoader).toFixed(1)} ms`, '<= +60 ms', m.chkptTs - m.tsxLoader <= 60),
  row('chkpt run hello.ts vs tsx hello.ts (tsx CLI)', `${m.chkptTs >= m.tsxCli ? '+' : ''}${(m.chkptTs - m.tsxCli).toFixed(1)} ms`, '(info)', true),
  ratio('tsc type-checking this project, whole process', [tsc, '-p', 'tsconfig.json', '--noEmit'], 1.02),
  ratio('marked rendering 4 MB of markdown x5, whole process', [path.join(fixtures, 'render-markdown.mjs'), markdown], 1.02),
  ratio('acorn parsing typescript.js, whole process', [path.join(fixtures, 'parse-js.mjs'), bigJs], 1.02),
  ratio('CPU-bound loop (4e7 steps), whole process', [path.join(fixtures, 'cpu-bound.cjs'), '4e7'], 1.02),
  ratio('async script (timers, promises, 200 ms), whole process', [path.join(fixtures, 'async-ticks.mjs')], 1.1, fixtures, rounds),
];

console.log(`chkpt run, whole process (bin/chkpt, default settings; startup: medians of ${rounds} interleaved runs)`);
console.log(`  node hello.js ${m.node.toFixed(1)} ms | chkpt run hello.js ${m.chkptJs.toFixed(1)} ms`);
console.log(`  node --import tsx hello.ts ${m.tsxLoader.toFixed(1)} ms | tsx hello.ts ${m.tsxCli.toFixed(1)} ms | chkpt run hello.ts ${m.chkptTs.toFixed(1)} ms`);
for (const line of lines) console.log(line);
rmSync(work, { recursive: true, force: true });
