// `chkpt ui` end to end, in a real headless browser (Debian's chromium,
// driven by playwright-core; .ci/run installs it): from the printed address to
// a crashed run's checkpoint, a Float64Array's plot drawn, a million-row table
// paged to its end, an export downloaded and its bytes checked, a new run
// appearing without a reload; and the server: 403 without the token or with
// another Host, listening on 127.0.0.1 only, stopped cleanly by Ctrl-C.
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { connect } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { type Browser, type Page, chromium } from 'playwright-core';
import { chkptCli, runChkpt } from '../helpers/run-process.js';

const CHROMIUM = process.env['CHKPT_TEST_CHROMIUM'] ?? '/usr/bin/chromium';
const fixtures = fileURLToPath(new URL('../fixtures/ui/', import.meta.url));
const work = mkdtempSync(path.join(tmpdir(), 'chkpt-ui-'));
const store = path.join(work, 'store');
const skip = existsSync(CHROMIUM) ? false : `no browser at ${CHROMIUM} (.ci/run installs Debian's chromium)`;

/** The page's document as functions that run in the page see it (the tests compile without the DOM's types; the page's CSP allows no eval of text). */
type Doc = { document: { querySelector(s: string): { textContent: string | null } | null; querySelectorAll(s: string): { length: number } } };

let server: ChildProcess;
let url: string;
let origin: string;
let browser: Browser;
let page: Page;

