// chkpt's package entry: `import { chkpt, open } from 'chkpt'`.
// `chkpt` controls checkpointing from inside a running script; `open` reads
// saved checkpoints from any script (see docs/API.md).
export { chkpt } from './chkpt.js';
export type { RestoreOptions, RuntimeOptions, SnapshotResult } from './chkpt.js';
export { open } from './open.js';
export type { ChkptStore, Checkpoint, DiffReport, ExportFormat, ExportOptions, ExportResult, NumericSource, NumericSummary, OpenReadOptions } from './open.js';
