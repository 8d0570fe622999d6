// `chkpt ls [run]`: the runs in the store, or the checkpoints of one run.
import path from 'node:path';
import { checkpointName } from '../../api/checkpoint-ref.js';
import type { ChkptStore } from '../../api/open.js';
import type { CheckpointInfo, RunInfo } from '../../store/index.js';
import { displayPath } from '../format/paths.js';
import { tableLines } from '../format/table.js';
import { bytesText, countText, durationText, plural, timeText } from '../format/units.js';
import { type JsonOption, type StoreOption, isoTime, print, printJson, style, withStore } from './common.js';

export type LsOptions = StoreOption & JsonOption;

/** How a run ended, in a word: `0`, `1`, `SIGINT`, `running`, `died`. */
export function exitText(run: RunInfo): string {
  if (run.damaged) return 'damaged';
  if (run.status === 'running') return run.alive === false ? 'died' : 'running';
  if (run.signal) return run.signal;
  return run.exitCode === undefined ? run.status : String(run.exitCode);
}

/** `train.ts:42 in step`, or `-`. */
export function locationText(cp: CheckpointInfo): string {
  const loc = cp.location;
  if (!loc) return '-';
  return `${displayPath(loc.file)}:${loc.line}${loc.function ? ` in ${loc.function}` : ''}`;
}

function runJson(run: RunInfo, cps: CheckpointInfo[]): Record<string, unknown> {
  return {
    id: run.id, script: run.script, argv: run.argv, cwd: run.cwd, nodeVersion: run.nodeVersion,
    startedAt: isoTime(run.startedAt), endedAt: isoTime(run.endedAt),
    durationMs: run.endedAt !== undefined ? run.endedAt - run.startedAt : null,
    status: run.status, exitCode: run.exitCode ?? null, signal: run.signal ?? null,
    ...(run.alive !== undefined ? { alive: run.alive } : {}),
    parentRunId: run.parentRunId ?? null,
    resumedFrom: run.resumedFrom ?? null,
    checkpoints: cps.length,
    bytesNew: cps.reduce((a, c) => a + c.bytesNew, 0),
    ...(run.damaged ? { damaged: run.damaged } : {}),
  };
}

function checkpointJson(cp: CheckpointInfo): Record<string, unknown> {
  return {
    ref: checkpointName(cp), n: cp.n, id: cp.id, time: isoTime(cp.time), trigger: cp.trigger, label: cp.label ?? null,
    status: cp.status, failure: cp.failure ?? null, location: cp.location ?? null, variables: cp.variableCount,
    bytesTotal: cp.bytesTotal, bytesNew: cp.bytesNew, skipped: cp.skipped.length,
    ...(cp.damaged ? { damaged: cp.damaged } : {}),
  };
}

function tookText(run: RunInfo): string {
  if (run.endedAt !== undefined) return durationText(run.endedAt - run.startedAt);
  return run.status === 'running' && run.alive !== false ? 'running' : '?';
}

function listRuns(store: ChkptStore, opts: LsOptions): void {
  const runs = store.runs().reverse();
  const byRun = new Map<string, CheckpointInfo[]>();
  for (const cp of store.checkpoints()) byRun.set(cp.runId, [...(byRun.get(cp.runId) ?? []), cp]);
  if (opts.json) return printJson(runs.map((r) => runJson(r, byRun.get(r.id) ?? [])));
  if (runs.length === 0) {
    process.stderr.write(`chkpt: the store at ${store.dir} has no runs yet: run a script with \`chkpt run <script>\`.\n`);
    return;
  }
  const s = style();
  // The lineage column only once some run resumed from a checkpoint.
  const lineage = runs.some((r) => r.resumedFrom !== undefined);
  const rows = runs.map((r) => {
    const cps = byRun.get(r.id) ?? [];
    return [
      r.id, `${r.parentRunId ? '↳ ' : ''}${displayPath(r.script)}`,
      r.argv.join(' '), timeText(r.startedAt), tookText(r), exitText(r), countText(cps.length), bytesText(cps.reduce((a, c) => a + c.bytesNew, 0)),
      ...(lineage ? [r.resumedFrom ?? ''] : []),
    ];
  });
  const lines = tableLines([
    { header: 'RUN' }, { header: 'SCRIPT', max: 40 }, { header: 'ARGS', max: 30 }, { header: 'STARTED' }, { header: 'TOOK', right: true },
    { header: 'EXIT', right: true }, { header: 'CKPTS', right: true }, { header: 'SIZE', right: true },
    ...(lineage ? [{ header: 'RESUMED FROM' }] : []),
  ], rows, s);
  if (s.tty) {
    const stats = store.stats();
    lines.push('', s.color.dim(`${plural(runs.length, 'run')}, ${plural(stats.checkpoints, 'checkpoint')} in ${displayPath(store.dir)}: ${bytesText(stats.bytes)} of ${bytesText(stats.maxBytes)}`));
  }
  print(lines);
}

function listCheckpoints(store: ChkptStore, ref: string, opts: LsOptions): void {
  const run = store.run(ref);
  const cps = store.checkpoints(run.id);
  if (opts.json) return printJson({ run: runJson(run, cps), checkpoints: cps.map(checkpointJson) });
  const s = style();
  const rows = cps.map((cp) => [
    String(cp.n), timeText(cp.time), cp.trigger, locationText(cp),
    countText(cp.variableCount), bytesText(cp.bytesTotal), bytesText(cp.bytesNew),
    cp.damaged ? `damaged: ${cp.damaged}` : cp.status === 'failed' ? `failed: ${cp.failure ?? '?'}` : (cp.label ?? ''),
  ]);
  const lines = tableLines([
    { header: 'N', right: true }, { header: 'TIME' }, { header: 'TRIGGER' }, { header: 'WHERE', max: 40 }, { header: 'VARS', right: true },
    { header: 'SIZE', right: true }, { header: 'NEW', right: true }, { header: 'NOTE', max: 40 },
  ], rows, s);
  if (s.tty) {
    const head = `${s.color.bold(`run ${run.id}`)}  ${path.basename(run.script)}${run.argv.length ? ` ${run.argv.join(' ')}` : ''}`;
    const facts = `started ${timeText(run.startedAt)}, took ${tookText(run)}, exit ${exitText(run)}, ${plural(cps.length, 'checkpoint')}`
      + (run.resumedFrom ? `, resumed from ${run.resumedFrom}` : '');
    lines.unshift(head, s.color.dim(facts), '');
    if (cps.length === 0) lines.push(s.color.dim('(no checkpoints)'));
  }
  print(lines);
}

/** Lists runs, or the checkpoints of the run `ref`. */
export async function lsCommand(ref: string | undefined, opts: LsOptions): Promise<void> {
  // A shared store: --store s3://..., or CHKPT_HOME=s3://... without --store.
  const remote = opts.store ?? (/^s3:\/\//i.test(process.env['CHKPT_HOME'] ?? '') ? process.env['CHKPT_HOME'] : undefined);
  if (remote !== undefined && /^s3:\/\//i.test(remote)) {
    const { lsRemote } = await import('./ls-remote.js');
    return lsRemote(remote, ref, opts);
  }
  await withStore(opts, (store) => (ref === undefined ? listRuns(store, opts) : listCheckpoints(store, ref, opts)));
}
