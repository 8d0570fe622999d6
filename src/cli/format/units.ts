// Numbers in human units: sizes (KiB, MiB), durations (ms, s, min, h),
// times of day, counts with thousands separators.
import { formatSize } from '../../store/index.js';

/** `1.5 KiB`, `781 MiB`. */
export function bytesText(bytes: number): string {
  return formatSize(bytes);
}

/** `12 ms`, `3.4 s`, `2 min 05 s`, `1 h 07 min`, `3 d 4 h`. */
export function durationText(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '?';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  if (s < 60) return `${s < 10 ? s.toFixed(1) : Math.round(s)} s`;
  const total = Math.round(s);
  const m = Math.floor(total / 60);
  if (m < 60) return `${m} min ${String(total % 60).padStart(2, '0')} s`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h} h ${String(m % 60).padStart(2, '0')} min`;
  return `${Math.floor(h / 24)} d ${h % 24} h`;
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** Local time as `2025-11-25 14:06:21`. */
export function timeText(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** How long ago: `just now`, `5 min ago`, `3 h ago`, `2 d ago`. */
export function agoText(ms: number, now = Date.now()): string {
  const s = Math.max(0, (now - ms) / 1000);
  if (s < 45) return 'just now';
  if (s < 3600) return `${Math.round(s / 60)} min ago`;
  if (s < 48 * 3600) return `${Math.round(s / 3600)} h ago`;
  return `${Math.round(s / 86400)} d ago`;
}

/** `100,000`. */
export function countText(n: number): string {
  return n.toLocaleString('en-US');
}

/** `1 variable`, `3 variables`. */
export function plural(n: number, word: string, many = `${word}s`): string {
  return `${countText(n)} ${n === 1 ? word : many}`;
}
