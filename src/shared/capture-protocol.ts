// What the capture worker asks of chkpt's main-thread module during a pause,
// and what that module posts back. Types only.
import type { BinaryPart, ClassRef, ScopeKind, SkippedValue } from './encoded.js';

/** One scope object handed to the main thread, in the order of the call's arguments. */
export interface ScopeSpec {
  kind: ScopeKind;
  /** Prefix of the variable names: '' for the entry module, `frames[2].locals.` for a frame. */
  prefix: string;
  frameIndex?: number;
  frameFunction?: string;
  /** Names never captured from this scope (CommonJS's `require`, `module`...). */
  skipNames?: string[];
  /** Only names no earlier scope with the same prefix had (a module's final top-level state). */
  fillOnly?: boolean;
}

/** The request of one checkpoint's read. */
export interface CollectRequest {
  seq: number;
  scopes: ScopeSpec[];
  /** Salient size in bytes; 0: everything; -1: tracked values only. */
  minSize: number;
  /** globalThis property names present at startup (the rest are the script's). */
  baselineGlobals: string[];
  /** Whether to include the script's own globals. */
  globals: boolean;
}

/** A part's bytes as copied into the staging buffer. */
export interface StagedPart extends Omit<BinaryPart, 'bytes'> {
  offset: number;
  byteLength: number;
}

export interface CollectedVariable {
  name: string;
  scope: ScopeKind;
  frameIndex?: number;
  frameFunction?: string;
  /**
   * The meta stream, in the staging buffer too: posting it would copy it
   * into fresh memory during the pause (a page fault per page).
   */
  meta: { offset: number; byteLength: number };
  parts: StagedPart[];
  skipped: SkippedValue[];
  type: string;
  class?: ClassRef;
  shape?: number[];
  byteSize: number;
  /** Name of the variable holding the same object, when it was already encoded. */
  sameAs?: string;
}

/** Posted by the main-thread module once it has read the state. */
export interface CollectResult {
  type: 'collected';
  seq: number;
  variables: CollectedVariable[];
  skipped: SkippedValue[];
  /** Holds every part's bytes, copied during the pause; reused between checkpoints (main-thread/staging.ts). */
  staging: SharedArrayBuffer;
  /** Bytes of `staging` this checkpoint wrote. */
  stagedBytes: number;
  /** Constructors seen whose module is not known yet (then the worker resolves them and asks again). */
  unknownClasses: number;
  ms: number;
}

/**
 * Posted by the main-thread module when it has made its staging buffer ready
 * for a checkpoint to come: the worker writes every page of it once, so that
 * the copy during the pause finds them in memory.
 */
export interface StagingReady {
  type: 'staging';
  staging: SharedArrayBuffer;
}
