/**
 * The audit log against someone who can write the database but does not hold the audit key: every edit of
 * a ballot, a procedure or the log itself (forged entry, re-chained, emptied or shortened log) is reported
 * by `verifyAudit`, on each database. Each edit runs in a transaction that first drops the database's own
 * guards (as the tables' owner could) and is rolled back after the verification, so the edits are
 * independent; the guards themselves are tested as they stand.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { membersOn } from '../../src/domain/membership.ts';
import type { Actor } from '../../src/procedure/actors.ts';
import { ProcedureService } from '../../src/procedure/service.ts';
import type { Receipt } from '../../src/procedure/view.ts';
import { verifyAudit } from '../../src/procedure/audit.ts';
import { openStore, type Store } from '../../src/store/db.ts';
import type { Db } from '../../src/store/record.ts';
import type { AuditLogTable } from '../../src/store/tables/procedure.ts';
import { grantAppRole } from '../../src/store/grants.ts';
import { migrate } from '../../src/store/migrate.ts';
import { PROCEDURE_DAY, procedureNow, TIME_ENV } from '../support/clock.ts';
import { loadConfig } from '../../src/config/config.ts';
import { actorFor, openMigrated, PASSWORD, postgresBackend, sqliteBackend, type Backend } from './helpers.ts';

const run = promisify(execFile);
const members = membersOn(PROCEDURE_DAY);
const pgBackend = await postgresBackend('tamper');
const pgRoleBackend = await postgresBackend('role');

interface World {
  b: Backend;
  store: Store;
  service: ProcedureService;
  delegations: Map<string, Actor>;
  closed: string;
  open: string;
  receipt: Receipt;
}

async function setUp(b: Backend): Promise<World> {
  const store = await openMigrated(b);
  const service = new ProcedureService(store, { clock: procedureNow, audit: b.config.audit });
  await service.addUser({ name: 'sec', role: 'secretariat', password: PASSWORD }, 'test');
  await service.addUser({ name: 'pres', role: 'president', password: PASSWORD }, 'test');
  const delegations = new Map<string, Actor>();
  for (const s of members) {
    const name = `d-${s.toLowerCase()}`;
    await service.addUser({ name, role: 'delegation', state: s, password: PASSWORD }, 'test');
    delegations.set(s, await actorFor(service, name, PASSWORD));
  }
  const sec = await actorFor(service, 'sec', PASSWORD);
  const pres = await actorFor(service, 'pres', PASSWORD);
  const first = await service.open(sec, {
    draftSymbol: 'S/2025/901',
    title: 'Draft one',
    agendaItemId: 'x-1',
    agendaItemTitleEn: 'Item',
  });
  let receipt: Receipt | undefined;
  for (const [s, a] of delegations) {
    const r = await service.vote(a, first.id, { vote: 'Y' });
    if (s === 'USA') receipt = r;
  }
  await service.close(pres, first.id);
  const second = await service.open(sec, {
    draftSymbol: 'S/2025/902',
    title: 'Draft two',
    agendaItemId: 'x-1',
  });
  for (const s of members.slice(0, 3)) await service.vote(delegations.get(s)!, second.id, { vote: 'A' });
  // The newest entry is a refusal, which no row refers to: only the checkpoint shows it was there.
  await service.refuse(delegations.get('FRA')!, 'vote', second.id, new Error('a refused vote'));
  return { b, store, service, delegations, closed: first.id, open: second.id, receipt: receipt! };
}

const ROLLBACK = new Error('rolled back on purpose');

/** The database's guards, dropped as the tables' owner could. */
async function dropGuards(db: Db, dialect: Store['dialect']): Promise<void> {
  const triggers =
    dialect === 'sqlite'
      ? [
          'audit_log_no_update',
          'audit_log_no_delete',
          'audit_log_no_replace',
          'ballot_no_replace',
          'ballot_no_update',
          'ballot_no_delete',
        ]
      : [
          'audit_log_no_change on audit_log',
          'ballot_no_change on ballot',
          'audit_log_no_truncate on audit_log',
          'ballot_no_truncate on ballot',
        ];
  for (const t of triggers) await sql.raw(`drop trigger ${t}`).execute(db);
}

