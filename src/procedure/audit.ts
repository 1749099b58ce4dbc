import { sql } from 'kysely';
import { loadConfig, type AuditSettings } from '../config/config.ts';
import type { Db } from '../store/record.ts';
import type { Store } from '../store/db.ts';
import type { AuditLogTable } from '../store/tables/procedure.ts';
import { keysForWriting, loadKeys, mac, type AuditKey, type AuditKeyring } from './audit-keys.ts';
import { advanceCheckpoint, checkpointPath, readCheckpoint } from './audit-anchor.ts';
import { compareWithLog, type RecordedRows } from './audit-replay.ts';

/**
 * The append-only audit log. Each entry's hash is an HMAC, with a key the database does not hold
 * (audit-keys.ts), over its content and the previous entry's hash: an edited entry breaks its own hash, a
 * deleted one breaks the chain (sequence numbers are contiguous from 1), and without the key no entry can
 * be forged or the log re-chained. The entry that records a write carries the rows it wrote in full
 * (`detail.rows`), so `verifyAudit` rebuilds every ballot, procedure and user from the log and compares
 * them with the tables both ways (audit-replay.ts). The head is anchored outside the database in a signed
 * checkpoint file (audit-anchor.ts), so a log emptied or cut short is caught too.
 */
export const GENESIS = '0'.repeat(64);

export interface AuditEntry {
  actor: string;
  action: string;
  target?: string | null;
  /** What people read; `rows` holds the rows the action wrote, whole (see audit-replay.ts). */
  detail?: Record<string, unknown> & { rows?: RecordedRows };
}

export function entryHash(e: Omit<AuditLogTable, 'hash'>, key: AuditKey): string {
  return mac(key, [e.seq, e.at, e.actor, e.action, e.target, e.detail, e.prev_hash, e.key_id]);
}

/**
 * Serialises writers of the chain. Inside a transaction on PostgreSQL, an advisory lock held to commit;
 * SQLite runs one write transaction at a time already.
 */
export async function lockChain(db: Db, dialect: Store['dialect']): Promise<void> {
  if (dialect === 'postgres') await sql`select pg_advisory_xact_lock(270027)`.execute(db);
}

/** The log of one store: signs entries with the configured key and moves the checkpoint after each commit. */
export class AuditTrail {
  private keys: AuditKeyring | undefined;
  private path: string | undefined;

  constructor(
    readonly store: Store,
    readonly settings: AuditSettings = loadConfig().audit,
  ) {}

  async checkpointFile(): Promise<string> {
    this.path ??= await checkpointPath(this.store, this.settings.checkpoint);
    return this.path;
  }

  /**
   * Appends an entry; call inside the transaction that does the action, after lockChain. Refuses to build
   * on a log that no longer holds the checkpointed entry (emptied, shortened or rewritten).
   */
  async append(db: Db, at: string, entry: AuditEntry): Promise<AuditLogTable> {
    const last = await db
      .selectFrom('audit_log')
      .select(['seq', 'hash'])
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirst();
    this.keys ??= keysForWriting(this.settings, last?.seq ?? 0);
    const keys = this.keys;
    const path = await this.checkpointFile();
    const read = readCheckpoint(path, keys);
    if ('invalid' in read) throw new Error(`audit checkpoint refused: ${read.invalid}`);
    if ('checkpoint' in read) {
      const { seq, hash } = read.checkpoint;
      const held =
        last && seq === last.seq
          ? last.hash
          : (await db.selectFrom('audit_log').select('hash').where('seq', '=', seq).executeTakeFirst())?.hash;
      if (held !== hash)
        throw new Error(
          `the audit log does not hold entry ${seq} of the checkpoint ${path}: it was emptied, shortened or ` +
            'rewritten, and nothing more is written to it (run `council audit verify`; docs/security.md)',
        );
    }
    const base = {
      seq: (last?.seq ?? 0) + 1,
      at,
      actor: entry.actor,
      action: entry.action,
      target: entry.target ?? null,
      detail: JSON.stringify(entry.detail ?? {}),
      prev_hash: last?.hash ?? GENESIS,
      key_id: keys.current.id,
    };
    const row = { ...base, hash: entryHash(base, keys.current) };
    await db.insertInto('audit_log').values(row).execute();
    return row;
  }

  /** After the entry's transaction committed: the checkpoint moves to it. */
  async anchor(row: AuditLogTable): Promise<void> {
    if (this.keys) advanceCheckpoint(await this.checkpointFile(), this.keys, row);
  }

  /** Records an action in its own transaction (a refusal, whose own transaction was rolled back). */
  async record(at: string, entry: AuditEntry): Promise<AuditLogTable> {
    const row = await this.store.db.transaction().execute(async (trx) => {
      await lockChain(trx, this.store.dialect);
      return this.append(trx, at, entry);
    });
    await this.anchor(row);
    return row;
  }
}

export interface AuditReport {
  ok: boolean;
  entries: number;
  head: string;
  checkpoint: { file: string; seq: number | null };
  problems: string[];
}

/**
 * Walks the whole chain, checks it against the checkpoint, and compares every ballot, procedure and user
 * with what the log recorded; every problem is listed, not only the first.
 */
export async function verifyAudit(
  store: Store,
  settings: AuditSettings = loadConfig().audit,
): Promise<AuditReport> {
  const rows = await store.db.selectFrom('audit_log').selectAll().orderBy('seq').execute();
  const problems: string[] = [];
  let keys: AuditKeyring | undefined;
  try {
    keys = loadKeys(settings);
  } catch (e) {
    problems.push((e as Error).message);
  }
  if (!keys && rows.length > 0)
    problems.push(
      `no audit key (${settings.keys ? 'COUNCIL_AUDIT_KEY' : settings.keyFile}): the entries cannot be authenticated`,
    );
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
    const key = r.key_id ? keys?.byId.get(r.key_id) : undefined;
    if (keys && !key)
      problems.push(
        `entry ${r.seq} (${r.action}): signed with ${r.key_id ? `key ${r.key_id}, not among the configured keys` : 'no key'} (forged, or the key is missing)`,
      );
    else if (key && entryHash(rest, key) !== hash)
      problems.push(`entry ${r.seq} (${r.action}): content does not match its keyed hash (edited or forged)`);
    prev = hash;
    expectedSeq = r.seq + 1;
  }

  const file = await checkpointPath(store, settings.checkpoint);
  const read = readCheckpoint(file, keys);
  let checkpointSeq: number | null = null;
  if ('invalid' in read) problems.push(`checkpoint ${read.invalid}`);
  else if ('missing' in read) {
    if (rows.length > 0)
      problems.push(`no checkpoint at ${file}: cannot show that the log was not shortened or replaced`);
  } else {
    const c = read.checkpoint;
    checkpointSeq = c.seq;
    const held = rows.find((r) => r.seq === c.seq);
    if (!held)
      problems.push(
        rows.length === 0
          ? `the log is empty but the checkpoint records entry ${c.seq} (${c.at}): the log was emptied`
          : `the checkpoint records entry ${c.seq} (${c.at}) but the log ends at entry ${rows.at(-1)!.seq}: the log was shortened`,
      );
    else if (held.hash !== c.hash)
      problems.push(`entry ${c.seq} is not the one the checkpoint records: the log was rewritten`);
  }

  problems.push(...(await compareWithLog(store.db, rows)));
  return {
    ok: problems.length === 0,
    entries: rows.length,
    head: prev,
    checkpoint: { file, seq: checkpointSeq },
    problems,
  };
}
