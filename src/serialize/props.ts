// Own properties read without running code: names from
// Object.getOwnPropertyNames, each value from its property descriptor (never
// `o[key]`, which would call a getter). Accessors, symbol keys and unsafe
// stacks are left out and recorded in the ledger.
import type { Encoder } from './encoder.js';
import { REASON } from './ledger.js';
import { propLabel } from './path.js';
import {
  ObjectGetOwnPropertyDescriptor, ObjectGetOwnPropertyNames, ObjectGetOwnPropertySymbols, ObjectHasOwn,
  OrigUint8Array, SymbolPrototypeGetDescription, list,
} from './primordials.js';

const NO_KEYS: readonly string[] = [];

function skipSymbolKeys(enc: Encoder, symbols: symbol[]): void {
  for (let i = 0; i < symbols.length; i++) {
    const description = SymbolPrototypeGetDescription(symbols[i]!);
    enc.skipAt(`[Symbol(${description ?? ''})]`, 'symbol key', 0, REASON.symbolKey);
  }
}

/**
 * Pushes the values of the own data properties `names` of `o` on the value
 * stack, writes their shape, and returns the names kept (in stack order).
 */
export function pushProps(enc: Encoder, o: object, names: readonly string[]): readonly string[] {
  const symbols = ObjectGetOwnPropertySymbols(o);
  if (symbols.length !== 0) skipSymbolKeys(enc, symbols);
  const n = names.length;
  const vals = enc.vals;
  let top = enc.top;
  let kept: string[] | null = null;
  let hidden: Uint8Array | null = null;
  for (let i = 0; i < n; i++) {
    const key = names[i]!;
    const desc = key === 'stack' && enc.stackUnsafe ? undefined : ObjectGetOwnPropertyDescriptor(o, key);
    if (desc !== undefined && ObjectHasOwn(desc, 'value')) {
      const at = kept === null ? i : kept.length;
      if (kept !== null) kept[at] = key;
      if (desc.enumerable !== true) {
        if (hidden === null) hidden = new OrigUint8Array(n);
        hidden[at] = 1;
      }
      vals[top++] = desc.value;
      continue;
    }
    if (desc === undefined) enc.skipAt(propLabel(key), 'stack', 0, REASON.stack);
    else enc.skipAt(propLabel(key), 'accessor', 0, REASON.accessor);
    if (kept === null) {
      kept = list<string>();
      for (let k = 0; k < i; k++) kept[k] = names[k]!;
    }
  }
  enc.top = top;
  const keys = kept ?? names;
  enc.shapes.write(enc.out, keys, hidden);
  return keys;
}

/** The names of the non-index own properties of an array with `present` elements (no 'length'). */
export function namedKeys(arr: unknown[], present: number): readonly string[] {
  const names = ObjectGetOwnPropertyNames(arr);
  if (names.length === present + 1) return NO_KEYS;
  const out = list<string>();
  for (let i = present; i < names.length; i++) if (names[i] !== 'length') out[out.length] = names[i]!;
  return out;
}

/** All own property names of an array but 'length' (sparse arrays keep their indexes as names). */
export function sparseKeys(arr: unknown[]): readonly string[] {
  const names = ObjectGetOwnPropertyNames(arr);
  const out = list<string>();
  for (let i = 0; i < names.length; i++) if (names[i] !== 'length') out[out.length] = names[i]!;
  return out;
}
