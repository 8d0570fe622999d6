// The page's files, built by scripts/bundle.mjs into dist/ui/page/ (the page's
// script with uPlot bundled in, its styles): read once when the server
// starts, served from memory. The page loads nothing from anywhere else.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ChkptError, ErrorCode } from '../shared/errors.js';

export interface Assets {
  html: string;
  files: Map<string, { body: Uint8Array<ArrayBuffer>; type: string }>;
}

const TYPES: Record<string, string> = {
  'app.js': 'text/javascript; charset=utf-8',
  'app.css': 'text/css; charset=utf-8',
};

/** The built page; INTERNAL when the build did not make it. */
export function loadAssets(dir = fileURLToPath(new URL('../../dist/ui/page/', import.meta.url))): Assets {
  try {
    const files = new Map<string, { body: Uint8Array<ArrayBuffer>; type: string }>();
    for (const [name, type] of Object.entries(TYPES)) files.set(name, { body: new Uint8Array(readFileSync(`${dir}${name}`)), type });
    return { html: readFileSync(`${dir}index.html`, 'utf8'), files };
  } catch (err) {
    throw new ChkptError(ErrorCode.INTERNAL, `The web page of chkpt ui is not built (${String((err as Error).message)}): run \`npm run build\` in chkpt's folder.`, { dir }, { cause: err });
  }
}
