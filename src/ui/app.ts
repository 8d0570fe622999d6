// The routes of `chkpt ui`: the page and its assets, and a read-only JSON API
// over the reading API (runs, checkpoints, values, series, diffs, exports),
// plus a stream of change events so that a page follows a run in progress.
// Every request must carry the access token (a cookie the first request with
// `?token=` sets) and name this server as its Host: a page of another origin,
// another local user, or a DNS name rebound to 127.0.0.1 gets 403.
import { timingSafeEqual } from 'node:crypto';
import { PassThrough, Readable } from 'node:stream';
import { Hono, type Context } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { streamSSE } from 'hono/streaming';
import type { Checkpoint } from '../api/checkpoint.js';
import { checkpointName } from '../api/checkpoint-ref.js';
import { diffCheckpoints } from '../api/diff.js';
import { EXPORT_FORMATS, describeKind, doesNotFit, fittingFormats, pickFormat } from '../api/export/formats.js';
import { exportInput } from '../api/export/index.js';
import type { ChkptStore } from '../api/store-handle.js';
import { ChkptError, ErrorCode, isChkptError } from '../shared/errors.js';
import type { CheckpointInfo, RunInfo } from '../store/index.js';
import type { Assets } from './assets.js';
import { MAX_PAGE, exportInputOf, seriesOf, subtree, valueView } from './views.js';

const COOKIE = 'chkpt_ui';
/** How often the event stream looks at the store for changes. */
const POLL_MS = 1000;

export interface AppOptions {
  store: ChkptStore;
  token: string;
  /** The port the server listens on: the only Host accepted is 127.0.0.1 or localhost on it. */
  port: () => number;
  assets: Assets;
}

function sameToken(given: string | undefined, token: string): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function runJson(run: RunInfo, cps: CheckpointInfo[]) {
  return {
    id: run.id, script: run.script, argv: run.argv, cwd: run.cwd, status: run.status, alive: run.alive ?? null,
    startedAt: run.startedAt, endedAt: run.endedAt ?? null, exitCode: run.exitCode ?? null, signal: run.signal ?? null,
    parentRunId: run.parentRunId ?? null, resumedFrom: run.resumedFrom ?? null, damaged: run.damaged ?? null,
    checkpoints: cps.length, bytesNew: cps.reduce((a, c) => a + c.bytesNew, 0),
    crash: cps.find((c) => c.trigger === 'crash') ? checkpointName(cps.find((c) => c.trigger === 'crash')!) : null,
  };
}

function checkpointJson(cp: CheckpointInfo) {
  return {
    ref: checkpointName(cp), id: cp.id, n: cp.n, time: cp.time, trigger: cp.trigger, label: cp.label ?? null,
    status: cp.status, failure: cp.failure ?? null, location: cp.location ?? null, variables: cp.variableCount,
    bytesTotal: cp.bytesTotal, bytesNew: cp.bytesNew, skipped: cp.skipped.length, damaged: cp.damaged ?? null,
  };
}

/** What the store looks like now, cheaply: a change of it is a change event. */
function signature(store: ChkptStore): string {
  const runs = store.raw.runs();
  const cps = store.raw.checkpoints();
  const last = cps.reduce((m, c) => Math.max(m, c.id), 0);
  return `${runs.length}:${cps.length}:${last}:${runs.map((r) => `${r.id}${r.status}${r.endedAt ?? ''}`).join(',')}`;
}

/** The status and body of an error, for the API. */
function failure(err: unknown): { status: 400 | 404 | 500; body: { error: string; code: string } } {
  if (isChkptError(err)) {
    const status = err.code === ErrorCode.NOT_FOUND || err.code === ErrorCode.AMBIGUOUS ? 404
      : err.code === ErrorCode.BAD_OPTION ? 400 : 500;
    return { status, body: { error: err.message, code: err.code } };
  }
  return { status: 500, body: { error: String((err as Error)?.message ?? err), code: ErrorCode.INTERNAL } };
}

