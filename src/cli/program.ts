// The chkpt command line: commands are declared here and their code is loaded
// only when that command runs, so `chkpt run` starts fast.
import { fileURLToPath } from 'node:url';
import { Command, CommanderError } from 'commander';
import { version } from '../shared/package-info.js';
import { commanderToChkpt, defineRunOptions, toRunArgs } from './run/parse-run-args.js';
import { reportError } from './report-error.js';
import { defineReadingCommands } from './commands/define.js';
import { resendUnsent } from '../remote/unsent.js';

/** Builds the commander program; actions import their command lazily. */
export function buildProgram(): Command {
  const program = new Command('chkpt')
    .description('Run a Node.js or TypeScript script unchanged and checkpoint its in-memory state.')
    .version(version, '-V, --version', 'print the version')
    .enablePositionalOptions()
    .showSuggestionAfterError(true)
    .addHelpText('after', '\nExample:\n  chkpt run train.ts --epochs 30\n');

  defineRunOptions(program.command('run'))
    .description('run a script as node would, checkpointing its state')
    .addHelpText('after', '\nExamples:\n  chkpt run train.ts --epochs 30\n  chkpt run --node-arg --max-old-space-size=8192 -- job.js --input data.csv\n')
    .action(async (script: string | undefined, args: string[], raw: Parameters<typeof toRunArgs>[2]) => {
      const { runCommand } = await import('./run/command.js');
      await runCommand(toRunArgs(script, args, raw));
    });

  program.command('resume')
    .description("run a checkpoint's script again, resuming from it: chkpt.restore() reads its values")
    .argument('<checkpoint>', 'latest, crash, <run>, <run>@<n>, <run>@crash, ... (as for chkpt show)')
    .argument('[args...]', "the script's arguments (default: those the run had)")
    .option('--store <dir>', 'the store holding the checkpoint; the new run is saved there too (default: $CHKPT_HOME or the shared cache)')
    .option('-v, --verbose', 'log each checkpoint and each value restored to stderr (-vv: more)', (_v: string, previous: number) => previous + 1, 0)
    .option('-q, --quiet', 'print nothing, not even where a crash was saved')
    .passThroughOptions()
    .addHelpText('after', '\nExamples:\n  chkpt resume train.ts@crash\n  chkpt resume 54ca2d6f0c25@3 -- --epochs 60\n')
    .action(async (checkpoint: string, args: string[], options: { store?: string; verbose?: number; quiet?: boolean }) => {
      const { resumeCommand } = await import('./run/resume.js');
      await resumeCommand(checkpoint, args, options);
    });

  program.command('snap')
    .description('checkpoint a running script now, from another terminal')
    .argument('<target>', 'the pid of the script, or its run id')
    .option('-l, --label <text>', 'a label for the checkpoint')
    .option('--json', 'print the answer as JSON')
    .addHelpText('after', '\nExample:\n  chkpt snap 41230 --label before-eval\n')
    .action(async (target: string, options: { label?: string; json?: boolean }) => {
      const { snapCommand } = await import('./snap/command.js');
      await snapCommand(target, options);
    });

  defineReadingCommands(program);

  return program;
}

/** What `chkpt` alone prints: what it is and the three commands most used. */
export const SHORT_HELP = `chkpt: run a Node.js or TypeScript script unchanged and keep its in-memory state.

  chkpt run train.ts --epochs 30    run it as node would; checkpoints on a timer, crash, Ctrl-C and exit
  chkpt ls                          the runs saved, newest last
  chkpt show train.ts@crash         what the crash kept (then: chkpt repl, chkpt export)

Run 'chkpt --help' for every command, 'chkpt <command> --help' for its options.
`;

/** Runs the CLI on `argv` (the words after `chkpt`). */
export async function main(argv: string[]): Promise<void> {
  // A run killed before it had sent everything to its shared store: sent now, by a detached push.
  resendUnsent(fileURLToPath(new URL('./main.js', import.meta.url)));
  if (argv.length === 0) {
    process.stdout.write(SHORT_HELP);
    return;
  }
  const program = buildProgram();
  for (const command of [program, ...program.commands]) {
    command.exitOverride().configureOutput({ outputError: () => {} });
  }
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help and --version end through here too, with exit code 0.
      if (err.exitCode === 0) return;
      const sub = argv.find((word) => program.commands.some((c) => c.name() === word));
      reportError(commanderToChkpt(err), `Run 'chkpt${sub ? ` ${sub}` : ''} --help' for the options.`);
      return;
    }
    const sub = argv.find((word) => program.commands.some((c) => c.name() === word));
    reportError(err, `Run 'chkpt${sub ? ` ${sub}` : ''} --help' for usage.`);
  }
}
