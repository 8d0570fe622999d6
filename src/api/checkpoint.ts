// One checkpoint, as the reading API hands it out: its record, its
// variables, and any value in it by path, live, as numbers streamed from the
// store, summarized, or exported to a file.
import type { Writable } from 'node:stream';
import { ChkptError, ErrorCode } from '../shared/errors.js';
import type { CheckpointInfo, ReadOptions, RunInfo, Store, VariableInfo } from '../store/index.js';
import { checkpointName } from './checkpoint-ref.js';
import { type ExportFormat, type ExportInput, type ExportResult, exportInput, pickFormat } from './export/index.js';
import { nearestText } from './nearest.js';
import { type NumericSource, isWholePart, memorySource, storedSource } from './numeric.js';
import { type NumericSummary, type SummaryOptions, summarize } from './stats.js';
import { type Step, parseSteps, splitPath } from './var-path.js';
import { walk } from './walk.js';

/** Where a path's value is: the stored variable that holds it, and the steps inside it. */
export interface Located {
  variable: VariableInfo;
  steps: Step[];
  path: string;
}

export interface ExportOptions {
  /** One of EXPORT_FORMATS; implied by the file name's ending when absent. */
  format?: ExportFormat | string;
  /** A file path (written whole or not at all) or a writable stream. */
  to: string | Writable;
  /** Classes to re-link instances to while decoding (by name or `${module}#${name}`). */
  classes?: ReadOptions['classes'];
}

export class Checkpoint {
  private vars: VariableInfo[] | undefined;

  constructor(
    /** The store it lives in (the low-level API, see docs/FORMAT.md). */
    readonly store: Store,
    readonly info: CheckpointInfo,
    readonly run: RunInfo,
  ) {}

  /** `<run id>@<n>`: a reference that always names this checkpoint. */
  get ref(): string {
    return checkpointName(this.info);
  }

  /** The stored variables, in capture order. */
  variables(): VariableInfo[] {
    this.vars ??= this.store.variables(this.info.id);
    return this.vars;
  }

  /** The stored variable holding `path` and the rest of the path; NOT_FOUND names the nearest variables. */
  locate(path: string): Located {
    const vars = this.variables();
    const split = splitPath(vars.map((v) => v.name), path);
    if (!split) {
      if (vars.length === 0) {
        throw new ChkptError(ErrorCode.NOT_FOUND, `Checkpoint ${this.ref} holds no variables${this.info.failure ? ` (it failed: ${this.info.failure})` : ''}.`, {
          checkpoint: this.ref, variable: path, candidates: [],
        });
      }
      const names = vars.map((v) => v.name);
      throw new ChkptError(
        ErrorCode.NOT_FOUND,
        `No variable \`${path}\` in checkpoint ${this.ref}${nearestText(path, names)} (\`chkpt show ${this.ref}\` lists them).`,
        { checkpoint: this.ref, variable: path, candidates: names },
      );
    }
    const variable = vars.find((v) => v.name === split.name)!;
    return { variable, steps: parseSteps(split.rest, path), path };
  }

  /** The value at `path` as a live value: typed arrays as typed arrays, instances as plain objects unless `classes` re-links them. */
  get(path: string, opts: ReadOptions = {}): unknown {
    const { variable, steps } = this.locate(path);
    const root = this.store.readVariable(this.info.id, variable.idx, opts);
    return walk(root, steps, variable.name);
  }

  /** True when a value exists at `path`. */
  has(path: string): boolean {
    try {
      this.get(path);
      return true;
    } catch (err) {
      if (err instanceof ChkptError && err.code === ErrorCode.NOT_FOUND) return false;
      throw err;
    }
  }

  /** The value at `path` as numbers read chunk by chunk (without decoding a top-level typed array), or undefined when it is not numeric. */
  numeric(path: string, opts: ReadOptions = {}): NumericSource | undefined {
    const located = this.locate(path);
    if (located.steps.length === 0 && isWholePart(located.variable)) return storedSource(this.store, this.info.id, located.variable);
    return memorySource(this.get(path, opts));
  }

  /** Length, min, max, mean, NaN count, histogram and slices of a numeric value; undefined when it is not numeric. */
  async stats(path: string, opts: SummaryOptions = {}): Promise<NumericSummary | undefined> {
    const source = this.numeric(path);
    return source ? summarize(source, opts) : undefined;
  }

  /** What an exporter reads for `path`: streamed numbers when it is a stored numeric array, else the decoded value. */
  exportInput(path: string, opts: ReadOptions = {}): ExportInput {
    const located = this.locate(path);
    const name = exportName(located);
    if (located.steps.length === 0 && isWholePart(located.variable)) {
      const numeric = storedSource(this.store, this.info.id, located.variable);
      return { name, label: path, numeric, value: () => this.get(path, opts) };
    }
    const value = this.get(path, opts);
    const numeric = memorySource(value);
    return { name, label: path, ...(numeric ? { numeric } : {}), value: () => value };
  }

  /** Exports the value at `path` to a file or stream; see EXPORT_FORMATS. */
  async export(path: string, opts: ExportOptions): Promise<ExportResult> {
    const format = pickFormat(opts.format, typeof opts.to === 'string' ? opts.to : undefined);
    const input = this.exportInput(path, opts.classes ? { classes: opts.classes } : {});
    return exportInput(input, format, opts.to);
  }
}

/** A column name for one-column exports: the last segment of the path (`frames[0].locals.x` -> `x`). */
function exportName(located: Located): string {
  const last = located.steps[located.steps.length - 1];
  if (last?.kind === 'prop') return last.key;
  const m = /([^.:[\]/]+)\]?$/.exec(located.variable.name);
  return m?.[1] ?? located.variable.name;
}