/** The Hono app serving `options.store`. */
export function createApp(options: AppOptions): Hono {
  const { store, token, assets } = options;
  const app = new Hono();

  app.use('*', async (c, next) => {
    const host = c.req.header('host') ?? '';
    const port = options.port();
    if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) return c.text('chkpt ui: wrong Host header\n', 403);
    const fromQuery = c.req.query('token');
    if (sameToken(fromQuery, token)) {
      setCookie(c, COOKIE, token, { httpOnly: true, sameSite: 'Strict', path: '/' });
      // The token leaves the address bar (and the history) at once.
      if (c.req.method === 'GET' && c.req.path === '/') return c.redirect('/', 303);
    } else if (!sameToken(getCookie(c, COOKIE), token)) {
      return c.text('chkpt ui: missing or wrong access token: open the address `chkpt ui` printed\n', 403);
    }
    await next();
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Referrer-Policy', 'no-referrer');
    c.header('X-Frame-Options', 'DENY');
    c.header('Content-Security-Policy', "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'");
    if (c.req.path.startsWith('/api/')) c.header('Cache-Control', 'no-store');
  });

  app.get('/', (c) => c.html(assets.html));
  app.get('/assets/:name', (c) => {
    const asset = assets.files.get(c.req.param('name'));
    if (!asset) return c.text('not found\n', 404);
    return c.body(asset.body, 200, { 'Content-Type': asset.type });
  });

  const api = (handler: (c: Context) => Promise<unknown> | unknown) => async (c: Context) => {
    try {
      return c.json(await handler(c) as object);
    } catch (err) {
      const { status, body } = failure(err);
      return c.json(body, status);
    }
  };
  const checkpointOf = (c: Context): Checkpoint => store.checkpoint(required(c, 'ref'));

  app.get('/api/store', api(() => ({ ...store.stats(), dir: store.dir })));

  app.get('/api/runs', api(() => {
    const byRun = new Map<string, CheckpointInfo[]>();
    for (const cp of store.raw.checkpoints()) byRun.set(cp.runId, [...(byRun.get(cp.runId) ?? []), cp]);
    return store.runs().map((r) => runJson(r, byRun.get(r.id) ?? []));
  }));

  app.get('/api/runs/:id', api((c) => {
    const run = store.run(c.req.param('id')!);
    const cps = store.checkpoints(run.id);
    return { run: runJson(run, cps), checkpoints: cps.map(checkpointJson) };
  }));

  app.get('/api/checkpoint', api((c) => {
    const cp = checkpointOf(c);
    return {
      checkpoint: checkpointJson(cp.info), run: runJson(cp.run, []),
      variables: cp.variables().map((v) => ({
        name: v.name, scope: v.scope, frameIndex: v.frameIndex ?? null, frameFunction: v.frameFunction ?? null, type: v.type,
        class: v.class ?? null, shape: v.shape ?? null, byteSize: v.byteSize, storedBytes: v.storedBytes, damaged: v.damaged ?? null,
      })),
      skipped: cp.info.skipped,
    };
  }));

  app.get('/api/value', api(async (c) => {
    const offset = intParam(c, 'offset', 0);
    const limit = intParam(c, 'limit', 100);
    const buckets = intParam(c, 'buckets', 2000);
    if (limit > MAX_PAGE) throw new ChkptError(ErrorCode.BAD_OPTION, `limit is at most ${MAX_PAGE}`, { limit });
    return valueView(checkpointOf(c), required(c, 'path'), { offset, limit, buckets: Math.min(buckets, 10_000) });
  }));

  app.get('/api/tree', api((c) => subtree(checkpointOf(c), required(c, 'path'))));

  app.get('/api/series', api(async (c) => {
    const run = store.run(required(c, 'run'));
    const cps = store.checkpoints(run.id).filter((cp) => cp.status === 'ok').map((cp) => store.checkpoint(checkpointName(cp)));
    return { run: run.id, path: required(c, 'path'), points: await seriesOf(cps, required(c, 'path')) };
  }));

  app.get('/api/diff', api(async (c) => diffCheckpoints(store.checkpoint(required(c, 'a')), store.checkpoint(required(c, 'b')))));

  app.get('/api/export', async (c) => {
    try {
      const cp = checkpointOf(c);
      const path = required(c, 'path');
      const format = pickFormat(c.req.query('format'), undefined);
      const input = exportInputOf(cp, path);
      // A format that does not fit is an error response; a failure while writing breaks the download off.
      if (!fittingFormats(input).includes(format)) throw doesNotFit(input, format, describeKind(input.value()));
      const pass = new PassThrough();
      exportInput(input, format, pass).then(() => pass.end(), (err: unknown) => pass.destroy(err as Error));
      const file = `${input.name.replace(/[^\w.-]+/g, '_') || 'value'}.${format === 'arrow' ? 'arrow' : format}`;
      return new Response(Readable.toWeb(pass) as ReadableStream, {
        headers: {
          'Content-Type': 'application/octet-stream',
          'Content-Disposition': `attachment; filename="${file}"`,
          'Cache-Control': 'no-store',
        },
      });
    } catch (err) {
      const { status, body } = failure(err);
      return c.json(body, status);
    }
  });

  app.get('/api/formats', (c) => c.json(EXPORT_FORMATS));

  app.get('/api/events', (c) => streamSSE(c, async (stream) => {
    let last = signature(store);
    await stream.writeSSE({ event: 'hello', data: last });
    while (!stream.aborted && !stream.closed) {
      await stream.sleep(POLL_MS);
      let now: string;
      try {
        now = signature(store);
      } catch {
        continue;
      }
      if (now !== last) {
        last = now;
        await stream.writeSSE({ event: 'change', data: now });
      }
    }
  }));

  return app;
}

function required(c: Context, name: string): string {
  const value = c.req.query(name);
  if (value === undefined || value === '') throw new ChkptError(ErrorCode.BAD_OPTION, `missing query parameter \`${name}\``, { name });
  return value;
}

function intParam(c: Context, name: string, fallback: number): number {
  const raw = c.req.query(name);
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isSafeInteger(n) || n < 0) throw new ChkptError(ErrorCode.BAD_OPTION, `\`${name}\` must be a whole number, got \`${raw}\``, { name, value: raw });
  return n;
}
