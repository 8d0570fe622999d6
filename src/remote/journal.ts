// What a local store has sent to a shared store: per remote, the runs whose
// start and end were written and the checkpoints uploaded whole (chunks, then
// manifest). Kept beside the store (`remote/<hash of the URL>.json`, private),
// replaced atomically. Lost or stale, it costs only requests: every object of
// a shared store is written the same whoever writes it, and again.
import { createHash } from 'node:crypto';
import { readFileSync, renameSync } from 'node:fs';
import path from 'node:path';
import { mkdirPrivate, openPrivate, writeAll } from '../store/fs-private.js';
import { closeSync, fsyncSync } from 'node:fs';

export interface JournalData {
  url: string;
  started: string[];
  ended: string[];
  /** `<run id>@<n>` of each checkpoint uploaded whole. */
  checkpoints: string[];
}

export class Journal {
  private readonly file: string;
  private data: JournalData;
  private readonly sets: { started: Set<string>; ended: Set<string>; checkpoints: Set<string> };

  constructor(storeDir: string, url: string) {
    const name = createHash('sha256').update(url).digest('hex').slice(0, 16);
    this.file = path.join(storeDir, 'remote', `${name}.json`);
    let data: JournalData = { url, started: [], ended: [], checkpoints: [] };
    try {
      const read = JSON.parse(readFileSync(this.file, 'utf8')) as Partial<JournalData>;
      if (read.url === url) data = { url, started: read.started ?? [], ended: read.ended ?? [], checkpoints: read.checkpoints ?? [] };
    } catch {
      // None yet, or unreadable: start over (see above).
    }
    this.data = data;
    this.sets = { started: new Set(data.started), ended: new Set(data.ended), checkpoints: new Set(data.checkpoints) };
  }

  has(kind: keyof Journal['sets'], key: string): boolean {
    return this.sets[kind].has(key);
  }

  /** Notes `key` as sent and saves the journal. */
  add(kind: keyof Journal['sets'], key: string): void {
    this.addAll(kind, [key]);
  }

  /** Notes every key as sent (read from the shared store: there already), saving once. */
  addAll(kind: keyof Journal['sets'], keys: Iterable<string>): void {
    const before = this.sets[kind].size;
    for (const key of keys) this.sets[kind].add(key);
    if (this.sets[kind].size === before) return;
    this.data = { ...this.data, [kind]: [...this.sets[kind]] };
    this.save();
  }

  private save(): void {
    mkdirPrivate(path.dirname(this.file));
    const temp = `${this.file}.${process.pid}.tmp`;
    const fd = openPrivate(temp, 'wx');
    try {
      writeAll(fd, Buffer.from(JSON.stringify(this.data)));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, this.file);
  }
}
