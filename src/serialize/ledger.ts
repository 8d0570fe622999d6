// The skipped-values ledger: what was not stored, where, and why. Capped, so a
// million objects each holding a closure cost a bounded list plus one summary.
import type { SkippedValue } from '../shared/encoded.js';
import { ArrayPrototype, ObjectSetPrototypeOf, list } from './primordials.js';

export const REASON = {
  function: 'functions and closures cannot be stored',
  symbol: 'symbols cannot be stored',
  symbolKey: 'properties keyed by a symbol are not stored',
  proxy: 'a Proxy is not read: reading it would run its traps',
  accessor: 'accessor property: reading it would run its getter',
  stack: 'stack not read: Error.prepareStackTrace was replaced and would run',
  promise: 'a Promise settles later: its state cannot be stored',
  weak: 'weak collections and references cannot be enumerated',
  iterator: 'iterator and generator state cannot be stored',
  namespace: 'module namespaces are live bindings, not data',
  resource: 'native handle, stream or server: its state lives outside JavaScript',
  typedArray: 'typed array kind unknown to this version of chkpt',
  prototype: 'prototype without a constructor: stored as a plain object',
} as const;

/** Ledger entries kept by default before the rest are summed up in one entry. */
export const DEFAULT_MAX_SKIPPED = 1000;

/** Collects SkippedValue entries up to a cap, then counts. */
export class Ledger {
  private readonly entries = list<SkippedValue>();
  private overflow = 0;
  private overflowSize = 0;

  constructor(private readonly max: number) {}

  /** True when a new entry would only be counted (callers skip building its path). */
  full(): boolean {
    return this.entries.length >= this.max;
  }

  add(path: string, type: string, size: number, reason: string): void {
    if (this.full()) this.count(size);
    else this.entries[this.entries.length] = { path, type, size, reason };
  }

  /** Counts a skipped value without recording it. */
  count(size: number): void {
    this.overflow++;
    this.overflowSize += size;
  }

  /** The entries as an ordinary array, with a summary entry when some were only counted. */
  finish(rootPath: string): SkippedValue[] {
    const out = this.entries;
    if (this.overflow > 0) {
      out[out.length] = { path: rootPath, type: 'more', size: this.overflowSize, reason: `${this.overflow} more values were skipped (ledger full)` };
    }
    ObjectSetPrototypeOf(out, ArrayPrototype);
    return out;
  }
}
