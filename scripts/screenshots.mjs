#!/usr/bin/env node
// Takes the screenshots of `chkpt ui` in docs/ (used by the README): a store
// made of the example training job (crashed, then resumed) and the web page
// test's million-row run, served by `chkpt ui`, shown in Debian's chromium.
//   npm run build && node scripts/screenshots.mjs
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const work = mkdtempSync(path.join(tmpdir(), 'chkpt-shots-'));
const env = { ...process.env, CHKPT_HOME: path.join(work, 'store'), PATH: `${path.dirname(process.execPath)}${path.delimiter}${process.env.PATH}` };
const chkpt = (args, cwd = root) => spawnSync(path.join(root, 'bin/chkpt'), args, { cwd, env, stdio: 'ignore' });

chkpt(['run', '--every', '300', 'examples/train.ts', '--epochs', '10', '--crash-at', '7']);
chkpt(['resume', 'train.ts@crash', '--', '--epochs', '10']);
chkpt(['run', 'crash-plot.mjs'], path.join(root, 'test/fixtures/ui'));

const server = spawn(process.execPath, [path.join(root, 'dist/cli/main.js'), 'ui'], { env, stdio: ['ignore', 'pipe', 'inherit'] });
const url = await new Promise((resolve) => {
  let out = '';
  server.stdout.on('data', (d) => {
    out += d;
    const m = /chkpt ui: (\S+)/.exec(out);
    if (m) resolve(m[1]);
  });
});
const browser = await chromium.launch({
  executablePath: process.env.CHKPT_TEST_CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const page = await browser.newPage({ viewport: { width: 1200, height: 760 }, colorScheme: 'light' });
await page.goto(url);
await page.waitForSelector('table.runs tbody tr');

async function shot(name) {
  await page.waitForTimeout(400);
  await page.screenshot({ path: path.join(root, 'docs', `ui-${name}.png`) });
  console.log(`docs/ui-${name}.png`);
}

await shot('runs');
await page.click('table.runs tr:has-text("--crash-at") td:first-child a');
await page.waitForSelector('#timeline canvas');
await shot('run');
await page.click('table.checkpoints tr.trigger-crash a');
await page.waitForSelector('table.variables');
await shot('checkpoint');
await page.click('table.variables a:text-is("model")');
await page.waitForSelector('.tree');
await page.click('.tree summary:has(.key:text-is("hidden:"))');
await shot('tree');
await page.click('.tree a[href$="model.hidden.weights"]');
await page.waitForSelector('#line canvas');
await shot('value');
await page.goto(`${new URL(url).origin}/#/`);
await page.click('table.runs tr:has-text("crash-plot") a.badge.crash');
await page.click('table.variables a:text-is("table")');
await page.waitForSelector('.pager .range');
await shot('table');
await browser.close();
server.kill('SIGINT');
rmSync(work, { recursive: true, force: true });
