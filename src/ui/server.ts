// `chkpt ui`'s server: the store's pages on 127.0.0.1 only (never another
// interface), on a free port unless one is asked for, behind a random access
// token that the printed address carries.
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import type { ChkptStore } from '../api/store-handle.js';
import { ChkptError, ErrorCode } from '../shared/errors.js';
import { createApp } from './app.js';
import { loadAssets } from './assets.js';

export const HOST = '127.0.0.1';

export interface UiServer {
  /** The address to open, token included. */
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Serves `store` until `close()`; EADDRINUSE and the like are BAD_OPTION naming the port. */
export async function startUi(store: ChkptStore, port = 0): Promise<UiServer> {
  const token = randomBytes(24).toString('hex');
  let bound = port;
  const app = createApp({ store, token, port: () => bound, assets: loadAssets() });
  const server = await new Promise<ServerType>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, hostname: HOST, port }, (info: AddressInfo) => {
      bound = info.port;
      resolve(s);
    });
    s.once('error', (err: NodeJS.ErrnoException) => {
      reject(new ChkptError(ErrorCode.BAD_OPTION, err.code === 'EADDRINUSE'
        ? `Port ${port} on ${HOST} is taken: pass another --port, or none for a free one.`
        : `Cannot listen on ${HOST}:${port}: ${err.message}`, { port, errno: err.code ?? null }, { cause: err }));
    });
  });
  return {
    url: `http://${HOST}:${bound}/?token=${token}`,
    port: bound,
    close: () => new Promise<void>((resolve) => {
      (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
      server.close(() => resolve());
    }),
  };
}
