#!/usr/bin/env node
// chkpt's executable: `chkpt <command> ...`.
import { main } from './program.js';

await main(process.argv.slice(2));
