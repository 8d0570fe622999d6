// `chkpt verify [checkpoint...]`: re-hash every chunk and check every index
// record; report damage per checkpoint and variable; exit 1 when any.
import type { VerifyReport } from '../../store/index.js';
import { bytesText, countText, durationText, plural } from '../format/units.js';
import { type JsonOption, type StoreOption, print, printJson, style, withStore } from './common.js';

export type VerifyOptions = StoreOption & JsonOption;

function damageLines(report: VerifyReport): string[] {
  const lines = report.index.map((p) => `index: ${p.message}`);
  for (const cp of report.checkpoints) {
    if (cp.ok) continue;
    const ref = `${cp.runId}@${cp.n}`;
    for (const p of cp.problems) lines.push(`${ref}: ${p.message}`);
    for (const v of cp.variables) for (const p of v.problems) lines.push(`${ref} ${v.name}: ${p.message}`);
  }
  return lines;
}

/** Verifies the store (or some checkpoints) and sets exit status 1 on damage. */
export async function verifyCommand(refs: string[], opts: VerifyOptions): Promise<void> {
  await withStore(opts, (store) => {
    const ids = refs.length > 0 ? refs.map((r) => store.checkpoint(r).info.id) : undefined;
    const started = performance.now();
    const report = store.verify(ids ? { checkpointIds: ids } : {});
    const ms = performance.now() - started;
    if (!report.ok) process.exitCode = 1;
    if (opts.json) return printJson({ dir: store.dir, ...report, ms: Math.round(ms) });
    const s = style();
    const checked = `${plural(report.checkpoints.length, 'checkpoint')}, ${plural(report.chunksChecked, 'chunk')} (${bytesText(report.bytesChecked)}) in ${durationText(ms)}`;
    if (report.ok) return print([`${s.color.green('ok')}: ${checked}, all intact`]);
    const bad = report.checkpoints.filter((c) => !c.ok);
    const badVars = bad.reduce((a, c) => a + c.variables.filter((v) => !v.ok).length, 0);
    print([
      ...damageLines(report).map((l) => `${s.color.red('damaged')} ${l}`),
      `${s.color.red('DAMAGED')}: ${countText(bad.length)} of ${checked}; ${plural(badVars, 'variable')} cannot be read back`
        + (report.index.length > 0 ? `, ${plural(report.index.length, 'index problem')}` : '')
        + '. The other variables still load.',
    ]);
  });
}
