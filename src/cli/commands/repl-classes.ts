// Classes for the REPL. chkpt never runs the script's code on its own: an
// instance whose class is not supplied gets a stand-in class of the same name
// (so it prints as `Model { ... }` and `ckpt.classOf(x)` says where it came
// from); `--link <module>` imports the modules the user names and re-links
// instances to the real classes they export, methods included.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CLASS_SYMBOL } from '../../serialize/index.js';
import type { ClassRef } from '../../shared/encoded.js';
import { ChkptError, ErrorCode } from '../../shared/errors.js';

export interface ClassLinks {
  /** The decoder's class lookup. */
  resolve: (ref: ClassRef) => Function;
  /** Classes met so far: name, and whether the real one was linked. */
  seen: Map<string, { ref: ClassRef; linked: boolean }>;
  /** Names exported by the linked modules. */
  exported: string[];
}

async function importModule(file: string, cwd: string): Promise<Record<string, unknown>> {
  const url = pathToFileURL(path.resolve(cwd, file)).href;
  try {
    if (/\.[cm]?tsx?$/.test(file)) {
      const { tsImport } = await import('tsx/esm/api');
      return (await tsImport(url, import.meta.url)) as Record<string, unknown>;
    }
    return (await import(url)) as Record<string, unknown>;
  } catch (err) {
    throw new ChkptError(ErrorCode.BAD_OPTION, `Cannot --link ${file}: ${(err as Error).message}`, { option: 'link', value: file }, { cause: err });
  }
}

/** Imports the `--link` modules and returns the class lookup for decoding. */
export async function linkClasses(modules: string[], cwd = process.cwd()): Promise<ClassLinks> {
  const byKey = new Map<string, Function>();
  const exported: string[] = [];
  for (const file of modules) {
    const url = pathToFileURL(path.resolve(cwd, file)).href;
    const ns = await importModule(file, cwd);
    for (const [name, value] of Object.entries(ns)) {
      if (typeof value !== 'function') continue;
      const cls = value as Function;
      const own = name === 'default' ? (Object.getOwnPropertyDescriptor(cls, 'name')?.value as string | undefined) ?? name : name;
      byKey.set(`${url}#${own}`, cls);
      if (!byKey.has(own)) byKey.set(own, cls);
      exported.push(own);
    }
  }
  const standIns = new Map<string, Function>();
  const seen = new Map<string, { ref: ClassRef; linked: boolean }>();
  const resolve = (ref: ClassRef): Function => {
    const real = (ref.module ? byKey.get(`${ref.module}#${ref.name}`) : undefined) ?? byKey.get(ref.name);
    seen.set(ref.name, { ref, linked: real !== undefined });
    if (real) return real;
    const key = `${ref.module ?? ''}#${ref.name}`;
    let standIn = standIns.get(key);
    if (!standIn) {
      const name = ref.name || 'Anonymous';
      standIn = ({ [name]: class {} })[name]!;
      Object.defineProperty(standIn.prototype, CLASS_SYMBOL, { value: ref, enumerable: false });
      standIns.set(key, standIn);
    }
    return standIn;
  };
  return { resolve, seen, exported };
}
