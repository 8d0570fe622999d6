// One measurement for bench/store-write.ts part 3, in its own process so one
// method's memory never pollutes the other's: build the state, then either
// encode and write it as a checkpoint, or take a V8 heap snapshot of it.
//   node --expose-gc --import tsx bench/lib/store-state-child.ts chkpt|snapshot <dir>
import fs from 'node:fs';
import path from 'node:path';
import v8 from 'node:v8';
import { encodeValue } from '../../src/serialize/index.js';
import { openStore } from '../../src/store/index.js';

const [mode, dir] = process.argv.slice(2) as ['chkpt' | 'snapshot', string];

/** Peak RSS in bytes since the last reset (VmHWM), or undefined where Linux's /proc is missing. */
function peakRss(): number | undefined {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync('/proc/self/status', 'utf8'));
    return m ? Number(m[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

function resetPeak(): boolean {
  try {
    fs.writeFileSync('/proc/self/clear_refs', '5'); // resets VmHWM to the current RSS
    return true;
  } catch {
    return false;
  }
}

// The state: a 512 MiB Float64Array, 1M small objects, a 1M-entry Map.
const field = new Float64Array(64 * 1024 * 1024);
for (let i = 0; i < field.length; i++) field[i] = Math.sin(i) * 1000;
const particles = Array.from({ length: 1_000_000 }, (_, i) => ({ id: i, x: i * 0.5, y: -i, name: `p${i}` }));
const index = new Map<string, number>();
for (let i = 0; i < 1_000_000; i++) index.set(`key${i}`, i);

(globalThis as { gc?: () => void }).gc?.();
const rssBefore = process.memoryUsage().rss;
const peakReset = resetPeak();
const t0 = process.hrtime.bigint();
let bytes = 0;
let encodeMs = 0;
if (mode === 'chkpt') {
  const store = openStore(path.join(dir, 'store'), { maxBytes: '100G' });
  const run = store.beginRun({ script: 'bench-state.ts' });
  const variables = Object.entries({ field, particles, index }).map(([name, value]) => ({
    name, scope: 'module' as const, encoded: encodeValue(value, { path: name }),
  }));
  encodeMs = Number(process.hrtime.bigint() - t0) / 1e6;
  bytes = store.writeCheckpoint(run.id, { trigger: 'api', variables }).bytesTotal;
  store.close();
} else {
  const file = v8.writeHeapSnapshot(path.join(dir, 'state.heapsnapshot'));
  bytes = fs.statSync(file).size;
}
const ms = Number(process.hrtime.bigint() - t0) / 1e6;
const peak = peakReset ? peakRss() : process.resourceUsage().maxRSS * 1024;
process.stdout.write(JSON.stringify({ mode, ms, encodeMs, rssBefore, peak, bytes, keep: field.length + particles.length + index.size }) + '\n');