/** The problems verify reports after `edit`, which is then undone. */
async function afterEdit(
  w: World,
  edit: (db: Db) => Promise<void>,
  check?: (db: Db) => Promise<void>,
): Promise<string[]> {
  let problems: string[] = [];
  await w.store.db
    .transaction()
    .execute(async (trx) => {
      await dropGuards(trx, w.store.dialect);
      await edit(trx);
      problems = (await verifyAudit({ ...w.store, db: trx }, w.b.config.audit)).problems;
      if (check) await check(trx);
      throw ROLLBACK;
    })
    .catch((e: unknown) => {
      if (e !== ROLLBACK) throw e;
    });
  return problems;
}

function reports(problems: string[], pattern: RegExp): void {
  assert.ok(
    problems.some((p) => pattern.test(p)),
    `expected ${pattern} among:\n${problems.join('\n')}`,
  );
}

const entries = (db: Db) => db.selectFrom('audit_log').selectAll().orderBy('seq').execute();

for (const [name, backend] of [
  ['sqlite', sqliteBackend()],
  ['postgres', pgBackend],
] as const) {
  test(
    `every edit of the record or the log is caught on ${name}`,
    { skip: typeof backend === 'string' ? backend : false, timeout: 300_000 },
    async (t) => {
      const w = await setUp(backend as Backend);
      const ballotOf = (db: Db, state: string, id = w.closed) =>
        db.updateTable('ballot').where('procedure_id', '=', id).where('state', '=', state);
      try {
        await t.test('the untouched record verifies', async () => {
          const report = await verifyAudit(w.store, w.b.config.audit);
          assert.deepEqual(report.problems, []);
          assert.equal(report.checkpoint.seq, report.entries);
        });

        await t.test('the database refuses edits, replacements and truncation', async () => {
          await assert.rejects(ballotOf(w.store.db, 'USA').set({ vote: 'N' }).execute(), /append-only/);
          await assert.rejects(sql`delete from ballot`.execute(w.store.db), /append-only/);
          await assert.rejects(
            sql`update audit_log set actor = 'x' where seq = 1`.execute(w.store.db),
            /append-only/,
          );
          if (w.store.dialect === 'sqlite') {
            await assert.rejects(
              sql`insert or replace into audit_log (seq, at, actor, action, target, detail, prev_hash, key_id, hash)
                select seq, at, 'someone else', action, target, detail, prev_hash, key_id, hash from audit_log where seq = 1`.execute(
                w.store.db,
              ),
              /append-only/,
            );
            await assert.rejects(
              sql`insert or replace into ballot select procedure_id, state, 'N', user_id, received_at, digest, audit_seq
                from ballot where state = 'USA'`.execute(w.store.db),
              /append-only/,
            );
          } else {
            await assert.rejects(sql`truncate audit_log, ballot`.execute(w.store.db), /append-only/);
            await assert.rejects(sql`truncate procedure cascade`.execute(w.store.db), /append-only/);
          }
          assert.equal((await verifyAudit(w.store, w.b.config.audit)).ok, true);
        });

        await t.test("a ballot's vote changed (USA Y→N, a veto)", async () => {
          const problems = await afterEdit(w, async (db) => {
            await ballotOf(db, 'USA').set({ vote: 'N' }).execute();
          });
          reports(
            problems,
            new RegExp(
              `ballot of USA on procedure ${w.closed}: vote is "N" in the database but "Y" in the audit log`,
            ),
          );
        });

        await t.test('a ballot and the stored outcome changed together', async () => {
          const problems = await afterEdit(w, async (db) => {
            await ballotOf(db, 'USA').set({ vote: 'N' }).execute();
            await db
              .updateTable('procedure')
              .set({ outcome: JSON.stringify({ adopted: false, vetoedBy: ['USA'] }) })
              .where('id', '=', w.closed)
              .execute();
          });
          reports(problems, /ballot of USA .*vote is "N"/);
          reports(
            problems,
            new RegExp(`procedure ${w.closed}: outcome is .* in the database but .* in the audit log`),
          );
        });

        await t.test('a ballot deleted', async () => {
          const problems = await afterEdit(w, async (db) => {
            await db
              .deleteFrom('ballot')
              .where('procedure_id', '=', w.closed)
              .where('state', '=', 'FRA')
              .execute();
          });
          reports(
            problems,
            /ballot of FRA on procedure .*: recorded in the audit log but missing from the database/,
          );
        });

        await t.test('a ballot moved to another user', async () => {
          const problems = await afterEdit(w, async (db) => {
            await ballotOf(db, 'FRA')
              .set({ user_id: w.delegations.get('GBR')!.userId })
              .execute();
          });
          reports(problems, /ballot of FRA .*: user_id is .* in the database but .* in the audit log/);
        });

        await t.test('a ballot with no entry', async () => {
          const silent = members.slice(3).find((s) => s !== 'FRA')!;
          const problems = await afterEdit(w, async (db) => {
            await db
              .insertInto('ballot')
              .values({
                procedure_id: w.open,
                state: silent,
                vote: 'N',
                user_id: w.delegations.get(silent)!.userId,
                received_at: procedureNow().toISOString(),
                digest: 'f'.repeat(64),
                audit_seq: 1,
              })
              .execute();
          });
          reports(
            problems,
            new RegExp(
              `ballot of ${silent} on procedure ${w.open}: in the database but recorded by no audit entry`,
            ),
          );
        });

        await t.test("a procedure's deadline changed", async () => {
          const problems = await afterEdit(w, async (db) => {
            await db
              .updateTable('procedure')
              .set({ deadline: '2099-01-01T00:00:00.000Z' })
              .where('id', '=', w.open)
              .execute();
          });
          reports(
            problems,
            new RegExp(`procedure ${w.open}: deadline is "2099-01-01T00:00:00.000Z" in the database`),
          );
        });

        await t.test("a user's role or state changed", async () => {
          const problems = await afterEdit(w, async (db) => {
            await db.updateTable('app_user').set({ state: 'USA' }).where('name', '=', 'd-fra').execute();
          });
          reports(problems, /user d-fra: state is "USA" in the database but "FRA"/);
        });

        await t.test('a forged entry appended with a valid SHA-256 chain but no key', async () => {
          const problems = await afterEdit(w, async (db) => {
            const last = (await entries(db)).at(-1)!;
            const silent = members.slice(3).find((s) => s !== 'FRA')!;
            const ballot = {
              procedure_id: w.open,
              state: silent,
              vote: 'N' as const,
              user_id: w.delegations.get(silent)!.userId,
              received_at: procedureNow().toISOString(),
              digest: 'e'.repeat(64),
            };
            const e = {
              seq: last.seq + 1,
              at: ballot.received_at,
              actor: `d-${silent.toLowerCase()}`,
              action: 'vote.cast',
              target: w.open,
              detail: JSON.stringify({ state: silent, vote: 'N', rows: { ballot } }),
              prev_hash: last.hash,
              key_id: null,
            };
            const hash = createHash('sha256')
              .update(JSON.stringify([e.seq, e.at, e.actor, e.action, e.target, e.detail, e.prev_hash]))
              .digest('hex');
            await db
              .insertInto('audit_log')
              .values({ ...e, hash })
              .execute();
            await db
              .insertInto('ballot')
              .values({ ...ballot, audit_seq: e.seq })
              .execute();
          });
          reports(problems, /entry \d+ \(vote.cast\): signed with no key/);
        });

        await t.test("a forged entry claiming the real key's id", async () => {
          const problems = await afterEdit(w, async (db) => {
            const last = (await entries(db)).at(-1)!;
            await db
              .insertInto('audit_log')
              .values({
                ...last,
                seq: last.seq + 1,
                prev_hash: last.hash,
                hash: rechain(randomBytes(32), { ...last, seq: last.seq + 1, prev_hash: last.hash }),
              })
              .execute();
          });
          reports(problems, /content does not match its keyed hash \(edited or forged\)/);
        });

        await t.test(
          'a re-chained log (one vote changed, every hash recomputed with another key)',
          async () => {
            const problems = await afterEdit(w, async (db) => {
              const all = await entries(db);
              await db.deleteFrom('audit_log').execute();
              const key = randomBytes(32);
              let prev = '0'.repeat(64);
              for (const e of all) {
                let detail = e.detail;
                if (e.action === 'vote.cast' && e.target === w.closed && detail.includes('"state":"USA"'))
                  detail = detail.replaceAll('"vote":"Y"', '"vote":"N"');
                const row = { ...e, detail, prev_hash: prev };
                row.hash = rechain(key, row);
                prev = row.hash;
                await db.insertInto('audit_log').values(row).execute();
              }
              await ballotOf(db, 'USA').set({ vote: 'N' }).execute();
            });
            reports(problems, /content does not match its keyed hash/);
            reports(problems, /is not the one the checkpoint records: the log was rewritten/);
          },
        );

        await t.test('an emptied log (and ballots)', async () => {
          const problems = await afterEdit(w, async (db) => {
            await db.deleteFrom('ballot').execute();
            await db.deleteFrom('audit_log').execute();
          });
          reports(problems, /the log is empty but the checkpoint records entry \d+/);
          reports(problems, /procedure .*: in the database but recorded by no audit entry/);
        });

        await t.test('a shortened log: the newest entry, a refusal nothing refers to, deleted', async () => {
          const problems = await afterEdit(
            w,
            async (db) => {
              const last = (await entries(db)).at(-1)!;
              assert.equal(last.action, 'vote.refused');
              await db.deleteFrom('audit_log').where('seq', '=', last.seq).execute();
            },
            // Nothing more is written on a log that lost the checkpointed entry.
            async (db) => {
              await assert.rejects(
                w.service.audit.append(db, procedureNow().toISOString(), { actor: 'x', action: 'test' }),
                /does not hold entry \d+ of the checkpoint/,
              );
            },
          );
          reports(
            problems,
            /the checkpoint records entry (\d+) .* but the log ends at entry \d+: the log was shortened/,
          );
        });

        await t.test('the checkpoint file removed or forged', async () => {
          const file = (await verifyAudit(w.store, w.b.config.audit)).checkpoint.file;
          renameSync(file, `${file}.away`);
          try {
            reports(
              (await verifyAudit(w.store, w.b.config.audit)).problems,
              /no checkpoint at .*: cannot show/,
            );
            writeFileSync(
              file,
              JSON.stringify({ seq: 1, hash: 'a'.repeat(64), at: 'x', keyId: 'nope', mac: 'b'.repeat(64) }),
            );
            reports(
              (await verifyAudit(w.store, w.b.config.audit)).problems,
              /signed with key nope, which is not among/,
            );
          } finally {
            renameSync(`${file}.away`, file);
          }
          assert.equal((await verifyAudit(w.store, w.b.config.audit)).ok, true);
        });

        await t.test("a delegation's receipt names the entry that recorded its vote", async () => {
          const e = await w.store.db
            .selectFrom('audit_log')
            .selectAll()
            .where('seq', '=', w.receipt.auditSeq)
            .executeTakeFirstOrThrow();
          assert.equal(e.hash, w.receipt.auditHash);
          assert.equal((JSON.parse(e.detail) as { vote: string }).vote, 'Y');
          if (w.store.dialect !== 'sqlite') return;
          const dir = mkdtempSync(join(tmpdir(), 'council-receipt-'));
          const good = join(dir, 'usa.json');
          writeFileSync(good, JSON.stringify(w.receipt));
          const bad = join(dir, 'forged.json');
          writeFileSync(bad, JSON.stringify({ ...w.receipt, vote: 'N' }));
          const env = { ...process.env, ...w.b.env };
          const ok = await run(process.execPath, ['bin/council.mjs', 'audit', 'verify', '--receipt', good], {
            env,
          });
          assert.match(
            ok.stdout,
            /audit log intact: \d+ entries, head [0-9a-f]{64}, checkpoint at entry \d+/,
          );
          const refused = await run(
            process.execPath,
            ['bin/council.mjs', 'audit', 'verify', '--receipt', bad],
            { env },
          ).catch((err: { code: number; stdout: string }) => err);
          assert.equal((refused as { code?: number }).code, 1);
          assert.match(
            (refused as { stdout: string }).stdout,
            /forged.json: the logged vote differs from the receipt/,
          );
        });
      } finally {
        await w.store.close();
      }
    },
  );
}

