// Where running scripts listen for `chkpt snap`: one Unix socket per process
// in a private folder, named `<pid>.<run id>.sock` so a pid or a run id finds
// it. Unix sockets only: nothing listens on the network.
import { userInfo, tmpdir } from 'node:os';
import path from 'node:path';

/** The private folder of control sockets for this user. */
export function controlDir(env: NodeJS.ProcessEnv = process.env): string {
  const runtime = env['XDG_RUNTIME_DIR'];
  if (runtime) return path.join(runtime, 'chkpt');
  let user = 'user';
  try {
    user = String(userInfo().uid);
  } catch {
    // No passwd entry: one folder for all.
  }
  return path.join(tmpdir(), `chkpt-${user}`);
}

/** The socket of process `pid` writing run `runId`. */
export function controlSocket(dir: string, pid: number, runId: string): string {
  return path.join(dir, `${pid}.${runId}.sock`);
}

/** Where a script's process leaves its crash line for `chkpt run` to print after the script's own output. */
export function crashNote(dir: string, pid: number): string {
  return path.join(dir, `${pid}.crash`);
}

/** Reads `<pid>.<runId>.sock` back; undefined for other files. */
export function parseControlSocket(name: string): { pid: number; runId: string } | undefined {
  const m = /^(\d+)\.([0-9a-f]+)\.sock$/.exec(name);
  return m ? { pid: Number(m[1]), runId: m[2]! } : undefined;
}

/** A request on a control socket (one JSON line) and its answer. */
export interface SnapRequest {
  type: 'snapshot';
  label?: string;
}

export interface SnapAnswer {
  ok: boolean;
  runId?: string;
  n?: number;
  store?: string;
  bytesTotal?: number;
  bytesNew?: number;
  reason?: string;
}