/** Starts `chkpt ui` and resolves with the address it prints. */
function startUi(): Promise<string> {
  server = spawn(process.execPath, [chkptCli, 'ui', '--store', store], { stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let out = '';
    server.stdout!.on('data', (d: Buffer) => {
      out += d;
      const m = /chkpt ui: (http:\/\/\S+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    server.on('exit', (code) => reject(new Error(`chkpt ui ended (${code}): ${out}`)));
  });
}

before(async () => {
  if (skip) return;
  const crashed = await runChkpt(['run', '-o', store, 'crash-plot.mjs'], { cwd: fixtures });
  assert.equal(crashed.code, 1, crashed.stderr);
  url = await startUi();
  origin = new URL(url).origin;
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  page = await (await browser.newContext({ acceptDownloads: true, viewport: { width: 1200, height: 900 } })).newPage();
});

after(async () => {
  await browser?.close();
  if (server && server.exitCode === null) server.kill('SIGKILL');
  rmSync(work, { recursive: true, force: true });
});

describe('chkpt ui in a browser', { skip }, () => {
  it('opens the runs page from the printed address, the token then gone from the address bar', async () => {
    await page.goto(url);
    await page.waitForSelector('table.runs tbody tr');
    assert.equal(page.url(), `${origin}/#/`.replace('#/', ''));
    assert.match(await page.textContent('table.runs') ?? '', /crash-plot\.mjs.*crashed \(1\)/s);
  });

  it('clicks through to the crashed run\'s checkpoint and sees its Float64Array plotted', async () => {
    await page.click('table.runs a.badge.crash');
    await page.waitForSelector('table.variables');
    assert.match(await page.textContent('h1') ?? '', /@1\s*crash/);
    await page.click('table.variables a:text-is("weights")');
    await page.waitForSelector('#line canvas');
    assert.match(await page.textContent('.stats') ?? '', /float64 · 200,000 values/);
    // The line is drawn: many pixels of the canvas are not background.
    // (Browser code as text: the tests compile without the DOM's types.)
    const inked = await page.evaluate<number>(`(() => {
      const c = document.querySelector('#line canvas');
      const data = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
      let n = 0;
      for (let i = 3; i < data.length; i += 4) if (data[i] > 0) n++;
      return n;
    })()`);
    assert.ok(inked > 2000, `${inked} pixels drawn`);
    assert.ok(await page.$('#histogram canvas'));
  });

  it('downloads the array as .npy, and its bytes are the array\'s', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('.downloads a:text-is("npy")')]);
    assert.equal(download.suggestedFilename(), 'weights.npy');
    const file = path.join(work, 'weights.npy');
    await download.saveAs(file);
    const bytes = readFileSync(file);
    assert.equal(bytes.subarray(0, 6).toString('latin1'), '\x93NUMPY');
    const values = new Float64Array(bytes.buffer.slice(bytes.length - 200_000 * 8 + bytes.byteOffset, bytes.byteOffset + bytes.length));
    assert.equal(values.length, 200_000);
    for (const i of [0, 1, 77_777, 199_999]) assert.equal(values[i], Math.sin(i / 5000) * (1 + i / 200_000));
  });

  it('pages a table of a million rows to its last page', async () => {
    await page.click('#crumbs a:text-matches("checkpoint")');
    await page.click('table.variables a:text-is("table")');
    await page.waitForSelector('.pager .range');
    assert.equal(await page.textContent('.pager .range'), 'rows 1–100 of 1,000,000');
    await page.click('.pager button:text("next")');
    const range = (text: string) => page.waitForFunction((want) => (globalThis as unknown as Doc).document.querySelector('.pager .range')?.textContent === want, text);
    await range('rows 101–200 of 1,000,000');
    await page.click('.pager button:text("last")');
    await range('rows 999,901–1,000,000 of 1,000,000');
    const last = await page.$$eval('table.data tbody tr:last-child td', (tds) => tds.map((td) => td.textContent));
    assert.deepEqual(last, ['999999', '999,999', '249999.75']);
  });

  it('shows a new run without a reload', async () => {
    await page.goto(`${origin}/#/`);
    await page.waitForSelector('table.runs tbody tr');
    const before = (await page.$$('table.runs tbody tr')).length;
    const again = await runChkpt(['run', '-o', store, 'crash-plot.mjs'], { cwd: fixtures });
    assert.equal(again.code, 1);
    await page.waitForFunction((n) => (globalThis as unknown as Doc).document.querySelectorAll('table.runs tbody tr').length === n + 1, before, { timeout: 10_000 });
  });

  it('refuses requests without the token, or with another Host, with 403', async () => {
    assert.equal((await fetch(`${origin}/api/runs`)).status, 403);
    assert.equal((await fetch(`${origin}/`)).status, 403);
    const token = new URL(url).searchParams.get('token')!;
    // A page of attacker.example whose name now points at 127.0.0.1 sends its own Host.
    const rebound = await new Promise<number>((resolve, reject) => {
      request({ host: '127.0.0.1', port: Number(new URL(url).port), path: `/api/runs?token=${token}`, headers: { host: `attacker.example:${new URL(url).port}` } },
        (res) => (res.resume(), resolve(res.statusCode ?? 0))).on('error', reject).end();
    });
    assert.equal(rebound, 403);
    assert.equal((await fetch(`${origin}/api/runs?token=${token}`)).status, 200);
  });

  it('listens on 127.0.0.1 only', async () => {
    const port = Number(new URL(url).port);
    const tcp = readFileSync('/proc/net/tcp', 'utf8').split('\n').concat(readFileSync('/proc/net/tcp6', 'utf8').split('\n'));
    const listening = tcp.filter((line) => line.split(/\s+/)[4] === '0A' && line.split(/\s+/)[2]?.endsWith(`:${port.toString(16).toUpperCase().padStart(4, '0')}`));
    assert.deepEqual(listening.map((line) => line.split(/\s+/)[2]), [`0100007F:${port.toString(16).toUpperCase().padStart(4, '0')}`]);
    const other = Object.values(networkInterfaces()).flat().find((a) => a && a.family === 'IPv4' && !a.internal);
    if (other) {
      const refused = await new Promise<string>((resolve) => {
        const socket = connect(port, other.address);
        socket.on('connect', () => (socket.destroy(), resolve('connected')));
        socket.on('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? 'error'));
      });
      assert.equal(refused, 'ECONNREFUSED');
    }
  });

  it('stops cleanly on Ctrl-C', async () => {
    const ended = new Promise<number | null>((resolve) => server.on('exit', (code) => resolve(code)));
    server.kill('SIGINT');
    assert.equal(await ended, 0);
  });
});
