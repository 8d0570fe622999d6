// The on-disk format's constants in one place. Changing how anything is laid
// out on disk or in the index means bumping STORE_FORMAT_VERSION (and, for an
// older store, migrating it in index-schema.ts). See docs/FORMAT.md.

/** Version of the store layout and index schema; checked on every open. */
export const STORE_FORMAT_VERSION = 1;

/**
 * Bytes per chunk. Measured with bench/store-layout.ts: writing 1 GiB as
 * 1 MiB chunk files costs 1.6x one fsync'd file (per-file open, fdatasync,
 * rename), 4 MiB files 1.2-1.4x, 16 MiB no better. Smaller chunks dedup more
 * finely, so 4 MiB: the smallest within the 1.5x write-cost target.
 */
export const CHUNK_SIZE = 4 * 1024 * 1024;

/**
 * Chunks up to this size live in the index (table `chunks`, column `data`),
 * written in the same transaction as the checkpoint: a loop counter that
 * changes every checkpoint then costs no file, no fsync and no directory entry.
 */
export const SMALL_CHUNK_MAX = 16 * 1024;

/** Default size cap of a store: 5 GiB, lowered to a quarter of the free disk. */
export const DEFAULT_MAX_BYTES = 5 * 1024 ** 3;

/** A writer's lease on chunks it is about to reference stops protecting them after this long. */
export const LEASE_MAX_AGE_MS = 10 * 60 * 1000;

/** Temp files older than this are swept by gc even when their writer cannot be checked. */
export const TEMP_MAX_AGE_MS = 60 * 60 * 1000;

/** How long a writer waits for another process's index transaction before failing. */
export const BUSY_TIMEOUT_MS = 20_000;

/** The file and directory names inside a store. */
export const INDEX_FILE = 'index.sqlite';
export const CHUNKS_DIR = 'chunks';
export const TEMP_DIR = 'tmp';
