// The page's reads: JSON from the server's API, one function per endpoint.
// The access token travels as the cookie the first request set.

export interface Run {
  id: string; script: string; argv: string[]; cwd: string; status: string; alive: boolean | null;
  startedAt: number; endedAt: number | null; exitCode: number | null; signal: string | null;
  parentRunId: string | null; resumedFrom: string | null; damaged: string | null;
  checkpoints: number; bytesNew: number; crash: string | null;
}

export interface CheckpointRow {
  ref: string; id: number; n: number; time: number; trigger: string; label: string | null; status: string;
  failure: string | null; location: { file: string; line: number; function?: string } | null; variables: number;
  bytesTotal: number; bytesNew: number; skipped: number; damaged: string | null;
}

export interface Variable {
  name: string; scope: string; frameIndex: number | null; frameFunction: string | null; type: string;
  class: { name: string } | null; shape: number[] | null; byteSize: number; storedBytes: number; damaged: string | null;
}

export interface Skipped { path: string; type: string; size?: number; reason: string }

export interface TreeNode {
  type: string; preview: string; path: string; children?: { key: string; node: TreeNode }[];
  more?: number; expandable?: boolean; viewable?: boolean;
}

export interface Summary {
  length: number; min?: number; max?: number; mean?: number; nan: number; infinite: number;
  histogram: { edges: number[]; counts: number[] };
}

export type ValueView =
  | { kind: 'scalar'; path: string; type: string; text: string; formats: string[] }
  | { kind: 'numeric'; path: string; type: string; dtype: string; length: number; formats: string[]; summary: Summary;
    plot: { length: number; x: number[]; min: (number | null)[]; max: (number | null)[]; step: number } }
  | { kind: 'table'; path: string; type: string; rowCount: number; offset: number; columns: { name: string; type: string }[];
    rows: (string | number | boolean | null)[][]; formats: string[] }
  | { kind: 'tree'; path: string; type: string; tree: TreeNode; formats: string[] };

export type SeriesPoint = { ref: string; n: number; time: number; trigger: string; value?: number; min?: number | null;
  max?: number | null; mean?: number | null; length?: number; missing?: true };

export interface Diff {
  a: string; b: string;
  appeared: { name: string; type: string; bytes: number }[];
  disappeared: { name: string; type: string; bytes: number }[];
  changed: { name: string; a: { type: string; bytes: number }; b: { type: string; bytes: number };
    numeric?: { compared: number; changed: number; maxAbsDiff: number; maxAt?: number; lengthA: number; lengthB: number };
    paths?: { path: string; a: string; b: string }[]; note?: string }[];
  unchanged: string[];
}

export class ApiError extends Error {}

async function get<T>(path: string, params: Record<string, string | number> = {}): Promise<T> {
  const query = new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)])).toString();
  const res = await fetch(`/api/${path}${query ? `?${query}` : ''}`, { credentials: 'same-origin' });
  const body = await res.json().catch(() => ({ error: res.statusText })) as T & { error?: string };
  if (!res.ok) throw new ApiError(body.error ?? res.statusText);
  return body;
}

export const api = {
  store: () => get<{ dir: string; runs: number; checkpoints: number; bytes: number; maxBytes: number }>('store'),
  runs: () => get<Run[]>('runs'),
  run: (id: string) => get<{ run: Run; checkpoints: CheckpointRow[] }>(`runs/${encodeURIComponent(id)}`),
  checkpoint: (ref: string) => get<{ checkpoint: CheckpointRow; run: Run; variables: Variable[]; skipped: Skipped[] }>('checkpoint', { ref }),
  value: (ref: string, path: string, offset = 0, limit = 100) => get<ValueView>('value', { ref, path, offset, limit }),
  tree: (ref: string, path: string) => get<TreeNode>('tree', { ref, path }),
  series: (run: string, path: string) => get<{ points: SeriesPoint[] }>('series', { run, path }),
  diff: (a: string, b: string) => get<Diff>('diff', { a, b }),
  exportUrl: (ref: string, path: string, format: string) => `/api/export?${new URLSearchParams({ ref, path, format }).toString()}`,
};
