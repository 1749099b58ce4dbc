import { createHash } from 'node:crypto';
import type { Db } from '../store/record.ts';
import type { AppUserTable, AuditLogTable, BallotTable, ProcedureTable } from '../store/tables/procedure.ts';
import { outcomeOf } from './tally.ts';

/**
 * The procedure's tables rebuilt from the audit log alone. The entry that records a write carries, in
 * `detail.rows`, every column it set: the whole ballot (the vote itself, its state, user and time), the
 * whole procedure when opened, and the columns that closing (status, outcome) and announcing (letters,
 * meeting, decision) change; users likewise, with a digest of the password hash in place of the hash.
 * Replaying the entries in order gives what the tables must hold; they are compared both ways: a row with
 * no entry, an entry with no row, any column that differs. The stored outcome is also recomputed from
 * the ballots the log recorded.
 */
export type UserRecord = Omit<AppUserTable, 'password_hash'> & { password_sha256: string };

export interface RecordedRows {
  procedure?: Partial<ProcedureTable> & { id: string };
  ballot?: Omit<BallotTable, 'audit_seq'>;
  app_user?: Partial<UserRecord> & { id: string };
}

export const userRecord = (u: AppUserTable): UserRecord => {
  const { password_hash, ...rest } = u;
  return { ...rest, password_sha256: createHash('sha256').update(password_hash).digest('hex') };
};

type Row = Record<string, unknown>;

interface Table {
  name: 'procedure' | 'ballot' | 'app_user';
  what: string;
  key: (r: Row) => string;
}

const TABLES: Table[] = [
  { name: 'procedure', what: 'procedure', key: (r) => String(r.id) },
  {
    name: 'ballot',
    what: 'ballot',
    key: (r) => `of ${String(r.state)} on procedure ${String(r.procedure_id)}`,
  },
  { name: 'app_user', what: 'user', key: (r) => `${String(r.name ?? r.id)}` },
];

/** The rows the log says each table holds, by key. */
export function replay(entries: AuditLogTable[]): Record<Table['name'], Map<string, Row>> {
  const out = {
    procedure: new Map<string, Row>(),
    ballot: new Map<string, Row>(),
    app_user: new Map<string, Row>(),
  };
  const userKeys = new Map<string, string>();
  for (const e of entries) {
    let rows: RecordedRows | undefined;
    try {
      rows = (JSON.parse(e.detail) as { rows?: RecordedRows }).rows;
    } catch {
      continue; // an unreadable entry is reported by its hash
    }
    if (!rows) continue;
    if (rows.procedure) merge(out.procedure, rows.procedure.id, rows.procedure);
    if (rows.ballot) {
      const b: Row = { ...rows.ballot, audit_seq: e.seq };
      merge(out.ballot, TABLES[1]!.key(b), b);
    }
    if (rows.app_user) {
      // Users are named by name in messages but keyed by id.
      const u = rows.app_user;
      const k = userKeys.get(u.id) ?? TABLES[2]!.key(u);
      userKeys.set(u.id, k);
      merge(out.app_user, k, u);
    }
  }
  return out;
}

function merge(map: Map<string, Row>, key: string, values: Row): void {
  map.set(key, { ...(map.get(key) ?? {}), ...values });
}

/** Every difference between the tables and the log, in words. */
export async function compareWithLog(db: Db, entries: AuditLogTable[]): Promise<string[]> {
  const expected = replay(entries);
  const actual = {
    procedure: await db.selectFrom('procedure').selectAll().execute(),
    ballot: await db.selectFrom('ballot').selectAll().execute(),
    app_user: (await db.selectFrom('app_user').selectAll().execute()).map(userRecord),
  };
  const problems: string[] = [];
  for (const t of TABLES) {
    const want = expected[t.name];
    const userIds = new Map<string, string>();
    if (t.name === 'app_user') for (const [k, r] of want) userIds.set(String(r.id), k);
    const seen = new Set<string>();
    for (const row of actual[t.name] as Row[]) {
      const key = t.name === 'app_user' ? (userIds.get(String(row.id)) ?? t.key(row)) : t.key(row);
      seen.add(key);
      const logged = want.get(key);
      if (!logged) {
        problems.push(`${t.what} ${key}: in the database but recorded by no audit entry`);
        continue;
      }
      for (const column of new Set([...Object.keys(row), ...Object.keys(logged)])) {
        if (!same(row[column], logged[column]))
          problems.push(
            `${t.what} ${key}: ${column} is ${show(row[column])} in the database but ${show(logged[column])} in the audit log`,
          );
      }
    }
    for (const key of want.keys())
      if (!seen.has(key))
        problems.push(`${t.what} ${key}: recorded in the audit log but missing from the database`);
  }
  problems.push(...outcomesAgree(expected));
  return problems;
}

/** The outcome the log recorded for each closed procedure is Article 27 applied to the ballots it recorded. */
function outcomesAgree(expected: ReturnType<typeof replay>): string[] {
  const problems: string[] = [];
  for (const [id, p] of expected.procedure) {
    if (typeof p.outcome !== 'string') continue;
    const ballots = [...expected.ballot.values()]
      .filter((b) => b.procedure_id === id)
      .map((b) => ({ state: String(b.state), vote: b.vote as BallotTable['vote'] }));
    let computed: string;
    try {
      computed = JSON.stringify(outcomeOf(p as unknown as ProcedureTable, ballots));
    } catch (e) {
      problems.push(
        `procedure ${id}: its outcome cannot be recomputed from the logged ballots (${(e as Error).message})`,
      );
      continue;
    }
    if (computed !== p.outcome)
      problems.push(
        `procedure ${id}: the outcome recorded is not what Article 27 gives for the ballots recorded`,
      );
  }
  return problems;
}

// PostgreSQL and SQLite both return integers as numbers here; undefined and null mean "not set".
const same = (a: unknown, b: unknown) => (a ?? null) === (b ?? null);
const show = (v: unknown) => {
  const s = v === undefined || v === null ? 'not set' : JSON.stringify(v);
  return s.length > 80 ? `${s.slice(0, 77)}...` : s;
};
