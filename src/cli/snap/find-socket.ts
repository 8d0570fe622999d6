// Finds the control socket of a running script by pid or by run id prefix.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { controlDir, parseControlSocket } from '../../shared/control-paths.js';
import { ChkptError, ErrorCode } from '../../shared/errors.js';
import { pidAlive } from '../../store/fs-private.js';

export interface FoundSocket {
  file: string;
  pid: number;
  runId: string;
}

/** The socket for `target` (a pid, or a run id or its prefix); throws NOT_FOUND or AMBIGUOUS. */
export function findSocket(target: string, dir = controlDir()): FoundSocket {
  let names: string[] = [];
  try {
    names = readdirSync(dir);
  } catch {
    // No folder: nothing runs under chkpt.
  }
  const running = names
    .map((name) => ({ name, parsed: parseControlSocket(name) }))
    .filter((e): e is { name: string; parsed: { pid: number; runId: string } } => e.parsed !== undefined && pidAlive(e.parsed.pid))
    .map((e) => ({ file: path.join(dir, e.name), ...e.parsed }));
  const byPid = /^\d+$/.test(target) ? running.filter((s) => s.pid === Number(target)) : [];
  const matches = byPid.length > 0 ? byPid : running.filter((s) => s.runId.startsWith(target.toLowerCase()));
  if (matches.length === 1) return matches[0]!;
  const list = running.map((s) => `${s.pid} (run ${s.runId})`).join(', ');
  if (matches.length === 0) {
    throw new ChkptError(ErrorCode.NOT_FOUND,
      `no running chkpt script matches \`${target}\`${list ? `; running: ${list}` : '; none is running (scripts run with `chkpt run` can be snapped)'}`, { target });
  }
  throw new ChkptError(ErrorCode.AMBIGUOUS, `\`${target}\` matches several running scripts: ${matches.map((s) => `${s.pid} (run ${s.runId})`).join(', ')}; give more of the run id`, { target });
}