test(
  'PostgreSQL: the application role owns nothing, cannot truncate, disable triggers or edit ballots, and still runs the procedure',
  { skip: typeof pgRoleBackend === 'string' ? pgRoleBackend : false, timeout: 300_000 },
  async () => {
    const b = pgRoleBackend as Backend;
    const owner = await openMigrated(b);
    const role = `council_app_t${process.pid}`;
    const password = randomBytes(12).toString('hex');
    await sql
      .raw(`drop role if exists ${role}`)
      .execute(owner.db)
      .catch(() => undefined);
    await sql.raw(`create role ${role} login password '${password}'`).execute(owner.db);
    const url = new URL(b.config.database.kind === 'postgres' ? b.config.database.url : '');
    url.username = role;
    url.password = password;
    const app = openStore({ kind: 'postgres', url: url.toString() });
    try {
      await assert.rejects(grantAppRole(owner, 'Robert; drop'), /not a plain role name/);
      await grantAppRole(owner, role);
      await migrate(app); // nothing pending: the application starts as this role
      const service = new ProcedureService(app, { clock: procedureNow, audit: b.config.audit });
      const ownerService = new ProcedureService(owner, { clock: procedureNow, audit: b.config.audit });
      await ownerService.addUser({ name: 'sec', role: 'secretariat', password: PASSWORD }, 'test');
      await ownerService.addUser(
        { name: 'd-usa', role: 'delegation', state: 'USA', password: PASSWORD },
        'test',
      );
      const opened = await service.open(await actorFor(service, 'sec', PASSWORD), {
        draftSymbol: 'S/2025/903',
        title: 'Draft three',
        agendaItemId: 'x-2',
        agendaItemTitleEn: 'Item',
      });
      await service.vote(await actorFor(service, 'd-usa', PASSWORD), opened.id, { vote: 'Y' });

      for (const [statement, refusal] of [
        ['truncate audit_log, ballot', /permission denied|append-only/],
        ['set session_replication_role = replica', /permission denied/],
        ['alter table audit_log disable trigger all', /must be owner/],
        ['drop trigger audit_log_no_change on audit_log', /must be owner/],
        ["update ballot set vote = 'N'", /permission denied/],
        ['delete from audit_log', /permission denied/],
      ] as const) {
        await assert.rejects(sql.raw(statement).execute(app.db), refusal, statement);
      }
      const report = await verifyAudit(app, b.config.audit);
      assert.deepEqual(report.problems, []);
    } finally {
      await app.close();
      await sql.raw(`drop owned by ${role}`).execute(owner.db);
      await sql.raw(`drop role ${role}`).execute(owner.db);
      await owner.close();
    }
  },
);

