// Small statistics and timing helpers for benchmarks: medians and ratios
// over repeated, interleaved runs.
import { spawnSync } from 'node:child_process';

/** Median of a list of numbers. */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Wall time in ms of one run of `command args`; throws when it fails. */
export function timeProcess(command: string, args: string[], cwd?: string, env?: NodeJS.ProcessEnv): { ms: number; stdout: string } {
  const t0 = process.hrtime.bigint();
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], ...(env ? { env } : {}) });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${result.stderr}`);
  return { ms, stdout: result.stdout };
}

/** Runs each variant `rounds` times, interleaved so drift hits all alike; returns per-variant samples. */
export function interleave<K extends string>(rounds: number, variants: Record<K, () => number>): Record<K, number[]> {
  const samples = Object.fromEntries(Object.keys(variants).map((k) => [k, [] as number[]])) as Record<K, number[]>;
  for (let round = 0; round < rounds; round++) {
    for (const key of Object.keys(variants) as K[]) samples[key].push(variants[key]());
  }
  return samples;
}

/** Formats a figure with its target for the report table. */
export function row(label: string, figure: string, target: string, ok: boolean): string {
  return `${ok ? 'PASS' : 'MISS'}  ${label.padEnd(58)} ${figure.padEnd(26)} target ${target}`;
}
