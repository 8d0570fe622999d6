// Imported first by the worker. Whatever this thread would print (a library's
// warning, a stray console.log) must never reach the script's streams, and a
// worker's stdio stream holding unread output keeps the script's process from
// exiting. So this thread's stdout and stderr write nowhere, or to the debug
// log under CHKPT_DEBUG=2.
import { debug } from '../shared/debug.js';

for (const stream of [process.stdout, process.stderr]) {
  stream.write = ((chunk: unknown) => {
    debug('worker-stdio', String(chunk).trimEnd(), 2);
    return true;
  }) as typeof stream.write;
}
process.on('warning', () => {});
