// Issues 4 and 10 benchmark: what capture costs with default settings (every
// data value salient, throw-site capture on), as ratios
// `chkpt run` / plain `node` measured in one run with repetitions (medians).
//   node --import tsx bench/capture-overhead.ts [rounds]
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { interleave, median, row, timeProcess } from './lib/stats.js';

const rounds = Number(process.argv[2] ?? 3);
const node = process.execPath;
const root = fileURLToPath(new URL('../', import.meta.url));
const chkpt = path.join(root, 'dist/cli/main.js');
const fixtures = path.join(root, 'bench/fixtures');
const store = mkdtempSync(path.join(tmpdir(), 'chkpt-bench-'));
const tsc = path.join(root, 'node_modules/typescript/lib/tsc.js');
const bigJs = path.join(root, 'node_modules/typescript/lib/typescript.js');
const markdown = path.join(store, 'big.md');
const docs = ['README.md', 'docs/FORMAT.md', 'docs/encoding.md', 'docs/API.md'].map((f) => readFileSync(path.join(root, f), 'utf8')).join('\n');
writeFileSync(markdown, docs.repeat(Math.ceil(4_000_000 / docs.length)));

const env = { ...process.env, CHKPT_HOME: store };
const wall = (args: string[]) => () => timeProcess(node, args, root).ms;
const inner = (args: string[]) => () => (JSON.parse(timeProcess(node, args, root).stdout) as { ms: number }).ms;
process.env['CHKPT_HOME'] = store;

function ratio(label: string, plain: () => number, under: () => number, target: number): string {
  const samples = interleave(rounds, { plain, under });
  const r = median(samples.under) / median(samples.plain);
  return row(`${label} (${median(samples.plain).toFixed(0)} ms plain)`, `${r.toFixed(3)}x`, `<= ${target}x`, r <= target);
}

const lines: string[] = [];
lines.push(ratio('tsc type-checking this project, wall', wall([tsc, '-p', 'tsconfig.json', '--noEmit']), wall([chkpt, 'run', tsc, '-p', 'tsconfig.json', '--noEmit']), 1.02));
lines.push(ratio('marked rendering 4 MB of markdown x5, compute', inner([path.join(fixtures, 'render-markdown.mjs'), markdown]), inner([chkpt, 'run', path.join(fixtures, 'render-markdown.mjs'), markdown]), 1.02));
lines.push(ratio('acorn parsing typescript.js (9 MB), compute', inner([path.join(fixtures, 'parse-js.mjs'), bigJs]), inner([chkpt, 'run', path.join(fixtures, 'parse-js.mjs'), bigJs]), 1.02));
lines.push(ratio('training script, 100 MB of typed arrays changing, compute', inner([path.join(fixtures, 'train-100mb.cjs'), '120']), inner([chkpt, 'run', path.join(fixtures, 'train-100mb.cjs'), '120']), 1.05));
// Ten checkpoints of a typed-array loop: the optimized code after each must stay as fast.
lines.push(ratio('typed-array loop with a checkpoint every 200 ms, compute', inner([path.join(fixtures, 'typed-loop.mjs')]), inner([chkpt, 'run', '-f', '200', path.join(fixtures, 'typed-loop.mjs')]), 1.05));
lines.push(ratio('100,000 exceptions thrown and caught, compute', inner([path.join(fixtures, 'throw-catch.cjs')]), inner([chkpt, 'run', path.join(fixtures, 'throw-catch.cjs')]), 1.10));
lines.push(ratio('100,000 exceptions with --no-throw-site, compute', inner([path.join(fixtures, 'throw-catch.cjs')]), inner([chkpt, 'run', '--no-throw-site', path.join(fixtures, 'throw-catch.cjs')]), 1.10));
// The stack guard of throw-site capture (preload/stack-guard.ts), charged to its 1% share.
lines.push(ratio('100,000 error stacks formatted, no throw, compute', inner([path.join(fixtures, 'format-stacks.cjs')]), inner([chkpt, 'run', path.join(fixtures, 'format-stacks.cjs')]), 1.10));

const pauses: number[] = [];
const copies: number[] = [];
for (let i = 0; i < rounds; i++) {
  const out = JSON.parse(timeProcess(node, [chkpt, 'run', '-f', '-1', '-o', path.join(store, `p${i}`), path.join(fixtures, 'pause-1gib.mjs')], root).stdout) as { copyMs: number; snapshotMs: number };
  pauses.push(out.snapshotMs);
  copies.push(out.copyMs);
  rmSync(path.join(store, `p${i}`), { recursive: true, force: true });
}
const pauseRatio = median(pauses) / median(copies);
lines.push(row(`pause of a 1 GiB checkpoint vs copying 1 GiB (${median(copies).toFixed(0)} ms)`, `${pauseRatio.toFixed(2)}x (${median(pauses).toFixed(0)} ms)`, '<= 1.5x', pauseRatio <= 1.5));

console.log(`chkpt run overhead with default settings (medians of ${rounds}; env CHKPT_HOME=${store})`);
for (const line of lines) console.log(line);
void env;
rmSync(store, { recursive: true, force: true });
