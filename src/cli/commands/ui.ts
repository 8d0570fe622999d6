// `chkpt ui`: the store in a browser, served read-only on 127.0.0.1 until
// Ctrl-C (src/ui/).
import { spawn } from 'node:child_process';
import { ChkptError, ErrorCode } from '../../shared/errors.js';
import { type StoreOption, openForReading } from './common.js';

export interface UiOptions extends StoreOption {
  port?: string;
  open?: boolean;
}

function portOf(value: string | undefined): number {
  if (value === undefined) return 0;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) {
    throw new ChkptError(ErrorCode.BAD_OPTION, `Expected \`--port\` to be a port number (0-65535; 0 or none: a free one), got \`${value}\`.`, { option: 'port', value });
  }
  return n;
}

/** Opens `url` in the desktop's browser, if there is one; says so when not. */
function openBrowser(url: string): void {
  const command = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
  const child = spawn(command, [url], { stdio: 'ignore', detached: true });
  child.on('error', () => process.stderr.write(`chkpt ui: no browser to open here (${command}): open the address above yourself\n`));
  child.unref();
}

export async function uiCommand(opts: UiOptions): Promise<void> {
  const port = portOf(opts.port);
  const store = await openForReading(opts);
  const { startUi } = await import('../../ui/server.js');
  let server;
  try {
    server = await startUi(store, port);
  } catch (err) {
    store.close();
    throw err;
  }
  process.stdout.write(`chkpt ui: ${server.url}\n(read-only, on this machine only; Ctrl-C stops it)\n`);
  if (opts.open) openBrowser(server.url);
  await new Promise<void>((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      void server.close().finally(() => {
        store.close();
        resolve();
      });
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
