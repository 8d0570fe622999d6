// Capture settings. The CLI validates options and passes them to the script's
// process as CHKPT_* environment variables (normalized: sizes in bytes, times
// in ms); the capture worker reads them back here. Defaults are chosen so that
// aliasing `node` to `chkpt run` is safe.

export interface CaptureSettings {
  /** Store directory given with -o/--out; undefined: the shared cache. */
  out?: string;
  /** Automatic checkpoint interval in ms; -1: none. */
  every: number;
  /** Share of wall time that pausing and writing may take, in percent. */
  budget: number;
  /** Values at least this big (bytes) are salient; 0 (the default): every data value; -1: tracked values only. */
  minSize: number;
  /** Store size cap in bytes; undefined: the store's default. */
  maxStore?: number;
  /** Globs of files that count as the script's own code, beyond the defaults. */
  include: string[];
  /** Globs of files that never count as the script's own code. */
  exclude: string[];
  /** Packages whose class instances are data (e.g. apache-arrow). */
  libs: string[];
  verbose: number;
  quiet: boolean;
  /** Pause at every throw (rate limited) to keep a crash's locals at its throw site; on by default. */
  throwSite: boolean;
  /** The script's first line waits until capture is attached (then even a script ending at once gets its exit checkpoint); off by default. */
  waitAttach: boolean;
  /** Run id chosen by the `chkpt run` that started this process tree. */
  runId?: string;
  /** pid of that `chkpt run`: its direct child owns `runId`, later descendants are child runs. */
  runOwner?: number;
  /** pid of the process that `chkpt run` became (bin/chkpt's one-process start): it owns `runId`. */
  runSelf?: number;
  /** The checkpoint this run resumes from (`chkpt resume`, `chkpt run --resume`): what `chkpt.restore` reads. */
  resume?: ResumePoint;
  /** A shared store (`s3://bucket/prefix`): checkpoints go to the local store `out` first, then there in the background. */
  remote?: string;
}

/** A checkpoint to resume from, resolved by the CLI before the script starts. */
export interface ResumePoint {
  /** The store's directory. */
  store: string;
  /** The checkpoint's id in that store. */
  checkpointId: number;
  /** Its name, `<run id>@<n>`. */
  ref: string;
}

export const DEFAULTS: CaptureSettings = {
  every: 10_000,
  budget: 2,
  minSize: 0,
  include: [],
  exclude: [],
  libs: [],
  verbose: 0,
  quiet: false,
  throwSite: true,
  waitAttach: false,
};

const ENV = {
  out: 'CHKPT_OUT',
  every: 'CHKPT_EVERY',
  budget: 'CHKPT_BUDGET',
  minSize: 'CHKPT_MIN_SIZE',
  maxStore: 'CHKPT_MAX_STORE',
  include: 'CHKPT_INCLUDE',
  exclude: 'CHKPT_EXCLUDE',
  libs: 'CHKPT_LIB',
  verbose: 'CHKPT_VERBOSE',
  quiet: 'CHKPT_QUIET',
  throwSite: 'CHKPT_THROW_SITE',
  waitAttach: 'CHKPT_WAIT_ATTACH',
  runId: 'CHKPT_RUN_ID',
  runOwner: 'CHKPT_RUN_OWNER',
  runSelf: 'CHKPT_RUN_SELF',
  resume: 'CHKPT_RESUME',
  remote: 'CHKPT_REMOTE',
} as const;

function number(value: string | undefined, fallback: number): number {
  if (value === undefined || value.trim() === '') return fallback;
  const n = Number(value);
  return Number.isFinite(n) ? n : fallback;
}

function list(value: string | undefined): string[] {
  if (!value) return [];
  try {
    const parsed: unknown = JSON.parse(value);
    return Array.isArray(parsed) ? parsed.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

/** Reads settings from CHKPT_* variables; anything unreadable falls back to its default. */
export function readSettings(env: NodeJS.ProcessEnv): CaptureSettings {
  const settings: CaptureSettings = {
    every: number(env[ENV.every], DEFAULTS.every),
    budget: number(env[ENV.budget], DEFAULTS.budget),
    minSize: number(env[ENV.minSize], DEFAULTS.minSize),
    include: list(env[ENV.include]),
    exclude: list(env[ENV.exclude]),
    libs: list(env[ENV.libs]),
    verbose: number(env[ENV.verbose], 0),
    quiet: env[ENV.quiet] === '1',
    throwSite: env[ENV.throwSite] !== '0',
    waitAttach: env[ENV.waitAttach] === '1',
  };
  if (env[ENV.out]) settings.out = env[ENV.out];
  const maxStore = number(env[ENV.maxStore], NaN);
  if (Number.isFinite(maxStore)) settings.maxStore = maxStore;
  if (env[ENV.runId]) settings.runId = env[ENV.runId];
  const owner = number(env[ENV.runOwner], NaN);
  if (Number.isFinite(owner)) settings.runOwner = owner;
  const self = number(env[ENV.runSelf], NaN);
  if (Number.isFinite(self)) settings.runSelf = self;
  if (env[ENV.remote]) settings.remote = env[ENV.remote];
  const resume = resumePoint(env[ENV.resume]);
  if (resume) settings.resume = resume;
  return settings;
}

function resumePoint(value: string | undefined): ResumePoint | undefined {
  if (!value) return undefined;
  try {
    const parsed = JSON.parse(value) as Partial<ResumePoint>;
    const { store, checkpointId, ref } = parsed;
    if (typeof store === 'string' && typeof checkpointId === 'number' && typeof ref === 'string') return { store, checkpointId, ref };
  } catch {
    // Not ours to read: no resume.
  }
  return undefined;
}

/**
 * Whether this process owns the run id `chkpt run` chose: the process it
 * started (two processes) or became (one). Processes the script starts in
 * turn inherit the settings but record child runs, and do not resume.
 */
export function ownsRun(settings: CaptureSettings, pid = process.pid, ppid = process.ppid): boolean {
  return settings.runId !== undefined && (settings.runOwner === ppid || settings.runSelf === pid);
}

/** The settings a run is started again with by `chkpt resume` (not its store, ids or output). */
export type RerunOptions = Pick<CaptureSettings, 'every' | 'budget' | 'minSize' | 'maxStore' | 'include' | 'exclude' | 'libs' | 'throwSite' | 'waitAttach'>;

export function rerunOptions(settings: CaptureSettings): RerunOptions {
  const { every, budget, minSize, maxStore, include, exclude, libs, throwSite, waitAttach } = settings;
  return { every, budget, minSize, ...(maxStore !== undefined ? { maxStore } : {}), include, exclude, libs, throwSite, waitAttach };
}

/** Writes the settings that differ from the defaults as CHKPT_* variables. */
export function settingsEnv(settings: Partial<CaptureSettings>): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, name] of Object.entries(ENV) as [keyof CaptureSettings, string][]) {
    const value = settings[key];
    if (value === undefined) continue;
    if (Array.isArray(value)) {
      if (value.length > 0) env[name] = JSON.stringify(value);
    } else if (typeof value === 'object') {
      env[name] = JSON.stringify(value);
    } else if (typeof value === 'boolean') {
      if (value !== DEFAULTS[key]) env[name] = value ? '1' : '0';
    } else {
      env[name] = String(value);
    }
  }
  return env;
}
