// Naming a run: `latest`, its id or a unique prefix of it, or its script
// (file name, name without extension, or path): the latest run of that
// script. `~k` after a script name or `latest` steps k runs back:
// `train.ts~1` is the run of train.ts before its latest.
import path from 'node:path';
import { ChkptError, ErrorCode } from '../shared/errors.js';
import type { RunInfo, Store } from '../store/index.js';
import { nearestText } from './nearest.js';

/** The store has nothing to look at: one message for every reading command. */
export function emptyStoreError(store: Store): ChkptError {
  return new ChkptError(
    ErrorCode.NOT_FOUND,
    `The store at ${store.dir} has no checkpoints yet: run a script with \`chkpt run <script>\` first, or pass --store <dir>.`,
    { dir: store.dir, empty: true },
  );
}

const newestFirst = (a: RunInfo, b: RunInfo): number => b.startedAt - a.startedAt || (a.id < b.id ? 1 : -1);

function scriptMatches(run: RunInfo, ref: string, cwd: string): boolean {
  if (ref.includes('/') || ref.includes(path.sep)) return run.script === path.resolve(cwd, ref);
  const base = path.basename(run.script);
  return base === ref || base.slice(0, base.length - path.extname(base).length) === ref;
}

/** How a run is shown in candidate lists: `train.ts (54ca2d6f0c25)`. */
export function runLabel(run: RunInfo): string {
  return `${path.basename(run.script)} (${run.id})`;
}

/** Resolves a run reference; NOT_FOUND or AMBIGUOUS name the nearest candidates. */
export function resolveRun(store: Store, ref: string, cwd = process.cwd()): RunInfo {
  const back = /^(.+)~(\d+)$/.exec(ref.trim());
  if (back) return stepBack(store, resolveRun(store, back[1]!, cwd), Number(back[2]), back[1]!);
  const runs = store.runs().sort(newestFirst);
  if (runs.length === 0) throw emptyStoreError(store);
  const word = ref.trim();
  if (word === 'latest') return runs[0]!;
  const exact = runs.find((r) => r.id === word);
  if (exact) return exact;

  const byScript = runs.filter((r) => scriptMatches(r, word, cwd));
  if (byScript.length > 0) {
    const scripts = [...new Set(byScript.map((r) => r.script))];
    if (scripts.length > 1) {
      throw new ChkptError(
        ErrorCode.AMBIGUOUS,
        `\`${word}\` names ${scripts.length} different scripts: ${scripts.slice(0, 4).join(', ')}; give a path or a run id.`,
        { ref: word, candidates: scripts },
      );
    }
    // The latest run of the script itself, not one of the child processes it started.
    return byScript.find((r) => r.parentRunId === undefined) ?? byScript[0]!;
  }

  if (/^[0-9a-f]+$/i.test(word)) {
    const byId = runs.filter((r) => r.id.startsWith(word.toLowerCase()));
    if (byId.length === 1) return byId[0]!;
    if (byId.length > 1) {
      throw new ChkptError(
        ErrorCode.AMBIGUOUS,
        `Run id prefix \`${word}\` matches ${byId.length} runs: ${byId.slice(0, 4).map(runLabel).join(', ')}; type more of the id.`,
        { ref: word, candidates: byId.map((r) => r.id) },
      );
    }
  }
  const names = runs.flatMap((r) => [path.basename(r.script), r.id]);
  throw new ChkptError(
    ErrorCode.NOT_FOUND,
    `No run \`${word}\` in ${store.dir}${nearestText(word, names)} (\`chkpt ls\` lists the runs).`,
    { ref: word, candidates: names },
  );
}

/** The run `k` runs before `run` among the runs of the same script (of the whole store for `latest`). */
function stepBack(store: Store, run: RunInfo, k: number, base: string): RunInfo {
  const runs = store.runs().sort(newestFirst).filter((r) => base === 'latest' || (r.script === run.script && r.parentRunId === run.parentRunId));
  const at = runs.findIndex((r) => r.id === run.id);
  const found = runs[at + k];
  if (found) return found;
  throw new ChkptError(ErrorCode.NOT_FOUND, `\`${base}~${k}\` goes back ${k} runs but only ${runs.length - at - 1} came before ${runLabel(run)}.`, {
    ref: `${base}~${k}`, candidates: runs.map((r) => r.id),
  });
}
