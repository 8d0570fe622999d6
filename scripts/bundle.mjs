#!/usr/bin/env node
// Bundles the code that runs inside the script's process into one CommonJS
// file per thread, after tsc has built dist/:
//   dist/preload/register.cjs            the preload (main thread, `--require`)
//   dist/preload/resolve-self.cjs        the 'chkpt' fallback resolution (`--require`)
//   dist/launch/launch.cjs               bin/chkpt's options, applied in the script's process
//   dist/preload/thread-bridge.cjs       the bridge in each of the script's worker threads
//   dist/capture/boot.cjs                the capture worker's first stage (its entry)
//   dist/capture/worker.cjs              the capture worker proper (and .cache, V8's code cache of it)
//   dist/capture/main-thread/collect.cjs what the worker loads into the main thread
//   dist/resume/restore.cjs              what chkpt.restore() loads into the main thread
//   dist/remote/sender.cjs               what the capture worker loads to send to a shared store
// and the web page of `chkpt ui` (dist/ui/page/).
// One file each keeps startup short (one read and one compile instead of dozens
// of module loads), and CommonJS lets the preload run and wait synchronously,
// so that a CommonJS script still runs as node runs it, not through the ESM
// loader that an `--import` preload would force.
import { build } from 'esbuild';
import { readFileSync, writeFileSync } from 'node:fs';
import Module from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const entries = {
  'preload/register': 'src/preload/register.ts',
  'preload/resolve-self': 'src/preload/resolve-self.ts',
  'launch/launch': 'src/launch/launch.ts',
  'preload/thread-bridge': 'src/preload/thread-bridge.ts',
  'capture/boot': 'src/capture/boot.ts',
  'capture/worker': 'src/capture/worker.ts',
  'capture/main-thread/collect': 'src/capture/main-thread/collect.ts',
  'resume/restore': 'src/resume/restore.ts',
  'remote/sender': 'src/remote/sender.ts',
};

await build({
  absWorkingDir: root,
  entryPoints: Object.entries(entries).map(([out, input]) => ({ out, in: input })),
  outdir: 'dist',
  outExtension: { '.js': '.cjs' },
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  // Native addons and SQLite load from node_modules when first needed.
  external: ['better-sqlite3', 'xxhash-addon'],
  // import.meta.url in CommonJS output: the URL of the bundle file itself.
  define: { 'import.meta.url': '__chkptFileUrl' },
  banner: { js: "'use strict';\nconst __chkptFileUrl = require('node:url').pathToFileURL(__filename).href;" },
  sourcemap: 'linked',
  logLevel: 'warning',
});

// The web page of `chkpt ui` (src/ui/page/): one script with uPlot bundled
// in, one stylesheet (uPlot's, then the page's), the HTML. Built here from
// npm packages, served from dist/ui/page/: the page loads nothing from elsewhere.
await build({
  absWorkingDir: root,
  entryPoints: { app: 'src/ui/page/app.ts' },
  outdir: 'dist/ui/page',
  bundle: true,
  platform: 'browser',
  format: 'esm',
  target: 'es2022',
  minify: true,
  legalComments: 'eof',
  tsconfig: 'src/ui/page/tsconfig.json',
  logLevel: 'warning',
});
const uplotCss = readFileSync(path.join(root, 'node_modules/uplot/dist/uPlot.min.css'), 'utf8');
writeFileSync(path.join(root, 'dist/ui/page/app.css'), `${uplotCss}\n${readFileSync(path.join(root, 'src/ui/page/style.css'), 'utf8')}`);
writeFileSync(path.join(root, 'dist/ui/page/index.html'), readFileSync(path.join(root, 'src/ui/page/index.html')));

// V8's code cache of the capture worker, beside it: its first stage compiles
// it from there (capture/boot.ts), a few ms instead of a parse of the whole
// bundle on the way to the script's first line. A cache V8 rejects (another
// node, other V8 flags) only means an ordinary compile.
for (const bundle of ['capture/worker.cjs']) {
  const file = path.join(root, 'dist', bundle);
  const script = new vm.Script(Module.wrap(readFileSync(file, 'utf8')), { filename: file });
  writeFileSync(`${file}.cache`, script.createCachedData());
}
