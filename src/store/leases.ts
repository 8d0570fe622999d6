// Leases close the race between a writer and gc. A writer first commits a
// lease naming every chunk file its checkpoint will reference (and registers
// those chunks), and only then looks at which files already exist. gc decides
// and deletes under the index's write lock and skips leased chunks, so a chunk
// a writer saw present cannot vanish before the writer's checkpoint commits;
// one it saw absent it writes itself. A lease whose writer died (same host,
// pid gone) or that is older than LEASE_MAX_AGE_MS protects nothing.
import os from 'node:os';
import { randomBytes } from 'node:crypto';
import type Database from 'better-sqlite3';
import { LEASE_MAX_AGE_MS } from './format.js';
import { pidAlive } from './fs-private.js';

const HOST = os.hostname();

/** Leases `chunks` for this process and registers them as (possibly) present; returns the lease id. */
export function takeLease(db: Database.Database, chunks: readonly { hash: string; size: number }[]): string {
  const id = `${process.pid}-${randomBytes(6).toString('hex')}`;
  const addLease = db.prepare('INSERT INTO leases (id, pid, hostname, created_at) VALUES (?, ?, ?, ?)');
  const addChunk = db.prepare('INSERT OR IGNORE INTO lease_chunks (hash, lease_id) VALUES (?, ?)');
  const register = db.prepare('INSERT OR IGNORE INTO chunks (hash, size, data) VALUES (?, ?, NULL)');
  db.transaction(() => {
    addLease.run(id, process.pid, HOST, Date.now());
    for (const c of chunks) {
      addChunk.run(c.hash, id);
      register.run(c.hash, c.size);
    }
  }).immediate();
  return id;
}

/** Drops a lease (inside the caller's transaction when there is one). */
export function dropLease(db: Database.Database, leaseId: string): void {
  db.prepare('DELETE FROM lease_chunks WHERE lease_id = ?').run(leaseId);
  db.prepare('DELETE FROM leases WHERE id = ?').run(leaseId);
}

/** Drops leases whose writer is gone; call inside gc's write transaction. Returns how many. */
export function dropStaleLeases(db: Database.Database, now = Date.now()): number {
  const leases = db.prepare('SELECT id, pid, hostname, created_at FROM leases').all() as {
    id: string; pid: number; hostname: string; created_at: number;
  }[];
  let dropped = 0;
  for (const l of leases) {
    const stale = now - l.created_at > LEASE_MAX_AGE_MS || (l.hostname === HOST && !pidAlive(l.pid));
    if (stale) {
      dropLease(db, l.id);
      dropped++;
    }
  }
  return dropped;
}
