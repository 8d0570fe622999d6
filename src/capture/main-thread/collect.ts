// chkpt's module in the script's main thread. The capture worker loads it
// through the bridge and calls `collect` during a pause with the scope objects
// of the script's frames: it picks the salient values, encodes them, copies
// their bytes into the staging buffer, and posts the result to the worker.
// Encoding never runs the script's code (see serialize/).
import type { ClassRef } from '../../shared/encoded.js';
import type { CollectedVariable, CollectRequest, CollectResult, StagedPart, StagingReady } from '../../shared/capture-protocol.js';
import type { SkippedValue } from '../../shared/encoded.js';
import { BRIDGE_KEY, type RuntimeBridge } from '../../shared/runtime-bridge.js';
import { encodeValue, typeName } from '../../serialize/index.js';
import { debug, debugLevel } from '../../shared/debug.js';
import { pickFunctions } from './pick-functions.js';
import { salientValues, sizeOf, type Candidate, type ClassSkip } from './salient.js';
import { reserveStaging, stagingFor } from './staging.js';
import { warmUp } from './warm-up.js';

/**
 * Per class, filled in by the worker from the inspector's function locations:
 * its module (null: not from a file) and whether its instances are data (own
 * code or a --lib package).
 */
const classes = new WeakMap<Function, { module: string | null; data: boolean }>();
/**
 * Each region of the staging buffer starts at a multiple of 16: V8 copies
 * into shared memory with word-sized relaxed stores only when source and
 * target are aligned alike (a 1 GiB copy ran at 2.9 GiB/s behind a meta
 * stream of odd length, against 15 GiB/s aligned).
 */
const aligned = (offset: number): number => Math.ceil(offset / 16) * 16;

/** Constructors met in the last collect whose module is not known yet. */
let unknownClasses: Function[] = [];

/** What the worker found for a class; an unknown class is noted for it to look up. */
function classInfo(ctor: Function): { module: string | null; data: boolean } | undefined {
  const info = classes.get(ctor);
  if (!info && !unknownClasses.includes(ctor)) unknownClasses.push(ctor);
  return info;
}

function classOf(ctor: Function): ClassRef | undefined {
  const descriptor = Object.getOwnPropertyDescriptor(ctor, 'name');
  const name = descriptor && typeof descriptor.value === 'string' ? descriptor.value : '';
  const module = classInfo(ctor)?.module;
  return module ? { name, module } : { name };
}

const classIsData = (ctor: Function): boolean | undefined => classInfo(ctor)?.data;

function ownEntries(scope: object, skip: Set<string>): [string, unknown][] {
  const entries: [string, unknown][] = [];
  for (const key of Reflect.ownKeys(scope)) {
    if (typeof key !== 'string' || skip.has(key)) continue;
    const descriptor = Reflect.getOwnPropertyDescriptor(scope, key);
    if (descriptor && 'value' in descriptor) entries.push([key, descriptor.value]);
  }
  return entries;
}

function globalsOf(baseline: Set<string>): [string, unknown][] {
  return ownEntries(globalThis, baseline);
}

