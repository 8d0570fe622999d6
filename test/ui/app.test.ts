// The server's routes through Hono's own request(), on a store built with
// the real encoder: the access token and Host checks, and each API answer.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { open } from '../../src/api/index.js';
import type { ChkptStore } from '../../src/api/store-handle.js';
import { createApp } from '../../src/ui/app.js';
import { checkpoint, type TempStore, tempStore } from '../api/helpers.js';

const PORT = 8123;
const TOKEN = 'a'.repeat(48);
let temp: TempStore;
let store: ChkptStore;
let app: ReturnType<typeof createApp>;
const assets = { html: '<!doctype html><title>chkpt</title>', files: new Map([['app.js', { body: new Uint8Array([59]), type: 'text/javascript' }]]) };

before(async () => {
  temp = tempStore();
  const run = temp.store.beginRun({ id: 'aaaaaaaaaaaa', script: '/work/train.mjs', argv: ['--epochs', '2'], startedAt: 1000 });
  checkpoint(temp.store, run.id, { loss: 0.5, weights: Float64Array.from({ length: 5000 }, (_, i) => i % 10), settings: { lr: 0.1, tags: ['a', 'b'] } }, { trigger: 'interval', time: 2000 });
  checkpoint(temp.store, run.id, {
    loss: 0.25, weights: Float64Array.from({ length: 5000 }, (_, i) => i % 10 + 1),
    rows: Array.from({ length: 1234 }, (_, i) => ({ id: i, name: `row ${i}` })),
  }, { trigger: 'crash', time: 3000 });
  temp.store.endRun(run.id, { status: 'crashed', exitCode: 1, endedAt: 3500 });
  store = await open(temp.dir);
  app = createApp({ store, token: TOKEN, port: () => PORT, assets });
});
after(() => {
  store.close();
  temp.cleanup();
});

const authed = { host: `127.0.0.1:${PORT}`, cookie: `chkpt_ui=${TOKEN}` };
async function json<T>(path: string): Promise<T> {
  const res = await app.request(path, { headers: authed });
  assert.equal(res.status, 200, await res.clone().text());
  return res.json() as Promise<T>;
}

describe('chkpt ui access', () => {
  it('refuses a request without the token, or with a wrong one, with 403', async () => {
    for (const headers of [{ host: `127.0.0.1:${PORT}` }, { host: `127.0.0.1:${PORT}`, cookie: 'chkpt_ui=nope' }] as Record<string, string>[]) {
      const res = await app.request('/api/runs', { headers });
      assert.equal(res.status, 403);
      assert.match(await res.text(), /missing or wrong access token/);
    }
    assert.equal((await app.request(`/api/runs?token=${'b'.repeat(48)}`, { headers: { host: `127.0.0.1:${PORT}` } })).status, 403);
  });

  it('refuses another Host (DNS rebinding) even with the token', async () => {
    for (const host of [`evil.example:${PORT}`, `127.0.0.1:${PORT + 1}`, '127.0.0.1']) {
      const res = await app.request('/api/runs', { headers: { ...authed, host } });
      assert.equal(res.status, 403, host);
    }
  });

  it('takes the token from the printed address once, sets it as a strict cookie and drops it from the address', async () => {
    const res = await app.request(`/?token=${TOKEN}`, { headers: { host: `localhost:${PORT}` } });
    assert.equal(res.status, 303);
    assert.equal(res.headers.get('location'), '/');
    assert.match(res.headers.get('set-cookie') ?? '', new RegExp(`^chkpt_ui=${TOKEN}; Path=/; HttpOnly; SameSite=Strict`));
    const page = await app.request('/', { headers: authed });
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-security-policy') ?? '', /default-src 'self'/);
    assert.equal(page.headers.get('referrer-policy'), 'no-referrer');
  });
});

