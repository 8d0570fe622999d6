// Listens on this process's control socket: `chkpt snap` from another
// terminal asks for a checkpoint now (trigger `request`). The socket lives in
// a 0700 folder and is itself 0600: only the user who runs the script can ask.
import { chmodSync, mkdirSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { controlDir, controlSocket, type SnapAnswer, type SnapRequest } from '../shared/control-paths.js';
import { debug } from '../shared/debug.js';

/** Serves snapshot requests with `take`; returns a function that closes the socket. */
export function listenForRequests(runId: string, take: (label?: string) => Promise<SnapAnswer>): () => void {
  const dir = controlDir();
  const file = controlSocket(dir, process.pid, runId);
  let server: Server;
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    chmodSync(dir, 0o700);
    rmSync(file, { force: true });
    server = createServer((socket) => {
      let input = '';
      socket.setEncoding('utf8');
      socket.on('error', () => {});
      socket.on('data', (chunk: string) => {
        input += chunk;
        const end = input.indexOf('\n');
        if (end < 0) {
          if (input.length > 64 * 1024) socket.destroy();
          return;
        }
        let request: SnapRequest | undefined;
        try {
          request = JSON.parse(input.slice(0, end)) as SnapRequest;
        } catch {
          request = undefined;
        }
        if (request?.type !== 'snapshot') {
          socket.end(`${JSON.stringify({ ok: false, reason: 'unknown request' })}\n`);
          return;
        }
        const label = typeof request.label === 'string' ? request.label : undefined;
        take(label).then(
          (answer) => socket.end(`${JSON.stringify(answer)}\n`),
          (err: unknown) => socket.end(`${JSON.stringify({ ok: false, reason: String(err) })}\n`),
        );
      });
    });
    server.on('error', (err) => debug('control', `socket error: ${String(err)}`));
    server.listen(file, () => {
      try {
        chmodSync(file, 0o600);
      } catch {
        // Gone already.
      }
    });
    server.unref();
  } catch (err) {
    debug('control', `no control socket: ${String(err)}`);
    return () => {};
  }
  return () => {
    server.close();
    rmSync(file, { force: true });
  };
}
