import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../store/record.ts';
import type { Store } from '../store/db.ts';
import type { AuditLogTable } from '../store/tables/procedure.ts';

/**
 * The append-only audit log. Each entry's hash covers its content and the previous entry's hash, so an
 * edited entry breaks its own hash and a deleted one breaks the chain (sequence numbers are contiguous
 * from 1). Ballots and procedures keep the sequence number of the entry that recorded them, so deleting
 * the newest entries is caught too when anything refers to them.
 */
export const GENESIS = '0'.repeat(64);

export interface AuditEntry {
  actor: string;
  action: string;
  target?: string | null;
  detail?: Record<string, unknown>;
}

export function entryHash(e: Omit<AuditLogTable, 'hash'>): string {
  return createHash('sha256')
    .update(JSON.stringify([e.seq, e.at, e.actor, e.action, e.target, e.detail, e.prev_hash]))
    .digest('hex');
}

/**
 * Serialises writers of the chain. Inside a transaction on PostgreSQL, an advisory lock held to commit;
 * SQLite runs one write transaction at a time already.
 */
export async function lockChain(db: Db, dialect: Store['dialect']): Promise<void> {
  if (dialect === 'postgres') await sql`select pg_advisory_xact_lock(270027)`.execute(db);
}

/** Appends an entry; call inside the transaction that does the action, after lockChain. */
export async function appendAudit(db: Db, at: string, entry: AuditEntry): Promise<AuditLogTable> {
  const last = await db
    .selectFrom('audit_log')
    .select(['seq', 'hash'])
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  const base = {
    seq: (last?.seq ?? 0) + 1,
    at,
    actor: entry.actor,
    action: entry.action,
    target: entry.target ?? null,
    detail: JSON.stringify(entry.detail ?? {}),
    prev_hash: last?.hash ?? GENESIS,
  };
  const row = { ...base, hash: entryHash(base) };
  await db.insertInto('audit_log').values(row).execute();
  return row;
}

/** Records an action in its own transaction (a refusal, whose own transaction was rolled back). */
export async function recordAudit(store: Store, at: string, entry: AuditEntry): Promise<AuditLogTable> {
  return store.db.transaction().execute(async (trx) => {
    await lockChain(trx, store.dialect);
    return appendAudit(trx, at, entry);
  });
}

export interface AuditReport {
  ok: boolean;
  entries: number;
  head: string;
  problems: string[];
}

/** Walks the whole chain and the references to it; every problem is listed, not only the first. */
export async function verifyAudit(db: Db): Promise<AuditReport> {
  const rows = await db.selectFrom('audit_log').selectAll().orderBy('seq').execute();
  const problems: string[] = [];
  let prev = GENESIS;
  let expectedSeq = 1;
  for (const r of rows) {
    if (r.seq !== expectedSeq) {
      problems.push(
        `entry ${expectedSeq}${r.seq > expectedSeq + 1 ? `..${r.seq - 1}` : ''} missing (deleted) before entry ${r.seq}`,
      );
    }
    if (r.prev_hash !== prev)
      problems.push(`entry ${r.seq}: does not follow the entry before it (chain broken)`);
    const { hash, ...rest } = r;
    if (entryHash(rest) !== hash)
      problems.push(`entry ${r.seq} (${r.action}): content does not match its hash (edited)`);
    prev = hash;
    expectedSeq = r.seq + 1;
  }
  const bySeq = new Map(rows.map((r) => [r.seq, r]));
  const ballots = await db
    .selectFrom('ballot')
    .select(['procedure_id', 'state', 'digest', 'audit_seq'])
    .execute();
  for (const b of ballots) {
    const e = bySeq.get(b.audit_seq);
    const detail = e ? (JSON.parse(e.detail) as { digest?: string }) : undefined;
    if (!e || e.action !== 'vote.cast' || detail?.digest !== b.digest) {
      problems.push(
        `ballot of ${b.state} on procedure ${b.procedure_id}: its audit entry ${b.audit_seq} is missing or altered`,
      );
    }
  }
  return { ok: problems.length === 0, entries: rows.length, head: prev, problems };
}
