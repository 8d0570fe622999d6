// Starting writer fixtures as separate processes, and checking a store they wrote.
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Store } from '../../src/store/index.js';
import { expectedBytes } from './fixtures/data.js';

const here = path.dirname(fileURLToPath(import.meta.url));
export const WRITER = path.join(here, 'fixtures', 'writer.ts');

export interface Writer {
  child: ChildProcess;
  lines: string[];
  /** Resolves with the run id once the writer has opened the store and begun its run. */
  ready: Promise<string>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Spawns `node --import tsx <script> ...args`, collecting stdout lines. */
export function startWriter(args: string[], script = WRITER, prefix: string[] = []): Writer {
  const [cmd, ...rest] = prefix.length > 0 ? [...prefix, process.execPath] : [process.execPath];
  const child = spawn(cmd!, [...rest, '--import', 'tsx', script, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  let stderr = '';
  let onReady: (id: string) => void;
  let onFail: (err: Error) => void;
  const ready = new Promise<string>((res, rej) => ((onReady = res), (onFail = rej)));
  let buf = '';
  child.stdout!.on('data', (d: Buffer) => {
    buf += d.toString();
    let nl: number;
    while ((nl = buf.indexOf('\n')) >= 0) {
      const line = buf.slice(0, nl);
      buf = buf.slice(nl + 1);
      lines.push(line);
      if (line.startsWith('ready ')) onReady(line.slice(6));
    }
  });
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((res) => {
    child.on('exit', (code, signal) => {
      onFail(new Error(`writer exited (${code ?? signal}) before ready: ${stderr}`));
      res({ code, signal });
    });
  });
  return { child, lines, ready, exited };
}

/** Asserts the store verifies and every listed checkpoint holds exactly what its label says. Returns the count. */
export function checkStoreContents(store: Store): number {
  const report = store.verify();
  assert.deepEqual(report.index, []);
  assert.deepEqual(report.checkpoints.filter((c) => !c.ok), []);
  let checked = 0;
  for (const cp of store.checkpoints()) {
    assert.equal(cp.damaged, undefined);
    if (cp.status !== 'ok') continue;
    const [seed, k] = cp.label!.split(':').map(Number);
    const expected = expectedBytes(seed!, k!);
    assert.deepEqual(store.variables(cp.id).map((v) => v.name), [...expected.keys()]);
    for (const [name, e] of expected) {
      assert.equal(new TextDecoder().decode(store.readMeta(cp.id, name)), e.meta);
      if (e.part) assert.ok(Buffer.from(store.readPart(cp.id, name, 0)).equals(e.part), `${cp.label} ${name}`);
    }
    checked++;
  }
  return checked;
}
