// Splits `chkpt run [chkpt options] [--] <script> [script args...]`: everything
// after the script path belongs to the script, untouched.
import { Command, CommanderError, Option } from 'commander';
import { ChkptError, ErrorCode } from '../../shared/errors.js';
import type { CaptureSettings } from '../../shared/settings.js';
import { parseRemote } from '../../remote/url.js';
import { captureSettings, type RawCaptureOptions } from './capture-options.js';

/** What `chkpt run` was asked to do. */
export interface RunArgs {
  script: string;
  scriptArgs: string[];
  nodeArgs: string[];
  out?: string;
  verbose: number;
  quiet: boolean;
  /** Capture settings given on the command line (the rest are defaults). */
  capture: Partial<CaptureSettings>;
  /** `--resume <checkpoint>`: the checkpoint `chkpt.restore()` reads, as given (resolved before the script starts). */
  resume?: string;
  /** `--store s3://bucket/prefix`: a shared store the run is sent to in the background. */
  remote?: string;
}

const collect = (value: string, previous: string[]): string[] => [...previous, value];

/** Declares the options of `chkpt run` on a commander command. */
export function defineRunOptions(command: Command): Command {
  return command
    .usage('[options] [--] <script> [args...]')
    .argument('[script]', 'the .js, .mjs, .cjs, .ts, .mts or .cts file to run as the main module')
    .argument('[args...]', "the script's own arguments, passed through untouched")
    .passThroughOptions()
    .addOption(new Option('--node-arg <flag>', 'an option for node itself, e.g. --node-arg --max-old-space-size=8192 (repeatable)')
      .argParser(collect).default([]))
    .addOption(new Option('-o, --out <dir>', 'store checkpoints in <dir> instead of the shared cache'))
    .addOption(new Option('--store <s3-url>', 'also send the run to a shared store in object storage, s3://bucket/prefix, in the background (also CHKPT_HOME=s3://...)'))
    .addOption(new Option('-v, --verbose', 'log each checkpoint to stderr (-vv: also what was skipped)')
      .argParser((_v: string, previous: number) => previous + 1).default(0))
    .addOption(new Option('-q, --quiet', 'print nothing, not even where a crash was saved').default(false))
    .addOption(new Option('-f, --every <ms>', 'automatic checkpoint interval: 500, 30s, 5m; -1 for none (default 10s)'))
    .addOption(new Option('--budget <percent>', 'most of the wall time the script may stand paused for interval checkpoints (default 2)'))
    .addOption(new Option('-z, --min-size <size>', 'save only values at least this big: 64k, 1M, 1G; -1 for tracked values only (default 0: every data value)'))
    .addOption(new Option('--max-store <size>', 'cap the whole store at this size, oldest checkpoints go first (default 5G, or less on a small disk)'))
    .addOption(new Option('--include <glob>', "also count these files as the script's own code, e.g. 'node_modules/my-lib/**' (repeatable)").argParser(collect).default([]))
    .addOption(new Option('--exclude <glob>', "never count these files as the script's own code (repeatable)").argParser(collect).default([]))
    .addOption(new Option('--lib <package>', 'treat instances of classes from this package as data, e.g. apache-arrow (repeatable)').argParser(collect).default([]))
    .addOption(new Option('--no-throw-site', "do not pause at throws: a crash then keeps its modules' values, not its frames' locals (saves a few µs per stack formatted)"))
    .addOption(new Option('--resume <checkpoint>', "resume from this checkpoint: chkpt.restore() in the script reads its values (e.g. train.ts@crash)"))
    .addOption(new Option('--wait-attach', 'start the script once capture is attached (about 0.1 s later): then even a script that ends at once gets its exit checkpoint').default(false))
    // The default since throw-site capture leaves node's output as it is; still accepted.
    .addOption(new Option('--throw-site').hideHelp());
}

interface RawRunOptions extends RawCaptureOptions {
  nodeArg: string[];
  out?: string;
  verbose: number | boolean;
  quiet: boolean;
  resume?: string;
  store?: string;
}

/** Builds RunArgs from commander's parse result; throws NO_SCRIPT without a script. */
export function toRunArgs(script: string | undefined, args: string[], raw: RawRunOptions): RunArgs {
  if (script === undefined || script === '') {
    throw new ChkptError(ErrorCode.NO_SCRIPT, 'no script given: chkpt run [options] <script> [args...]');
  }
  return {
    script,
    scriptArgs: args,
    nodeArgs: raw.nodeArg,
    ...(raw.out !== undefined ? { out: raw.out } : {}),
    verbose: typeof raw.verbose === 'number' ? raw.verbose : raw.verbose ? 1 : 0,
    quiet: raw.quiet,
    capture: captureSettings(raw),
    ...(raw.resume !== undefined ? { resume: raw.resume } : {}),
    ...(raw.store !== undefined ? { remote: parseRemote(raw.store).url } : {}),
  };
}

/** Parses the words after `chkpt run` (for tests and tools); throws ChkptError on bad input. */
export function parseRunArgs(argv: string[]): RunArgs {
  let result: RunArgs | undefined;
  const command = defineRunOptions(new Command('run'))
    .exitOverride()
    .configureOutput({ writeOut: () => {}, writeErr: () => {} })
    .action((script: string | undefined, args: string[], raw: RawRunOptions) => {
      result = toRunArgs(script, args, raw);
    });
  try {
    command.parse(argv, { from: 'user' });
  } catch (err) {
    if (err instanceof CommanderError) throw commanderToChkpt(err);
    throw err;
  }
  if (!result) throw new ChkptError(ErrorCode.NO_SCRIPT, 'no script given: chkpt run [options] <script> [args...]');
  return result;
}

/** Turns commander's parse errors into chkpt's coded errors. */
export function commanderToChkpt(err: CommanderError): ChkptError {
  const message = err.message.replace(/^error: /, '');
  const code = err.code === 'commander.unknownOption' ? ErrorCode.UNKNOWN_OPTION : ErrorCode.BAD_OPTION;
  return new ChkptError(code, message, { commanderCode: err.code });
}
