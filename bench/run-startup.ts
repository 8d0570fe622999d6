// Issue 2 benchmark: startup and steady-state cost of `chkpt run`, as ratios
// and differences measured in one run with repetitions (medians).
//   node --import tsx bench/run-startup.ts [rounds]
import { fileURLToPath } from 'node:url';
import { interleave, median, row, timeProcess } from './lib/stats.js';

const rounds = Number(process.argv[2] ?? 15);
const node = process.execPath;
const chkpt = fileURLToPath(new URL('../dist/cli/main.js', import.meta.url));
const fixtures = fileURLToPath(new URL('./fixtures/', import.meta.url));
const tsxLoader = import.meta.resolve('tsx');
const tsxCli = fileURLToPath(import.meta.resolve('tsx/cli'));

const wall = (args: string[]) => () => timeProcess(node, args, fixtures).ms;
const startup = interleave(rounds, {
  node: wall(['hello.js']),
  chkptJs: wall([chkpt, 'run', 'hello.js']),
  tsxLoader: wall(['--import', tsxLoader, 'hello.ts']),
  tsxCli: wall([tsxCli, 'hello.ts']),
  chkptTs: wall([chkpt, 'run', 'hello.ts']),
});

const compute = (args: string[]) => () => (JSON.parse(timeProcess(node, args, fixtures).stdout) as { ms: number }).ms;
const cpuRounds = Math.max(5, Math.round(rounds / 2));
const cpu = interleave(cpuRounds, {
  node: compute(['cpu-bound.cjs', '4e7']),
  chkpt: compute([chkpt, 'run', 'cpu-bound.cjs', '4e7']),
});
const cpuWall = interleave(cpuRounds, {
  node: wall(['cpu-bound.cjs', '4e7']),
  chkpt: wall([chkpt, 'run', 'cpu-bound.cjs', '4e7']),
});

const m = Object.fromEntries(Object.entries(startup).map(([k, v]) => [k, median(v as number[])])) as Record<keyof typeof startup, number>;
const addedJs = m.chkptJs - m.node;
const addedTsLoader = m.chkptTs - m.tsxLoader;
const addedTsCli = m.chkptTs - m.tsxCli;
const cpuRatio = median(cpu.chkpt) / median(cpu.node);
const cpuWallRatio = median(cpuWall.chkpt) / median(cpuWall.node);

console.log(`chkpt run startup and overhead (medians of ${rounds} interleaved runs; CPU: ${cpuRounds})`);
console.log(`  node hello.js ${m.node.toFixed(1)} ms | chkpt run hello.js ${m.chkptJs.toFixed(1)} ms`);
console.log(`  node --import tsx hello.ts ${m.tsxLoader.toFixed(1)} ms | tsx hello.ts ${m.tsxCli.toFixed(1)} ms | chkpt run hello.ts ${m.chkptTs.toFixed(1)} ms`);
console.log(`  cpu-bound compute: node ${median(cpu.node).toFixed(0)} ms | chkpt ${median(cpu.chkpt).toFixed(0)} ms`);
console.log(row('added startup, chkpt run hello.js vs node hello.js', `+${addedJs.toFixed(1)} ms (${(m.chkptJs / m.node).toFixed(2)}x)`, '<= +150 ms', addedJs <= 150));
console.log(row('chkpt run hello.ts vs node --import tsx hello.ts', `+${addedTsLoader.toFixed(1)} ms`, '<= +50 ms', addedTsLoader <= 50));
console.log(row('chkpt run hello.ts vs tsx hello.ts (tsx CLI)', `${addedTsCli >= 0 ? '+' : ''}${addedTsCli.toFixed(1)} ms`, '<= +50 ms', addedTsCli <= 50));
console.log(row('CPU-bound compute time ratio, chkpt run / node', `${cpuRatio.toFixed(3)}x`, '<= 1.01x', cpuRatio <= 1.01));
console.log(row('CPU-bound whole-process wall ratio (incl. startup)', `${cpuWallRatio.toFixed(3)}x`, '(info)', true));
