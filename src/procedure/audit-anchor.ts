import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { sql } from 'kysely';
import { DATA_DIR } from '../config/paths.ts';
import type { Store } from '../store/db.ts';
import { mac, type AuditKeyring } from './audit-keys.ts';

/**
 * The chain's head anchored outside the database: a signed checkpoint file (entry number and hash),
 * rewritten after each committed entry. A log that was emptied, shortened or re-chained no longer holds
 * the checkpointed entry, which `council audit verify` reports and every write refuses to build on.
 * The checkpoint may lag one entry behind the log (a process killed between commit and file write);
 * entries after it are still authenticated by their keyed hashes and by the rows they recorded.
 */
export interface Checkpoint {
  seq: number;
  hash: string;
  at: string;
  keyId: string;
  /** HMAC of (seq, hash, at) with the key keyId. */
  mac: string;
}

const checkpointMac = (keys: AuditKeyring, c: Omit<Checkpoint, 'mac'>) =>
  mac(keys.byId.get(c.keyId) ?? keys.current, ['council-record checkpoint', c.seq, c.hash, c.at]);

/**
 * The checkpoint file of a store: COUNCIL_AUDIT_CHECKPOINT, else beside the SQLite file, else one per
 * PostgreSQL database in data/audit-checkpoints/ (named by server, database and the database's oid, so a
 * database dropped and created again under the same name does not inherit the old one's checkpoint).
 */
export async function checkpointPath(store: Store, configured?: string): Promise<string> {
  if (configured) return configured;
  if (store.dialect === 'sqlite')
    // An in-memory database lives as long as its process: so does its checkpoint.
    return store.location === ':memory:'
      ? join(tmpdir(), `council-audit-checkpoint-memory-${process.pid}.json`)
      : `${store.location}.audit-checkpoint.json`;
  const row = await sql<{
    oid: number;
    db: string;
  }>`select oid::int as oid, current_database() as db from pg_database where datname = current_database()`.execute(
    store.db,
  );
  const { oid, db } = row.rows[0]!;
  const server = createHash('sha256').update(store.location).digest('hex').slice(0, 8);
  return resolve(DATA_DIR, 'audit-checkpoints', `${db}-${oid}-${server}.json`);
}

export type ReadCheckpoint = { checkpoint: Checkpoint } | { missing: true } | { invalid: string };

export function readCheckpoint(path: string, keys: AuditKeyring | undefined): ReadCheckpoint {
  if (!existsSync(path)) return { missing: true };
  let c: Checkpoint;
  try {
    c = JSON.parse(readFileSync(path, 'utf8')) as Checkpoint;
  } catch (e) {
    return { invalid: `${path}: not a checkpoint (${(e as Error).message})` };
  }
  if (typeof c.seq !== 'number' || typeof c.hash !== 'string' || typeof c.mac !== 'string')
    return { invalid: `${path}: not a checkpoint (expected seq, hash, at, keyId, mac)` };
  if (!keys) return { invalid: `${path}: cannot check its signature without the audit key` };
  if (!keys.byId.has(c.keyId))
    return { invalid: `${path}: signed with key ${c.keyId}, which is not among the configured keys` };
  if (checkpointMac(keys, c) !== c.mac)
    return { invalid: `${path}: signature does not match (forged or edited)` };
  return { checkpoint: c };
}

/** Moves the checkpoint forward to this entry; never backward (another process may have gone further). */
export function advanceCheckpoint(
  path: string,
  keys: AuditKeyring,
  entry: { seq: number; hash: string; at: string },
): void {
  const now = readCheckpoint(path, keys);
  if ('checkpoint' in now && now.checkpoint.seq >= entry.seq) return;
  const body = { seq: entry.seq, hash: entry.hash, at: entry.at, keyId: keys.current.id };
  const c: Checkpoint = { ...body, mac: checkpointMac(keys, body) };
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(c)}\n`, { mode: 0o600 });
  renameSync(tmp, path);
}