describe('chkpt ui API', () => {
  it('lists runs with their crash checkpoint, and a run with its checkpoints', async () => {
    const runs = await json<{ id: string; status: string; crash: string; checkpoints: number }[]>('/api/runs');
    assert.deepEqual(runs.map((r) => [r.id, r.status, r.crash, r.checkpoints]), [['aaaaaaaaaaaa', 'crashed', 'aaaaaaaaaaaa@2', 2]]);
    const run = await json<{ checkpoints: { ref: string; trigger: string }[] }>('/api/runs/aaaa');
    assert.deepEqual(run.checkpoints.map((c) => [c.ref, c.trigger]), [['aaaaaaaaaaaa@1', 'interval'], ['aaaaaaaaaaaa@2', 'crash']]);
  });

  it('gives a numeric array as a downsampled min/max line with its statistics', async () => {
    const view = await json<{ kind: string; length: number; plot: { x: number[]; min: number[]; max: number[]; step: number }; summary: { min: number; max: number } }>(
      '/api/value?ref=train@crash&path=weights&buckets=100');
    assert.equal(view.kind, 'numeric');
    assert.equal(view.length, 5000);
    assert.equal(view.plot.x.length, 100);
    assert.equal(view.plot.step, 50);
    assert.ok(view.plot.min.every((v) => v === 1) && view.plot.max.every((v) => v === 10));
    assert.deepEqual([view.summary.min, view.summary.max], [1, 10]);
  });

  it('pages a table, and opens any other value as a tree', async () => {
    const page = await json<{ kind: string; rowCount: number; offset: number; rows: unknown[][]; columns: { name: string }[] }>(
      '/api/value?ref=train@crash&path=rows&offset=1200&limit=50');
    assert.equal(page.kind, 'table');
    assert.equal(page.rowCount, 1234);
    assert.deepEqual(page.columns.map((c) => c.name), ['id', 'name']);
    assert.equal(page.rows.length, 34);
    assert.deepEqual(page.rows[0], [1200, 'row 1200']);
    const tree = await json<{ kind: string; tree: { children: { key: string; node: { path: string; preview: string } }[] } }>(
      '/api/value?ref=train@1&path=settings');
    assert.equal(tree.kind, 'tree');
    assert.deepEqual(tree.tree.children.map((c) => [c.key, c.node.path]), [['lr', 'settings.lr'], ['tags', 'settings.tags']]);
    const scalar = await json<{ kind: string; text: string }>('/api/value?ref=train@1&path=settings.lr');
    assert.deepEqual([scalar.kind, scalar.text], ['scalar', '0.1']);
  });

  it('follows a value across the run, and diffs two checkpoints', async () => {
    const loss = await json<{ points: { n: number; value: number }[] }>('/api/series?run=train&path=loss');
    assert.deepEqual(loss.points.map((p) => [p.n, p.value]), [[1, 0.5], [2, 0.25]]);
    const weights = await json<{ points: { min: number; max: number }[] }>('/api/series?run=train&path=weights');
    assert.deepEqual(weights.points.map((p) => [p.min, p.max]), [[0, 9], [1, 10]]);
    const diff = await json<{ changed: { name: string }[]; appeared: { name: string }[]; disappeared: { name: string }[] }>('/api/diff?a=train@1&b=train@2');
    assert.deepEqual(diff.changed.map((c) => c.name).sort(), ['loss', 'weights']);
    assert.deepEqual(diff.appeared.map((c) => c.name), ['rows']);
    assert.deepEqual(diff.disappeared.map((c) => c.name), ['settings']);
  });

  it('downloads an export as a file of its format', async () => {
    const res = await app.request('/api/export?ref=train@crash&path=weights&format=npy', { headers: authed });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-disposition'), 'attachment; filename="weights.npy"');
    const bytes = Buffer.from(await res.arrayBuffer());
    assert.equal(bytes.subarray(0, 6).toString('latin1'), '\x93NUMPY');
    const data = bytes.subarray(bytes.length - 5000 * 8);
    assert.deepEqual(Array.from(new Float64Array(data.buffer.slice(data.byteOffset, data.byteOffset + data.length))).slice(0, 12), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 1, 2]);
    const csv = await app.request('/api/export?ref=train@crash&path=rows&format=csv', { headers: authed });
    assert.equal((await csv.text()).split('\n')[1], '0,row 0');
  });

  it('answers bad requests with a coded error: unknown checkpoint 404, bad parameters 400, unfitting format 400', async () => {
    const unknown = await app.request('/api/value?ref=nope@1&path=x', { headers: authed });
    assert.equal(unknown.status, 404);
    assert.equal(((await unknown.json()) as { code: string }).code, 'ECHKPT_NOT_FOUND');
    assert.equal((await app.request('/api/value?ref=train@1&path=weights&limit=100000', { headers: authed })).status, 400);
    assert.equal((await app.request('/api/value?ref=train@1', { headers: authed })).status, 400);
    const unfit = await app.request('/api/export?ref=train@1&path=settings&format=npy', { headers: authed });
    assert.equal(unfit.status, 400);
    assert.match(((await unfit.json()) as { error: string }).error, /cannot be exported as npy.*use json, ndjson/);
  });
});
