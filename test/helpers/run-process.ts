// Runs a process to its end for end-to-end tests: collects stdout and stderr,
// feeds stdin, and can send a signal once a given line appears on stdout.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
/** The executable as users run it (bin/chkpt: `chkpt run` as one process). */
export const chkptBin = fileURLToPath(new URL('../../bin/chkpt', import.meta.url));
/** The full CLI, run with node (every command; `chkpt run` through a child process). */
export const chkptCli = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));
/** An environment whose `node` is the one running the tests (bin/chkpt starts `node`). */
export function withThisNode(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return { ...env, PATH: `${path.dirname(process.execPath)}${path.delimiter}${env['PATH'] ?? ''}` };
}
/**
 * The shared conformance scripts, read in place from `../shared/conformance`
 * beside the repository; undefined on a clone that has none (that suite is
 * then skipped). Resolved as node names it in stack traces (shared/ may be
 * reached through a link).
 */
export const sharedConformanceDir = realDir(new URL('../../../shared/conformance/', import.meta.url));

function realDir(url: URL): string | undefined {
  const dir = fileURLToPath(url);
  return existsSync(dir) ? `${realpathSync(dir)}/` : undefined;
}

export interface RunOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  stdin?: string;
  signalAfterLine?: string;
  signal?: NodeJS.Signals;
  timeoutMs?: number;
}

export interface RunResult {
  stdout: string;
  stderr: string;
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Milliseconds from the signal being sent to the process ending. */
  msAfterSignal?: number;
}

/** Runs `command args` and resolves with everything it printed and how it ended. */
export function runProcess(command: string, args: string[], options: RunOptions = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const debugLog = debugLogFor(options.env ?? process.env);
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: debugLog.env,
      stdio: ['pipe', 'pipe', 'pipe'],
      // A group of its own: a timeout ends it and every process it started
      // (the script behind `chkpt run`), so none outlives the test holding
      // its output open and keeping the test runner waiting.
      detached: true,
    });
    let stdout = '';
    let stderr = '';
    let signalledAt: number | undefined;
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      stdout += chunk;
      if (options.signalAfterLine && signalledAt === undefined && stdout.split('\n').includes(options.signalAfterLine)) {
        signalledAt = Date.now();
        // Give the script a moment to reach its loop or its idle wait.
        setTimeout(() => child.kill(options.signal ?? 'SIGINT'), 150);
      }
    });
    child.stderr.on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => {
      killGroup(child.pid);
      child.stdout.destroy();
      child.stderr.destroy();
      reject(new Error(`timed out: ${command} ${args.join(' ')}\nstdout: ${stdout}\nstderr: ${stderr}\nchkpt's debug log (its start and end):\n${debugLog.tail()}`));
      debugLog.remove();
    }, options.timeoutMs ?? 30_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      debugLog.remove();
      resolve({
        stdout,
        stderr,
        code,
        signal,
        ...(signalledAt !== undefined ? { msAfterSignal: Date.now() - signalledAt - 150 } : {}),
      });
    });
    if (options.stdin !== undefined) child.stdin.end(options.stdin);
    else child.stdin.end();
  });
}

let logs = 0;

/**
 * Unless the test sets CHKPT_DEBUG itself, chkpt's debug log of the process
 * goes to a file of its own (the process's output stays as it is): a run
 * that times out is reported with what chkpt was doing.
 */
function debugLogFor(env: NodeJS.ProcessEnv): { env: NodeJS.ProcessEnv; tail(): string; remove(): void } {
  if (env['CHKPT_DEBUG'] !== undefined) return { env, tail: () => '(CHKPT_DEBUG set by the test)', remove: () => {} };
  const file = path.join(tmpdir(), `chkpt-test-debug-${process.pid}-${++logs}.log`);
  return {
    env: { ...env, CHKPT_DEBUG: '2', CHKPT_DEBUG_FILE: file },
    tail: () => {
      try {
        const lines = readFileSync(file, 'utf8').split('\n');
        return lines.length <= 100 ? lines.join('\n') : [...lines.slice(0, 30), '...', ...lines.slice(-70)].join('\n');
      } catch {
        return '(none written)';
      }
    },
    remove: () => rmSync(file, { force: true }),
  };
}

/** Kills a process and the processes of its group. */
function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

/** Runs the built executable as users do: `chkpt ...args`. */
export function runChkpt(args: string[], options: RunOptions = {}): Promise<RunResult> {
  return runProcess(chkptBin, args, { ...options, env: withThisNode(options.env) });
}

/** Runs the full CLI under node: `node dist/cli/main.js ...args` (`chkpt run` as two processes). */
export function runChkptCli(args: string[], options: RunOptions = {}): Promise<RunResult> {
  return runProcess(process.execPath, [chkptCli, ...args], options);
}
