// Shapes on the decoding side, and setting decoded properties. Every property
// is created as an own data property (a template object cloned with spread,
// or defineProperty): a key named '__proto__' or 'constructor' stays plain
// data and no setter anywhere on the prototype chain is reached.
import type { DFrame } from './decoder.js';
import { ObjectDefineProperty, ObjectHasOwn, OrigUint8Array, list } from './primordials.js';
import type { ByteReader } from './reader.js';

/** A decoded shape: property names, which are non-enumerable, and a template for plain objects. */
export class DShape {
  static readonly EMPTY = new DShape(list<string>(), null);
  private template: object | null = null;

  constructor(
    readonly keys: readonly string[],
    readonly hidden: Uint8Array | null,
  ) {}

  /** A new plain object with this shape's properties (values undefined), or null when some are non-enumerable. */
  instantiate(): object | null {
    if (this.hidden !== null) return null;
    let template = this.template;
    if (template === null) {
      template = {};
      for (let i = 0; i < this.keys.length; i++) {
        ObjectDefineProperty(template, this.keys[i]!, dataDescriptor(undefined, true));
      }
      this.template = template;
    }
    return { ...template };
  }
}

/** Reads a shape reference, reading the definition when it is new. */
export function readShape(r: ByteReader, shapes: DShape[]): DShape {
  const id = r.varint();
  if (id < shapes.length) return shapes[id]!;
  if (id !== shapes.length) r.fail('shape reference out of order');
  const n = r.count(2);
  const keys = list<string>();
  let hidden: Uint8Array | null = null;
  for (let i = 0; i < n; i++) {
    const flags = r.u8();
    if (flags > 1) r.fail('bad property flags');
    if (flags === 1) {
      if (hidden === null) hidden = new OrigUint8Array(n);
      hidden[i] = 1;
    }
    keys[i] = r.string();
  }
  const shape = new DShape(keys, hidden);
  shapes[id] = shape;
  return shape;
}

/**
 * A data property descriptor without a prototype: an ordinary object literal
 * would inherit a `get` or `set` that something put on Object.prototype.
 */
function dataDescriptor(value: unknown, enumerable: boolean): PropertyDescriptor {
  return { __proto__: null, value, writable: true, enumerable, configurable: true } as PropertyDescriptor;
}

/** Defines `key` on `obj` as an own data property (keeping the attributes of one it already has). */
export function defineOwn(obj: object, key: string, value: unknown, enumerable: boolean): boolean {
  if (ObjectHasOwn(obj, key)) return ObjectDefineProperty(obj, key, { __proto__: null, value } as PropertyDescriptor);
  return ObjectDefineProperty(obj, key, dataDescriptor(value, enumerable));
}

/** Sets property `j` of `shape` on the frame's object. */
export function setProp(f: DFrame, shape: DShape, j: number, value: unknown): void {
  const key = shape.keys[j]!;
  if (f.templated) {
    (f.obj as Record<string, unknown>)[key] = value;
    return;
  }
  if (!defineOwn(f.obj, key, value, shape.hidden === null || shape.hidden[j] !== 1)) {
    throw new TypeError(`cannot define property ${key}`);
  }
}
