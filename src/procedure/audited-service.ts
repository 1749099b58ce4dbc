import { createHash } from 'node:crypto';
import type { Store } from '../store/db.ts';
import type { Db } from '../store/record.ts';
import type { AuditLogTable } from '../store/tables/procedure.ts';
import type { AuditSettings } from '../config/config.ts';
import type { Actor } from './actors.ts';
import { AuditTrail, lockChain, type AuditEntry } from './audit.ts';
import { systemClock, iso, type Clock } from './clock.ts';

/**
 * What every part of the written procedure shares: its clock, the hash-chained audit trail, and the one
 * way to write (one transaction holding the audit chain, so an action and its audit entry commit
 * together). Refusals are recorded here too. The accounts (accounts.ts) and the voting workflow
 * (service.ts) build on it.
 */

/** Distinct kinds of anonymous refusal counted between two flushes; the rest are counted as "other". */
const MAX_COUNTED = 1000;

export const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export interface ServiceOptions {
  clock?: Clock;
  sessionTtlMinutes?: number;
  /** The audit key and checkpoint (default: from the environment, as `loadConfig` reads it). */
  audit?: AuditSettings;
}

/** Appends an audit entry inside the write's transaction. */
export type Append = (entry: AuditEntry) => Promise<AuditLogTable>;

export class AuditedService {
  protected readonly clock: Clock;
  readonly audit: AuditTrail;

  constructor(
    readonly store: Store,
    options: ServiceOptions = {},
  ) {
    this.clock = options.clock ?? systemClock;
    this.audit = new AuditTrail(store, options.audit);
  }

  /** Refusals of anonymous callers since `countedSince`, by action, code (and login name). */
  private counted = new Map<string, number>();
  private countedSince: string | null = null;

  /** Writes the refusals counted since the last call as one entry (the server does every minute and on close). */
  async flushRefusals(): Promise<void> {
    if (this.counted.size === 0) return;
    const detail = { since: this.countedSince, counts: Object.fromEntries(this.counted) };
    this.counted = new Map();
    this.countedSince = null;
    await this.audit.record(this.now(), {
      actor: 'anonymous',
      action: 'refusals.counted',
      target: null,
      detail,
    });
  }

  protected now(): string {
    return iso(this.clock());
  }

  /**
   * Runs `fn` in one transaction holding the audit chain, so the action and its audit entry commit
   * together; once committed, the checkpoint moves to the last entry.
   */
  protected async write<T>(fn: (trx: Db, at: string, append: Append) => Promise<T>): Promise<T> {
    let last: AuditLogTable | undefined;
    const result = await this.store.db.transaction().execute(async (trx) => {
      await lockChain(trx, this.store.dialect);
      const at = this.now();
      return fn(trx, at, async (entry) => (last = await this.audit.append(trx, at, entry)));
    });
    if (last) await this.audit.anchor(last);
    return result;
  }

  /**
   * Records a refusal in the audit log (the refused action itself wrote nothing). Refusals of callers who
   * are not logged in cost them nothing to send, so they are counted, not written one by one: a flood
   * must not slow the real votes down or fill the log; `flushRefusals` writes the counts as one entry.
   */
  async refuse(actor: Actor | null, action: string, target: string | null, error: unknown): Promise<void> {
    const e = error as { code?: string; statusCode?: number; message?: string };
    if (!actor || (actor.role === 'public' && !actor.userId)) {
      const who = actor?.name.startsWith('login attempt as ') ? ` ${actor.name.slice(17)}` : '';
      const key = this.counted.size < MAX_COUNTED ? `${action}.refused ${e.code ?? 'error'}${who}` : 'other';
      this.counted.set(key, (this.counted.get(key) ?? 0) + 1);
      this.countedSince ??= this.now();
      return;
    }
    const entry: AuditEntry = {
      actor: actor?.name ?? 'anonymous',
      action: `${action}.refused`,
      target,
      detail: {
        code: e.code ?? 'error',
        status: e.statusCode ?? 500,
        message: String(e.message ?? error).slice(0, 500),
      },
    };
    await this.audit.record(this.now(), entry);
  }
}
