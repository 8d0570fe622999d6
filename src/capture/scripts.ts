// The scripts V8 has parsed in the main thread, from Debugger.scriptParsed:
// their URLs (call frames carry only a scriptId), source maps, and whether
// each is the script's own code: not node's internals, not chkpt, not
// node_modules, unless --include says so; the entry script always is.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import picomatch from 'picomatch';
import { packageRoot } from '../shared/package-info.js';

export interface ScriptInfo {
  url: string;
  /** Absolute file path, for file scripts. */
  file?: string;
  sourceMapURL?: string;
  own: boolean;
  /** Instances of classes defined here are data: own code, or a package named with --lib. */
  dataClasses: boolean;
  /** CommonJS module (its top-level scope is the wrapper function's). */
  commonjs: boolean;
}

export interface OwnCodeRules {
  entry: string;
  cwd: string;
  include: string[];
  exclude: string[];
}

function toFile(url: string): string | undefined {
  if (url.startsWith('file://')) {
    try {
      return fileURLToPath(url);
    } catch {
      return undefined;
    }
  }
  return path.isAbsolute(url) ? url : undefined;
}

/** Decides, per file, whether it is the script's own code. */
export function ownCodeMatcher(rules: OwnCodeRules): (file: string) => boolean {
  const absolute = (glob: string) => (path.isAbsolute(glob) ? glob : path.join(rules.cwd, glob));
  const included = rules.include.length > 0 ? picomatch(rules.include.map(absolute), { dot: true }) : () => false;
  const excluded = rules.exclude.length > 0 ? picomatch(rules.exclude.map(absolute), { dot: true }) : () => false;
  const entry = path.resolve(rules.cwd, rules.entry);
  const chkpt = path.resolve(packageRoot);
  return (file) => {
    if (excluded(file)) return false;
    if (file === entry) return true;
    if (included(file)) return true;
    if (file.startsWith(chkpt + path.sep)) return false;
    return !file.split(path.sep).includes('node_modules');
  };
}

/** True for files inside one of the named packages (`--lib apache-arrow`, `--lib @scope/name`). */
export function libraryMatcher(libs: string[]): (file: string) => boolean {
  const markers = libs.map((lib) => `${path.sep}node_modules${path.sep}${lib.split('/').join(path.sep)}${path.sep}`);
  return (file) => markers.some((marker) => file.includes(marker));
}

/** Keeps the parsed scripts and answers questions about call frames' scriptIds. */
export class ScriptRegistry {
  private readonly scripts = new Map<string, ScriptInfo>();

  constructor(private readonly isOwn: (file: string) => boolean, private readonly isLibrary: (file: string) => boolean = () => false) {}

  /** Records a Debugger.scriptParsed event. */
  add(params: { scriptId: string; url: string; sourceMapURL?: string; isModule?: boolean }): void {
    // Scripts without a URL are those the inspector compiles for chkpt's own
    // evaluate and callFunctionOn calls, one per call: never the script's code.
    if (!params.url) return;
    const file = toFile(params.url);
    const own = file !== undefined && this.isOwn(file);
    this.scripts.set(params.scriptId, {
      url: params.url,
      ...(file ? { file } : {}),
      ...(params.sourceMapURL ? { sourceMapURL: params.sourceMapURL } : {}),
      own,
      dataClasses: own || (file !== undefined && this.isLibrary(file)),
      commonjs: file !== undefined && params.isModule !== true,
    });
  }

  get(scriptId: string): ScriptInfo | undefined {
    return this.scripts.get(scriptId);
  }

  /** The scriptIds of the script's own files. */
  ownIds(): string[] {
    return [...this.scripts].filter(([, s]) => s.own && s.file !== undefined).map(([id]) => id);
  }
}