/** Reads the salient state from the given scopes and posts it to the worker; returns counts. */
function collect(bridge: RuntimeBridge, request: CollectRequest, scopes: object[]): { variables: number; unknownClasses: number } {
  const started = performance.now();
  unknownClasses = [];
  const picked: (Candidate & { spec: CollectRequest['scopes'][number] | undefined })[] = [];
  const seenNames = new Set<string>();
  const notData: ClassSkip[] = [];
  request.scopes.forEach((spec, i) => {
    const scope = scopes[i];
    if (typeof scope !== 'object' || scope === null) return;
    let entries = ownEntries(scope, new Set(spec.skipNames ?? []));
    if (spec.fillOnly) entries = entries.filter(([name]) => !seenNames.has(spec.prefix + name));
    for (const [name] of entries) seenNames.add(spec.prefix + name);
    for (const candidate of salientValues(entries, request.minSize, classIsData, notData)) {
      picked.push({ ...candidate, name: spec.prefix + candidate.name, spec });
    }
  });
  if (request.globals) {
    for (const candidate of salientValues(globalsOf(new Set(request.baselineGlobals)), request.minSize, classIsData, notData)) {
      picked.push({ ...candidate, name: `globalThis.${candidate.name}`, spec: undefined });
    }
  }
  for (const [name, value] of bridge.tracked) {
    // Tracked under the name it already has in scope: once is enough.
    if (!picked.some((p) => p.name === name && p.value === value)) picked.push({ name, value, size: 0, spec: undefined });
  }
  // A value whose own class is yet unknown may be a library's (an AST of
  // millions of nodes, say): the worker looks the classes up before anything
  // is encoded, not after a walk of what is then left out.
  if (unknownClasses.length > 0) return { variables: picked.length, unknownClasses: unknownClasses.length };

  const encodedByObject = new Map<unknown, CollectedVariable>();
  const variables: CollectedVariable[] = [];
  const pending: { variable: CollectedVariable; meta: Uint8Array; bytes: Uint8Array[] }[] = [];
  const skipped: SkippedValue[] = notData.map((item) => ({
    path: item.name, type: typeName(item.value), size: item.size,
    reason: `an instance of a class from ${classes.get(item.ctor)?.module ?? 'node or native code'}, not data (name its package with --lib to capture it)`,
  }));
  let stagedBytes = 0;
  for (const item of picked) {
    const scopeKind = item.spec?.kind ?? (item.name.startsWith('globalThis.') ? 'global' : 'tracked');
    const base = {
      name: item.name,
      scope: scopeKind,
      ...(item.spec?.frameIndex !== undefined ? { frameIndex: item.spec.frameIndex } : {}),
      ...(item.spec?.frameFunction !== undefined ? { frameFunction: item.spec.frameFunction } : {}),
    } as const;
    const same = typeof item.value === 'object' && item.value !== null ? encodedByObject.get(item.value) : undefined;
    if (same) {
      variables.push({ ...same, ...base, sameAs: same.name });
      continue;
    }
    try {
      const encoded = encodeValue(item.value, { classOf, path: item.name });
      const meta = { offset: stagedBytes, byteLength: encoded.meta.byteLength };
      stagedBytes = aligned(stagedBytes + meta.byteLength);
      const parts: StagedPart[] = encoded.parts.map(({ bytes, ...info }) => {
        const part = { ...info, offset: stagedBytes, byteLength: bytes.byteLength };
        stagedBytes = aligned(stagedBytes + bytes.byteLength);
        return part;
      });
      const variable: CollectedVariable = {
        ...base,
        meta,
        parts,
        skipped: encoded.skipped,
        type: encoded.type,
        ...(encoded.class ? { class: encoded.class } : {}),
        ...(encoded.shape ? { shape: encoded.shape } : {}),
        byteSize: encoded.byteSize,
      };
      variables.push(variable);
      pending.push({ variable, meta: encoded.meta, bytes: encoded.parts.map((p) => p.bytes) });
      if (typeof item.value === 'object' && item.value !== null) encodedByObject.set(item.value, variable);
    } catch (err) {
      skipped.push({ path: item.name, type: typeName(item.value), size: item.size || sizeOf(item.value), reason: `not encodable: ${String(err)}` });
    }
  }
  if (unknownClasses.length > 0) return { variables: variables.length, unknownClasses: unknownClasses.length };

  // Copy every part's bytes now, while the script is stopped.
  const encoded = performance.now();
  const staging = stagingFor(stagedBytes);
  const allocated = performance.now();
  for (const { variable, meta, bytes } of pending) {
    staging.view.set(meta, variable.meta.offset);
    variable.parts.forEach((part, i) => staging.view.set(bytes[i]!, part.offset));
  }
  if (debugLevel() >= 2) {
    debug('collect', `encoded in ${(encoded - started).toFixed(1)} ms, staging ready in ${(allocated - encoded).toFixed(1)} ms, ${stagedBytes} bytes copied in ${(performance.now() - allocated).toFixed(1)} ms`, 2);
  }
  const result: CollectResult = {
    type: 'collected',
    seq: request.seq,
    variables,
    skipped,
    staging: staging.buffer,
    stagedBytes,
    unknownClasses: 0,
    ms: performance.now() - started,
  };
  bridge.postToWorker(result);
  return { variables: variables.length, unknownClasses: 0 };
}

/** The constructors whose module the worker must look up before collecting again. */
function pendingClasses(): Function[] {
  return unknownClasses;
}

/** Records the modules the worker found for `pendingClasses()` (null: not from a file), and whether their instances are data. */
function setClassModules(modules: (string | null)[], data: boolean[]): void {
  unknownClasses.forEach((ctor, i) => classes.set(ctor, { module: modules[i] ?? null, data: data[i] ?? false }));
  unknownClasses = [];
}

/**
 * Before the first checkpoint, outside any pause: reserves a staging buffer
 * as big as the binary data the thread holds, the best guess of what that
 * checkpoint will stage, and posts it to the worker, which writes its pages
 * once (a first write to fresh memory ran at 0.3 GiB/s here, a copy into
 * touched memory at over 10). Returns the bytes reserved (0: none).
 */
function reserve(bridge: RuntimeBridge): number {
  const reserved = reserveStaging(process.memoryUsage().arrayBuffers);
  if (reserved) bridge.postToWorker({ type: 'staging', staging: reserved } satisfies StagingReady);
  return reserved?.byteLength ?? 0;
}

const bridge = (globalThis as unknown as Record<symbol, RuntimeBridge | undefined>)[BRIDGE_KEY];
if (bridge) {
  bridge.capture = {
    collect: (request: CollectRequest, ...scopes: object[]) => collect(bridge, request, scopes),
    pendingClasses,
    setClassModules,
    pickFunctions,
    warmUp: (rounds: number) => warmUp(classOf, rounds),
    reserveStaging: () => reserve(bridge),
  };
}

