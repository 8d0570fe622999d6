// `chkpt snap <pid|run>`: asks a running script's capture worker for a
// checkpoint now, over its control socket, and says what was saved.
import { createConnection } from 'node:net';
import type { SnapAnswer } from '../../shared/control-paths.js';
import { ChkptError, ErrorCode } from '../../shared/errors.js';
import { formatSize } from '../../store/size.js';
import { findSocket } from './find-socket.js';

/** How long a snapshot of a big state may take before snap gives up waiting. */
const ANSWER_TIMEOUT_MS = 120_000;

function ask(file: string, label: string | undefined): Promise<SnapAnswer> {
  return new Promise((resolve, reject) => {
    const socket = createConnection(file);
    let input = '';
    socket.setEncoding('utf8');
    socket.setTimeout(ANSWER_TIMEOUT_MS, () => socket.destroy(new Error('no answer in time')));
    socket.on('connect', () => socket.write(`${JSON.stringify({ type: 'snapshot', ...(label !== undefined ? { label } : {}) })}\n`));
    socket.on('data', (chunk: string) => (input += chunk));
    socket.on('error', reject);
    socket.on('end', () => {
      try {
        resolve(JSON.parse(input) as SnapAnswer);
      } catch {
        reject(new Error('the script closed the connection without an answer'));
      }
    });
  });
}

/** Sends the request and reports the checkpoint it produced. */
export async function snapCommand(target: string, options: { label?: string; json?: boolean }): Promise<void> {
  const found = findSocket(target);
  let answer: SnapAnswer;
  try {
    answer = await ask(found.file, options.label);
  } catch (err) {
    throw new ChkptError(ErrorCode.NOT_FOUND, `could not reach process ${found.pid}: ${(err as Error).message}`, { pid: found.pid });
  }
  if (options.json) {
    process.stdout.write(`${JSON.stringify({ pid: found.pid, ...answer })}\n`);
  } else if (answer.ok) {
    process.stdout.write(`saved ${answer.runId}@${answer.n}: ${formatSize(answer.bytesTotal ?? 0)} (${formatSize(answer.bytesNew ?? 0)} new)${answer.store ? ` in ${answer.store}` : ''}\n`);
  } else {
    process.stdout.write(`process ${found.pid} (run ${answer.runId ?? found.runId}) saved nothing: ${answer.reason ?? 'unknown reason'}\n`);
  }
  if (!answer.ok) process.exitCode = 1;
}
