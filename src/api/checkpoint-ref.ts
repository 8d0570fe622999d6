// Naming a checkpoint: `latest` (the newest in the store), `crash` (the
// newest crash), `<run>` (its newest), `<run>@<n>`, `<run>@-1` (counting from
// the end), `<run>@latest`, `<run>@crash` or any other trigger, `@<n>` (of the
// latest run). A run is named as in run-ref.ts.
import { ChkptError, ErrorCode } from '../shared/errors.js';
import type { Trigger } from '../shared/encoded.js';
import type { CheckpointInfo, RunInfo, Store } from '../store/index.js';
import { emptyStoreError, resolveRun, runLabel } from './run-ref.js';

const TRIGGERS: readonly Trigger[] = ['interval', 'api', 'crash', 'signal', 'exit', 'request'];

/** The syntax, for error messages. */
export const CHECKPOINT_REF_HELP = '`latest`, `crash`, `<run>`, `<run>@<n>`, `<run>@-1`, `<run>@latest` or `<run>@crash` (a run is an id prefix, a script name, or `train.ts~1` for the run before the latest)';

/** `<run id>@<n>`: the canonical name of a checkpoint. */
export function checkpointName(cp: Pick<CheckpointInfo, 'runId' | 'n'>): string {
  return `${cp.runId}@${cp.n}`;
}

function newestOk(list: CheckpointInfo[], trigger?: string): CheckpointInfo | undefined {
  for (let i = list.length - 1; i >= 0; i--) {
    const cp = list[i]!;
    if (cp.status === 'ok' && !cp.damaged && (trigger === undefined || cp.trigger === trigger)) return cp;
  }
  return undefined;
}

function summary(list: CheckpointInfo[]): string {
  if (list.length === 0) return 'it has no checkpoints';
  const shown = list.slice(-6).map((c) => `${c.n} ${c.trigger}${c.status === 'ok' ? '' : ' (failed)'}`);
  return `its checkpoints: ${list.length > 6 ? '..., ' : ''}${shown.join(', ')}`;
}

function inRun(store: Store, run: RunInfo, selector: string): CheckpointInfo {
  const list = store.checkpoints({ runId: run.id }).sort((a, b) => a.n - b.n);
  const where = runLabel(run);
  if (/^-?\d+$/.test(selector)) {
    const k = Number(selector);
    const found = k > 0 ? list.find((c) => c.n === k) : k < 0 ? list[list.length + k] : undefined;
    if (found) return found;
    throw new ChkptError(ErrorCode.NOT_FOUND, `Run ${where} has no checkpoint ${selector}; ${summary(list)}.`, {
      run: run.id, selector, candidates: list.map((c) => c.n),
    });
  }
  if (selector === 'latest' || selector === '' || (TRIGGERS as readonly string[]).includes(selector)) {
    const found = newestOk(list, selector === 'latest' || selector === '' ? undefined : selector);
    if (found) return found;
    const what = selector === 'latest' || selector === '' ? 'readable checkpoint' : `${selector} checkpoint`;
    throw new ChkptError(ErrorCode.NOT_FOUND, `Run ${where} has no ${what}; ${summary(list)}.`, {
      run: run.id, selector, candidates: list.map((c) => c.n),
    });
  }
  throw new ChkptError(ErrorCode.BAD_OPTION, `\`@${selector}\` is not a checkpoint: use a number, a negative number from the end, latest, or a trigger (${TRIGGERS.join(', ')}).`, {
    selector,
  });
}

/** Resolves a checkpoint reference; NOT_FOUND, AMBIGUOUS or BAD_OPTION with a one-line message. */
export function resolveCheckpoint(store: Store, ref: string, cwd = process.cwd()): CheckpointInfo {
  const word = ref.trim();
  if (word === '') throw new ChkptError(ErrorCode.BAD_OPTION, `Expected a checkpoint: ${CHECKPOINT_REF_HELP}.`, { ref });
  if (word === 'latest' || word === 'crash') {
    const all = store.checkpoints();
    if (all.length === 0) throw emptyStoreError(store);
    const found = newestOk(all, word === 'crash' ? 'crash' : undefined);
    if (found) return found;
    throw new ChkptError(ErrorCode.NOT_FOUND, `No ${word === 'crash' ? 'crash' : 'readable'} checkpoint in ${store.dir} (\`chkpt ls\` lists the runs).`, { ref: word });
  }
  const at = word.lastIndexOf('@');
  const runPart = at < 0 ? word : word.slice(0, at);
  const selector = at < 0 ? 'latest' : word.slice(at + 1);
  const run = resolveRun(store, runPart === '' ? 'latest' : runPart, cwd);
  return inRun(store, run, selector);
}
