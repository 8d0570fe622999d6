// Whether this process sits in the foreground process group of a terminal.
// Then a Ctrl-C (SIGINT) or Ctrl-\ (SIGQUIT) from that terminal reaches the
// script's process directly, and relaying it again would deliver it twice.
import { readFileSync } from 'node:fs';

/** Reads pgrp and tpgid from /proc/self/stat; false when unknown or no terminal. */
export function inForegroundOfTerminal(): boolean {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    // Fields after the command name, which is in parentheses and may hold spaces.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const pgrp = Number(fields[2]);
    const tpgid = Number(fields[5]);
    return tpgid > 0 && tpgid === pgrp;
  } catch {
    return false;
  }
}
