// The capture options of `chkpt run`, validated into settings for the
// script's process. Each bad value gets a message naming the option, the
// value and what would do.
import { ChkptError, ErrorCode } from '../../shared/errors.js';
import type { CaptureSettings } from '../../shared/settings.js';
import { parseSize } from '../../store/size.js';

export interface RawCaptureOptions {
  every?: string;
  budget?: string;
  minSize?: string;
  maxStore?: string;
  include: string[];
  exclude: string[];
  lib: string[];
  throwSite?: boolean;
  waitAttach?: boolean;
}

function bad(option: string, value: string, expected: string): ChkptError {
  return new ChkptError(ErrorCode.BAD_OPTION, `Expected \`${option}\` to be ${expected}, got \`${value}\`.`, { option, value });
}

/** Parses `500`, `30s`, `5m` or `-1` into ms. */
export function parseInterval(value: string): number {
  const m = /^\s*(-1|\d+(?:\.\d+)?)\s*(ms|s|m|h)?\s*$/.exec(value);
  if (!m) throw bad('--every', value, 'a time in ms (or 30s, 5m), or -1 for no automatic checkpoints');
  if (m[1] === '-1') return -1;
  const scale = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[m[2] ?? 'ms'] ?? 1;
  const ms = Math.round(Number(m[1]) * scale);
  if (ms < 10) throw bad('--every', value, 'at least 10 ms, or -1 for no automatic checkpoints');
  return ms;
}

/** Parses a percentage in (0, 100]. */
export function parseBudget(value: string): number {
  const n = Number(value.replace(/%$/, ''));
  if (!Number.isFinite(n) || n <= 0 || n > 100) throw bad('--budget', value, 'a percentage above 0 and at most 100, e.g. 2');
  return n;
}

/** Parses `64k`, `1M`, `0` (everything) or `-1` (tracked values only). */
export function parseMinSize(value: string): number {
  if (value.trim() === '-1') return -1;
  try {
    return parseSize(value, '--min-size');
  } catch {
    throw bad('--min-size', value, 'a size such as 64k, 1M or 1G, 0 for everything, or -1 for tracked values only');
  }
}

/** Turns the raw options into the settings that differ from the defaults. */
export function captureSettings(raw: RawCaptureOptions): Partial<CaptureSettings> {
  const settings: Partial<CaptureSettings> = {};
  if (raw.every !== undefined) settings.every = parseInterval(raw.every);
  if (raw.budget !== undefined) settings.budget = parseBudget(raw.budget);
  if (raw.minSize !== undefined) settings.minSize = parseMinSize(raw.minSize);
  if (raw.maxStore !== undefined) settings.maxStore = parseSize(raw.maxStore, '--max-store');
  if (raw.include.length > 0) settings.include = raw.include;
  if (raw.exclude.length > 0) settings.exclude = raw.exclude;
  if (raw.lib.length > 0) settings.libs = raw.lib;
  if (raw.throwSite === false) settings.throwSite = false;
  if (raw.waitAttach === true) settings.waitAttach = true;
  return settings;
}
