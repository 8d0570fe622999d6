// Runs the script's process in the foreground and mirrors it: inherited stdio
// (a TTY stays a TTY), signals relayed once, its exit code, or death by the
// same signal.
import { spawn, type ChildProcess } from 'node:child_process';
import { constants } from 'node:os';
import { debug } from '../../shared/debug.js';
import { inForegroundOfTerminal } from './foreground-group.js';

/** Signals relayed to the script when they reach chkpt. */
const RELAYED: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGQUIT', 'SIGUSR1', 'SIGUSR2', 'SIGWINCH'];
/** Signals a terminal sends to its whole foreground process group (the script got it too). */
const FROM_TERMINAL = new Set<NodeJS.Signals>(['SIGINT', 'SIGQUIT', 'SIGWINCH']);

/** How the script's process ended. */
export interface Outcome {
  code: number | null;
  signal: NodeJS.Signals | null;
  pid?: number;
}

/** Spawns `node args`, relays signals and IPC, and resolves when it has exited. */
export function spawnForeground(args: string[], env: NodeJS.ProcessEnv, cwd = process.cwd()): Promise<Outcome> {
  const stdio: ('inherit' | 'ipc')[] = ['inherit', 'inherit', 'inherit'];
  if (process.send) stdio.push('ipc');
  const child = spawn(process.execPath, args, { stdio, env, cwd });
  const unrelay = relaySignals(child);
  relayIpc(child);
  return new Promise((resolve) => {
    child.on('error', (err) => {
      // Spawning node itself failed (e.g. EAGAIN): say so as node would.
      process.stderr.write(`chkpt: could not start node: ${err.message}\n`);
      resolve({ code: 1, signal: null });
    });
    child.on('exit', (code, signal) => {
      unrelay();
      resolve({ code, signal, ...(child.pid !== undefined ? { pid: child.pid } : {}) });
    });
  });
}

function relaySignals(child: ChildProcess): () => void {
  const listeners = new Map<NodeJS.Signals, () => void>();
  for (const signal of RELAYED) {
    const listener = (): void => {
      if (FROM_TERMINAL.has(signal) && inForegroundOfTerminal()) return;
      debug('run', `relaying ${signal} to ${child.pid}`);
      try {
        child.kill(signal);
      } catch {
        // Already gone.
      }
    };
    try {
      process.on(signal, listener);
      listeners.set(signal, listener);
    } catch {
      // Not a signal on this platform.
    }
  }
  return () => {
    for (const [signal, listener] of listeners) process.removeListener(signal, listener);
  };
}

function relayIpc(child: ChildProcess): void {
  if (!process.send) return;
  child.on('message', (message: unknown) => process.send?.(message as never));
  process.on('message', (message: unknown) => child.send(message as never));
  child.on('disconnect', () => process.disconnect?.());
}

/** Ends chkpt as the script ended: same exit code, or death by the same signal. */
export function mirrorOutcome(outcome: Outcome): void {
  if (outcome.signal) {
    // Nothing of ours may catch it now; then re-raise so the shell sees the signal.
    process.removeAllListeners(outcome.signal);
    process.kill(process.pid, outcome.signal);
    // Should the signal not end us (ignored by our parent's setup), end as shells report it.
    setTimeout(() => process.exit(128 + (constants.signals[outcome.signal as NodeJS.Signals] ?? 0)), 1000).unref();
    return;
  }
  process.exitCode = outcome.code ?? 1;
}
