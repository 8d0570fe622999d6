// The measurement behind the chunk layout in docs/FORMAT.md: writing 1 GiB
// durably as one pack file or as chunk files of several sizes, each against
// one writeFileSync + fsync of the same bytes (ratios, medians of interleaved
// repetitions). Not chkpt's code path: the bare file-system patterns.
//   node --import tsx bench/store-layout.ts [reps]
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { hashChunk } from '../src/store/chunk-hash.js';
import { median } from './lib/stats.js';

const reps = Number(process.argv[2] ?? 3);
const GiB = 1024 ** 3;
const MiB = 1024 ** 2;
const tmp = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '.bench-tmp', `store-layout-${process.pid}`);
process.on('exit', () => fs.rmSync(tmp, { recursive: true, force: true }));

const data = new Uint8Array(GiB);
const words = new Uint32Array(data.buffer);
let x = 12345;
for (let i = 0; i < words.length; i++) {
  x ^= x << 13; x ^= x >>> 17; x ^= x << 5;
  words[i] = x >>> 0;
}

function fsyncPath(p: string, flags = 'r'): void {
  const fd = fs.openSync(p, flags);
  fs.fsyncSync(fd);
  fs.closeSync(fd);
}

function writeFile(file: string, bytes: Uint8Array): void {
  const fd = fs.openSync(file, 'wx', 0o600);
  let done = 0;
  while (done < bytes.length) done += fs.writeSync(fd, bytes, done, bytes.length - done);
  fs.closeSync(fd);
}

function single(dir: string): void {
  fs.writeFileSync(path.join(dir, 'one'), data);
  fsyncPath(path.join(dir, 'one'), 'r+');
}

function pack(dir: string): void {
  const fd = fs.openSync(path.join(dir, 'pack'), 'wx', 0o600);
  for (let o = 0; o < GiB; o += 4 * MiB) {
    const piece = data.subarray(o, o + 4 * MiB);
    hashChunk(piece);
    let done = 0;
    while (done < piece.length) done += fs.writeSync(fd, piece, done, piece.length - done);
  }
  fs.fsyncSync(fd);
  fs.closeSync(fd);
  fsyncPath(dir);
}

function chunkFiles(dir: string, size: number, syncEachAtOnce: boolean): void {
  const dirs = new Set<string>();
  const staged: [string, string][] = [];
  for (let o = 0, k = 0; o < GiB; o += size, k++) {
    const piece = data.subarray(o, o + size);
    const hash = hashChunk(piece);
    const fan = path.join(dir, hash.slice(0, 2));
    if (!dirs.has(fan)) (fs.mkdirSync(fan, { recursive: true }), dirs.add(fan));
    const temp = path.join(dir, `t${k}.tmp`);
    writeFile(temp, piece);
    if (syncEachAtOnce) {
      fsyncPath(temp, 'r+');
      fs.renameSync(temp, path.join(fan, hash.slice(2)));
    } else {
      staged.push([temp, path.join(fan, hash.slice(2))]);
    }
  }
  for (const [temp, final] of staged) {
    fsyncPath(temp, 'r+');
    fs.renameSync(temp, final);
  }
  for (const d of [...dirs, dir]) fsyncPath(d);
}

const variants: Record<string, (dir: string) => void> = {
  'one pack file, one fsync': pack,
  '1 MiB chunk files, fsync after each': (d) => chunkFiles(d, MiB, true),
  '4 MiB chunk files, fsync after each': (d) => chunkFiles(d, 4 * MiB, true),
  '1 MiB chunk files, write all, then fsync each': (d) => chunkFiles(d, MiB, false),
  '4 MiB chunk files, write all, then fsync each': (d) => chunkFiles(d, 4 * MiB, false),
  '16 MiB chunk files, write all, then fsync each': (d) => chunkFiles(d, 16 * MiB, false),
};
const ratios: Record<string, number[]> = {};
const baseMs: number[] = [];
const timed = (fn: (dir: string) => void): number => {
  const dir = path.join(tmp, 'w');
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const t0 = process.hrtime.bigint();
  fn(dir);
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  fs.rmSync(dir, { recursive: true, force: true });
  return ms;
};
for (let r = 0; r < reps; r++) {
  for (const [name, fn] of Object.entries(variants)) {
    const base = timed(single);
    baseMs.push(base);
    (ratios[name] ??= []).push(timed(fn) / base);
  }
}
console.log(`durable 1 GiB writes vs one writeFileSync + fsync (${median(baseMs).toFixed(0)} ms median), medians of ${reps}`);
for (const [name, rs] of Object.entries(ratios)) console.log(`  ${name.padEnd(48)} ${median(rs).toFixed(2)}x   (${rs.map((v) => v.toFixed(2)).join(' ')})`);
