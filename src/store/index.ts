// The store's public face: open a store, record runs and checkpoints, read
// them back. See docs/FORMAT.md for the layout on disk.
export { openStore, Store } from './store.js';
export type { StoreStats } from './store.js';
export type { ReadOptions } from './read-value.js';
export type { CheckpointFilter } from './list.js';
export type { OpenOptions } from './open-store.js';
export type { GcOptions, GcReport } from './gc.js';
export type { VerifyReport, CheckpointCheck, VariableCheck, VerifyProblem } from './verify.js';
export type {
  BlobInfo, CheckpointInfo, CheckpointInput, PartInfo, RunInfo, RunOutcome, RunStart, RunStatus,
  VariableInfo, VariableInput, VariableRef, WriteResult,
} from './types.js';
export { defaultStoreDir, remoteCacheDir } from './paths.js';
export type { ImportedCheckpoint } from './import.js';
export { parseSize, formatSize } from './size.js';
export { STORE_FORMAT_VERSION, CHUNK_SIZE, DEFAULT_MAX_BYTES } from './format.js';