/** What an attacker without the key can compute: an HMAC with a key of their own. */
function rechain(key: Buffer, e: Omit<AuditLogTable, 'hash'> & { hash?: string }): string {
  return createHmac('sha256', key)
    .update(JSON.stringify([e.seq, e.at, e.actor, e.action, e.target, e.detail, e.prev_hash, e.key_id]))
    .digest('hex');
}

test('the audit key: made on first use, rotated with `council audit key-new`, older entries still verify', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'council-keys-'));
  const env = {
    COUNCIL_DB: join(dir, 'council.db'),
    COUNCIL_AUDIT_KEY_FILE: join(dir, 'audit.key'),
    ...TIME_ENV,
  };
  const b: Backend = { name: 'sqlite', env, config: loadConfig(env) };
  const store = await openMigrated(b);
  try {
    const first = new ProcedureService(store, { audit: b.config.audit });
    await first.addUser({ name: 'before-rotation', role: 'secretariat', password: PASSWORD }, 'test');
    const made = readFileSync(env.COUNCIL_AUDIT_KEY_FILE, 'utf8');
    assert.equal(statSync(env.COUNCIL_AUDIT_KEY_FILE).mode & 0o777, 0o600);
    const rotated = await run(process.execPath, ['bin/council.mjs', 'audit', 'key-new'], {
      env: { ...process.env, ...env },
    });
    assert.match(rotated.stdout, /new audit key [0-9a-f]{16} written first in/);
    const keys = readFileSync(env.COUNCIL_AUDIT_KEY_FILE, 'utf8')
      .split('\n')
      .filter((l) => /^[0-9a-f]{64}$/.test(l));
    assert.equal(keys.length, 2);
    assert.ok(made.includes(keys[1]!), 'the earlier key is kept after the new one');
    // A restarted server signs with the new key; both generations verify.
    const second = new ProcedureService(store, { audit: b.config.audit });
    await second.addUser({ name: 'after-rotation', role: 'secretariat', password: PASSWORD }, 'test');
    const ids = (await store.db.selectFrom('audit_log').select('key_id').orderBy('seq').execute()).map(
      (e) => e.key_id,
    );
    assert.equal(new Set(ids).size, 2);
    assert.deepEqual((await verifyAudit(store, b.config.audit)).problems, []);
    // Without the earlier key, its entries cannot be authenticated.
    const onlyNew = await verifyAudit(store, { ...b.config.audit, keys: [keys[0]!] });
    reports(
      onlyNew.problems,
      /entry 1 \(user.add\): signed with key [0-9a-f]{16}, not among the configured keys/,
    );
    // A log with entries and no key at all: nothing more is written (a new key would not verify it).
    const keyless = new ProcedureService(store, { audit: { keyFile: join(dir, 'missing.key') } });
    await assert.rejects(
      keyless.addUser({ name: 'no-key', role: 'secretariat', password: PASSWORD }, 'test'),
      /no audit key: .*missing\.key does not exist .* the audit log has 2 entries/,
    );
  } finally {
    await store.close();
  }
});
