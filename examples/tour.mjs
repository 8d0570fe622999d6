#!/usr/bin/env node
// `npm run example`: runs the training job under chkpt, then shows what chkpt
// kept of it, with the same commands a user types. The store is the usual one
// ($CHKPT_HOME, else the user's cache), so the commands printed at the end work
// as they are.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// The executable as installed: `chkpt run` as the script's own process.
const bin = path.join(root, 'bin', 'chkpt');
// Its `node` is the one running the tour.
const env = { ...process.env, PATH: `${path.dirname(process.execPath)}${path.delimiter}${process.env.PATH ?? ''}` };
const crashAt = 4;

/** Prints `$ chkpt <args>`, runs it, and stops the tour if it fails (unless it is the crash we asked for). */
function chkpt(args, { expectCode = 0 } = {}) {
  console.log(`\n$ chkpt ${args.join(' ')}`);
  const result = spawnSync(bin, args, { cwd: root, env, stdio: 'inherit' });
  if (result.status !== expectCode) {
    console.error(`\nexample: \`chkpt ${args.join(' ')}\` ended with ${result.status ?? result.signal}, not ${expectCode}`);
    process.exit(1);
  }
}

console.log('chkpt runs a script exactly as node would and keeps its in-memory state.');
console.log('(In this clone `chkpt` is `bin/chkpt`; `npm link` puts it on your PATH.)');
console.log(`\n1. A training job that crashes in epoch ${crashAt}, run under chkpt with no options:`);
chkpt(['run', 'examples/train.ts', '--epochs', '10', '--crash-at', String(crashAt)], { expectCode: 1 });

console.log('\n2. The run is in the store, with its checkpoints:');
chkpt(['ls', 'train.ts']);

console.log('\n3. What the crash kept: the model, its weights, the loss history, the settings:');
chkpt(['show', 'train.ts@crash']);

console.log('\n4. One value, with its statistics and histogram:');
chkpt(['show', 'train.ts@crash', 'model.hidden.weights']);

console.log('\n5. The bug fixed, the job goes on from the crash with chkpt.restore() (here: the same script, without --crash-at):');
chkpt(['resume', 'train.ts@crash', '--', '--epochs', '10']);

console.log('\n6. The resumed run records where it came from:');
chkpt(['ls']);

console.log('\nNext, open the crash state in a Node REPL, every variable loaded on first use:');
console.log('  chkpt repl train.ts@crash');
console.log('or export the weights for numpy: chkpt export train.ts@crash model.hidden.weights -o weights.npy');
