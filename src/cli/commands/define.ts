// The reading commands' declarations: names, arguments, options, help with
// an example. Each action imports its command's code only when it runs, so
// `chkpt run` and `chkpt ls` load nothing they do not use.
import type { Command } from 'commander';

const STORE_HELP = 'the store to read (default: $CHKPT_HOME or the shared cache); s3://bucket/prefix for a shared store';
const REF_HELP = 'latest, crash, <run>, <run>@<n>, <run>@-1, <run>@latest or <run>@crash; a run is an id prefix, a script name, or train.ts~1 (the run before its latest)';

function example(...lines: string[]): string {
  return `\nExample${lines.length > 1 ? 's' : ''}:\n${lines.map((l) => `  ${l}`).join('\n')}\n`;
}

/** Adds ls, show, export, repl, diff, gc, verify, push and ui to `program`. */
export function defineReadingCommands(program: Command): void {
  program.command('ls')
    .description('list runs, or the checkpoints of one run')
    .argument('[run]', 'a run: latest, an id prefix, a script name (its latest run), or train.ts~1 (the run before)')
    .option('--store <dir>', STORE_HELP)
    .option('--json', 'print JSON')
    .addHelpText('after', example('chkpt ls', 'chkpt ls train.ts'))
    .action(async (run: string | undefined, options: object) => {
      const { lsCommand } = await import('./ls.js');
      await lsCommand(run, options);
    });

  program.command('show')
    .description('show the variables of a checkpoint, or one value in it')
    .argument('<checkpoint>', REF_HELP)
    .argument('[variable]', 'a variable or a path inside one: weights, state.w, rows[3].name, frames[0].locals.x')
    .option('--store <dir>', STORE_HELP)
    .option('--json', 'print JSON')
    .option('--depth <n>', 'levels of an object to open (default 3)')
    .option('--items <n>', 'entries shown per object or array (default 20)')
    .option('--rows <n>', 'rows shown of a table (default 10)')
    .addHelpText('after', example('chkpt show train.ts@latest', 'chkpt show latest weights', 'chkpt show train.ts@crash frames[0].locals.batch'))
    .action(async (checkpoint: string, variable: string | undefined, options: object) => {
      const { showCommand } = await import('./show.js');
      await showCommand(checkpoint, variable, options);
    });

  program.command('export')
    .description('write one value to a file numpy, pandas, polars or DuckDB opens')
    .argument('<checkpoint>', REF_HELP)
    .argument('<variable>', 'a variable or a path inside one')
    .option('--format <format>', 'npy, json, ndjson, csv, arrow, parquet or raw (default: from the -o file name)')
    .option('-o, --out <file>', 'the file to write (default: stdout)')
    .option('--store <dir>', STORE_HELP)
    .option('--json', 'print what was written as JSON')
    .addHelpText('after', example('chkpt export latest weights -o weights.npy', 'chkpt export train.ts@crash rows --format csv > rows.csv'))
    .action(async (checkpoint: string, variable: string, options: object) => {
      const { exportCommand } = await import('./export.js');
      await exportCommand(checkpoint, variable, options);
    });

  program.command('repl')
    .description("a Node REPL with a checkpoint's variables, read on first use")
    .argument('<checkpoint>', REF_HELP)
    .option('--store <dir>', STORE_HELP)
    .option('--link <module>', 'import this module and re-link instances to the classes it exports (repeatable)', (v: string, all: string[] = []) => [...all, v])
    .addHelpText('after', example('chkpt repl train.ts@crash', 'chkpt repl latest --link lib/model.ts'))
    .action(async (checkpoint: string, options: object) => {
      const { replCommand } = await import('./repl.js');
      await replCommand(checkpoint, options);
    });

  program.command('diff')
    .description('compare two checkpoints: variables that appeared, disappeared or changed')
    .argument('<a>', REF_HELP)
    .argument('<b>', 'the checkpoint to compare with')
    .argument('[variable...]', 'only these variables')
    .option('--store <dir>', STORE_HELP)
    .option('--json', 'print JSON')
    .addHelpText('after', example('chkpt diff train.ts@1 train.ts@latest', 'chkpt diff train.ts@-2 train.ts@-1 weights'))
    .action(async (a: string, b: string, only: string[], options: object) => {
      const { diffCommand } = await import('./diff.js');
      await diffCommand(a, b, only, options);
    });

  program.command('gc')
    .description('delete old checkpoints until the store fits its cap, and chunks nothing uses')
    .option('--max-store <size>', 'the cap to enforce now: 500M, 2G, ... (default: the store\'s cap)')
    .option('--store <dir>', `${STORE_HELP}; for s3:// the shared store itself`)
    .option('--grace <time>', 'a shared store\'s chunks no checkpoint names are deleted once this old: 90s, 10m, 2h (default 1h: a push in flight sends its checkpoint last)')
    .option('--json', 'print JSON')
    .addHelpText('after', example('chkpt gc --max-store 2G', 'chkpt gc --store s3://team-bucket/chkpt --max-store 500G'))
    .action(async (options: object) => {
      const { gcCommand } = await import('./gc.js');
      await gcCommand(options);
    });

  program.command('verify')
    .description('re-hash every chunk and check the index; exit 1 when anything is damaged')
    .argument('[checkpoint...]', 'only these checkpoints')
    .option('--store <dir>', STORE_HELP)
    .option('--json', 'print JSON')
    .addHelpText('after', example('chkpt verify', 'chkpt verify train.ts@latest'))
    .action(async (checkpoints: string[], options: object) => {
      const { verifyCommand } = await import('./verify.js');
      await verifyCommand(checkpoints, options);
    });

  program.command('push')
    .description('send runs to a shared store in S3-compatible object storage (what it lacks)')
    .argument('<to>', 's3://bucket/prefix (endpoint, region and credentials as for the AWS tools: CHKPT_S3_ENDPOINT or AWS_ENDPOINT_URL, AWS_REGION, AWS_PROFILE or AWS_ACCESS_KEY_ID)')
    .argument('[run...]', 'only these runs (default: every run of the store)')
    .option('--store <dir>', STORE_HELP)
    .option('--json', 'print what was sent as JSON')
    .addHelpText('after', example('chkpt push s3://team-bucket/chkpt', 'CHKPT_S3_ENDPOINT=http://127.0.0.1:9000 chkpt push s3://local/chkpt train.ts'))
    .action(async (to: string, runs: string[], options: object) => {
      const { pushCommand } = await import('./push.js');
      await pushCommand(to, runs, options);
    });

  program.command('ui')
    .description('browse runs, checkpoints and values in a web page with plots, served on 127.0.0.1 only')
    .option('--store <dir>', STORE_HELP)
    .option('--port <n>', 'the port to listen on (default: a free one)')
    .option('--open', "open the page in the desktop's browser")
    .addHelpText('after', example('chkpt ui', 'chkpt ui --port 8700 --open'))
    .action(async (options: object) => {
      const { uiCommand } = await import('./ui.js');
      await uiCommand(options);
    });
}
