// `chkpt run` as one process. bin/chkpt replaced itself with the script's
// node process (`node --require register.cjs [--import typescript.js] --
// script args...`) and left chkpt's own words, those before and including the
// script, in CHKPT_LAUNCH. The preload hands them here, before the script's
// first line: they are parsed by the same parser as the full CLI's, and turn
// into the CHKPT_* settings the capture worker reads, as `chkpt run` would
// have passed them to a child. Bundled into dist/launch/launch.cjs and loaded
// only in that case.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { constants } from 'node:os';
import { fileURLToPath } from 'node:url';
import { isChkptError } from '../shared/errors.js';
import { debug } from '../shared/debug.js';
import { reportError } from '../cli/report-error.js';
import { isTypeScript } from '../cli/run/script-kind.js';
import { parseRunArgs, type RunArgs } from '../cli/run/parse-run-args.js';
import { mainResolves, needsSelfResolve } from '../cli/run/resolve-main.js';
import { newRunId, runEnv } from '../cli/run/run-env.js';

/** The first line of CHKPT_LAUNCH: the layout bin/chkpt writes. */
const LAYOUT = '1';

/**
 * Applies the launch: the CHKPT_* settings (also set in process.env) when the
 * script runs with capture, undefined when it runs as plain node would
 * (node's own error for a script it cannot find). Bad options end the
 * process as the full CLI would; a line bin/chkpt read otherwise than the
 * parser hands the whole run to the full CLI. `leaving` runs first in both
 * cases (the capture worker is told it has nothing to do).
 */
export function launch(encoded: string, leaving: () => void): NodeJS.ProcessEnv | undefined {
  const [layout, ...words] = encoded.split('\n');
  const args = layout === LAYOUT && words.length > 0 ? parse(words, leaving) : undefined;
  if (!args || !agrees(args, words)) {
    leaving();
    return runThroughCli(words);
  }
  const cwd = process.cwd();
  if (!mainResolves(args.script, cwd)) return undefined;
  if (needsSelfResolve(args.script, cwd)) {
    const resolveSelf = fileURLToPath(new URL('../preload/resolve-self.cjs', import.meta.url));
    createRequire(import.meta.url)(resolveSelf);
    // The script's own node children find 'chkpt' the same way.
    process.execArgv.splice(2, 0, '--require', resolveSelf);
  }
  const settings = runEnv(args, {}, newRunId(), { runSelf: process.pid });
  Object.assign(process.env, settings);
  return settings;
}

/** The words parsed as `chkpt run` parses them; on bad input, ends as it would. */
function parse(words: string[], leaving: () => void): RunArgs | undefined {
  try {
    return parseRunArgs(words);
  } catch (err) {
    if (!isChkptError(err)) return undefined;
    leaving();
    const fromParser = err.data['commanderCode'] !== undefined;
    reportError(err, `Run 'chkpt run --help' for ${fromParser ? 'the options' : 'usage'}.`);
    process.exit();
  }
}

/** Whether the parser found the script where bin/chkpt did, with nothing for node itself. */
function agrees(args: RunArgs, words: string[]): boolean {
  const loaded = process.execArgv.some((word) => word.endsWith('/launch/typescript.js'));
  // --resume names a checkpoint the full CLI resolves (it reads the store) before the script starts.
  return args.script === words.at(-1) && args.scriptArgs.length === 0 && args.nodeArgs.length === 0 && loaded === isTypeScript(args.script)
    && args.resume === undefined;
}

/** The full CLI runs the script as a child process; this process ends as it did. */
function runThroughCli(words: string[]): never {
  debug('launch', 'the command line goes to the full CLI');
  const cli = fileURLToPath(new URL('../cli/main.js', import.meta.url));
  const scriptArgs = process.argv.slice(2);
  const result = spawnSync(process.execPath, [cli, 'run', ...words, ...scriptArgs], { stdio: 'inherit' });
  if (result.signal) {
    process.kill(process.pid, result.signal);
    process.exit(128 + (constants.signals[result.signal] ?? 0));
  }
  process.exit(result.status ?? 1);
}
