import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import pg from 'pg';
import { backends, PG_ADMIN_URL, type TestStore } from '../support/stores.ts';
import { countRecords } from '../../src/store/counts.ts';
import { schemaVersion } from '../../src/store/migrate.ts';
import {
  mergeDecision,
  mergeMeeting,
  mergeParticipants,
  meetingId,
  upsertSource,
} from '../../src/store/record.ts';

const source = (id: string, sha = 'a') => ({
  id,
  kind: 'manual' as const,
  uri: `test:${id}`,
  title: null,
  lang: null,
  sha256: sha,
  imported_at: '2026-01-01T00:00:00Z',
});

/** A source's rows, each where it names the participant. */
const located = <T extends object>(rows: T[]) => rows.map((r, i) => ({ ...r, locator: `participant ${i}` }));

const vtc = {
  id: meetingId({ recordSymbol: 'S/2020/268', date: '2020-03-30', format: 'closed_vtc' }),
  date: '2020-03-30',
  format: 'closed_vtc' as const,
  record_symbol: 'S/2020/268',
};

for (const backend of await backends()) {
  describe(`store on ${backend.name}`, { skip: backend.skip }, () => {
    let t: TestStore;
    before(async () => {
      t = await backend.open();
    });
    after(async () => t?.dispose());

    it('is migrated to the latest schema', async () => {
      assert.match((await schemaVersion(t.store)) ?? '', /^\d{3}_/);
    });

    // A PostgreSQL connection pool only: SQLite holds no connections a server could end.
    if (backend.name === 'postgres')
      it('survives the server ending an idle connection, and the next query works', async () => {
        await sql`select 1`.execute(t.store.db);
        const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
        await admin.connect();
        try {
          const ended = await admin.query(
            'select pg_terminate_backend(pid) from pg_stat_activity where datname = $1',
            [new URL(t.env.DATABASE_URL!).pathname.slice(1)],
          );
          assert.ok(ended.rowCount! > 0, 'the pool held an idle connection to end');
        } finally {
          await admin.end();
        }
        await new Promise((r) => setTimeout(r, 200));
        const r = await sql<{ x: number }>`select 2 as x`.execute(t.store.db);
        assert.equal(Number(r.rows[0]!.x), 2);
      });

    it('makes one meeting of the same event from two sources, with both provenances', async () => {
      const db = t.store.db;
      assert.equal(await upsertSource(db, source('a')), 'insert');
      assert.equal(await upsertSource(db, source('a')), 'noop');
      assert.equal(await upsertSource(db, source('b')), 'insert');
      assert.equal(await mergeMeeting(db, vtc, { sourceId: 'a', locator: 'table row 1' }), 'insert');
      assert.equal(await mergeMeeting(db, vtc, { sourceId: 'a', locator: 'table row 1' }), 'noop');
      assert.equal(
        await mergeMeeting(
          db,
          { ...vtc, letter_date: '2020-03-31' },
          { sourceId: 'b', locator: 'table 1 row 3' },
        ),
        'update',
      );
      const rows = await db.selectFrom('meeting').selectAll().where('id', '=', 'S/2020/268').execute();
      assert.equal(rows.length, 1);
      assert.equal(rows[0]!.letter_date, '2020-03-31');
      const prov = await db
        .selectFrom('provenance')
        .select('source_id')
        .where('entity_id', '=', 'S/2020/268')
        .execute();
      assert.deepEqual(prov.map((p) => p.source_id).sort(), ['a', 'b']);
    });

    it('keeps both values when sources disagree, and does not overwrite the first', async () => {
      const db = t.store.db;
      await mergeMeeting(db, { ...vtc, format: 'open_vtc' }, { sourceId: 'b', locator: 'table 1 row 3' });
      const row = await db
        .selectFrom('meeting')
        .selectAll()
        .where('id', '=', 'S/2020/268')
        .executeTakeFirstOrThrow();
      assert.equal(row.format, 'closed_vtc');
      const conflicts = await db
        .selectFrom('conflict')
        .selectAll()
        .where('entity_id', '=', 'S/2020/268')
        .execute();
      assert.deepEqual(conflicts.map((c) => `${c.source_id}=${c.value}`).sort(), [
        'a=closed_vtc',
        'b=open_vtc',
      ]);
    });

    it('merges per-member votes and marks a differing vote as a conflict', async () => {
      const db = t.store.db;
      const d = {
        id: 'S/RES/2518 (2020)',
        kind: 'resolution' as const,
        symbol: 'S/RES/2518 (2020)',
        vote_for: 15,
      };
      assert.equal(
        await mergeDecision(db, d, { sourceId: 'a', locator: 'r1' }, [{ state: 'CHN', vote: 'Y' }]),
        'insert',
      );
      await mergeDecision(db, d, { sourceId: 'b', locator: 'r9' }, [{ state: 'CHN', vote: 'A' }]);
      const vote = await db.selectFrom('vote').selectAll().where('decision_id', '=', d.id).execute();
      assert.deepEqual(
        vote.map((v) => v.vote),
        ['Y'],
      );
      const c = await db.selectFrom('conflict').selectAll().where('field', '=', 'vote:CHN').execute();
      assert.equal(c.length, 2);
    });

    it('keeps one source’s participants, idempotent; another source naming the same person adds its provenance', async () => {
      const db = t.store.db;
      const rows = [
        {
          kind: 'briefer' as const,
          role_en: 'Force Commander',
          office: 'force-commander',
          mission: 'MINUSMA',
          ordinal: 0,
          locator: 'participant 0',
        },
      ];
      const list = (id: string) => ({ group: id, sourceId: id });
      assert.equal(await mergeParticipants(db, 'S/2020/268', list('a'), rows), 'insert');
      assert.equal(await mergeParticipants(db, 'S/2020/268', list('a'), rows), 'noop');
      assert.equal(await mergeParticipants(db, 'S/2020/268', list('b'), rows), 'insert');
      assert.equal(await mergeParticipants(db, 'S/2020/268', list('b'), rows), 'noop');
      assert.equal((await countRecords(t.store)).participant, 1);
      const provs = await db
        .selectFrom('provenance')
        .select('source_id')
        .where('entity_type', '=', 'participant')
        .where('entity_id', '=', 'S/2020/268#a#0')
        .orderBy('source_id')
        .execute();
      assert.deepEqual(
        provs.map((p) => p.source_id),
        ['a', 'b'],
      );
      // Source a names the person no more: the row stays, for b.
      assert.equal(await mergeParticipants(db, 'S/2020/268', list('a'), []), 'update');
      assert.equal((await countRecords(t.store)).participant, 1);
      assert.equal(await mergeParticipants(db, 'S/2020/268', list('b'), []), 'update');
      assert.equal((await countRecords(t.store)).participant, 0);
    });

    it('merges a source’s participants with another’s by office and mission or by name, conflicts kept, idempotent', async () => {
      const db = t.store.db;
      for (const id of ['c', 'd']) await upsertSource(db, source(id));
      const people = () =>
        db
          .selectFrom('participant')
          .selectAll()
          .where('meeting_id', '=', 'S/2020/268')
          .orderBy('id')
          .execute();
      const sourcesOf = async (id: string) =>
        (
          await db
            .selectFrom('provenance')
            .select('source_id')
            .where('entity_type', '=', 'participant')
            .where('entity_id', '=', id)
            .orderBy('source_id')
            .execute()
        ).map((p) => p.source_id);
      const briefer = { kind: 'briefer' as const, ordinal: 0 };
      assert.equal(
        await mergeParticipants(
          db,
          'S/2020/268',
          { group: 'c', sourceId: 'c' },
          located([
            { ...briefer, office: 'force-commander', mission: 'UNMISS', role_en: 'Force Commander, UNMISS' },
            { ...briefer, office: 'usg-peace-operations', name: 'Mr. Lacroix' },
          ]),
        ),
        'insert',
      );
      const before = (await people()).length;
      const letter = [
        {
          ...briefer,
          office: 'force-commander',
          mission: 'UNMISS',
          name: 'Lieutenant General Shailesh Tinaikar',
          organisation: 'United Nations',
          role_en: 'Force Commander of the United Nations Mission in South Sudan',
        },
        { ...briefer, name: 'Jean-Pierre Lacroix' },
        // Another Force Commander: the same office of another mission is another person.
        { ...briefer, office: 'force-commander', mission: 'MINUSMA', name: 'Dennis Gyllensporre' },
      ];
      assert.equal(
        await mergeParticipants(db, 'S/2020/268', { group: 'd', sourceId: 'd' }, located(letter)),
        'insert',
      );
      const after = await people();
      assert.equal(after.length, before + 1, 'only the MINUSMA Force Commander is new');
      const tinaikar = after.find((p) => p.id === 'S/2020/268#c#0')!;
      assert.deepEqual(
        [tinaikar.name, tinaikar.organisation, tinaikar.role_en],
        ['Lieutenant General Shailesh Tinaikar', 'United Nations', 'Force Commander, UNMISS'],
        'the name filled, the first source’s own wording kept',
      );
      assert.deepEqual(await sourcesOf('S/2020/268#c#0'), ['c', 'd']);
      assert.equal(after.find((p) => p.id === 'S/2020/268#c#1')!.name, 'Mr. Lacroix');
      const names = await db
        .selectFrom('conflict')
        .select(['source_id', 'value'])
        .where('entity_id', '=', 'S/2020/268#c#1')
        .where('field', '=', 'name')
        .orderBy('source_id')
        .execute();
      assert.deepEqual(
        names.map((c) => [c.source_id, c.value]),
        [
          ['c', 'Mr. Lacroix'],
          ['d', 'Jean-Pierre Lacroix'],
        ],
      );
      assert.equal(
        await mergeParticipants(db, 'S/2020/268', { group: 'd', sourceId: 'd' }, located(letter)),
        'noop',
      );
      // Nor Lacroix under that name: the disagreement goes with it, both readings.
      assert.equal(
        await mergeParticipants(
          db,
          'S/2020/268',
          { group: 'd', sourceId: 'd' },
          located([letter[0]!, letter[2]!]),
        ),
        'update',
      );
      assert.deepEqual(await sourcesOf('S/2020/268#c#1'), ['c']);
      const left = await db
        .selectFrom('conflict')
        .selectAll()
        .where('entity_id', '=', 'S/2020/268#c#1')
        .execute();
      assert.deepEqual(left, []);
      assert.equal(
        await mergeParticipants(db, 'S/2020/268', { group: 'd', sourceId: 'd' }, located(letter)),
        'update',
      );
      // The source no longer names the UNMISS Force Commander: its provenance goes, the other's stays.
      assert.equal(
        await mergeParticipants(db, 'S/2020/268', { group: 'd', sourceId: 'd' }, located(letter.slice(1))),
        'update',
      );
      assert.deepEqual(await sourcesOf('S/2020/268#c#0'), ['c']);
      assert.equal((await people()).length, before + 1);
    });

    it('leaves the database as it was when a transaction fails', async () => {
      const before = await countRecords(t.store);
      await assert.rejects(
        t.store.db.transaction().execute(async (trx) => {
          await mergeMeeting(
            trx,
            { id: 'S/2020/999', date: '2020-05-01', format: 'open_vtc' },
            { sourceId: 'a', locator: 'x' },
          );
          throw new Error('import failed half-way');
        }),
        /half-way/,
      );
      assert.deepEqual(await countRecords(t.store), before);
    });
  });
}

describe('record boundary checks', () => {
  it('refuses an impossible date and a total that contradicts the votes, storing nothing', async () => {
    const { sqliteTestStore } = await import('../support/stores.ts');
    const t = await sqliteTestStore();
    try {
      const db = t.store.db;
      await upsertSource(db, source('a'));
      await assert.rejects(
        mergeMeeting(db, { ...vtc, date: '2020-02-30' }, { sourceId: 'a', locator: 'table row 7' }),
        /meeting from a \(table row 7\): date: not a real calendar date \(got "2020-02-30"\)/,
      );
      await assert.rejects(
        mergeDecision(
          db,
          {
            id: 'S/RES/2518 (2020)',
            kind: 'resolution',
            symbol: 'S/RES/2518 (2020)',
            vote_for: 15,
            vote_abstaining: 0,
          },
          { sourceId: 'a', locator: 'row 2' },
          [{ state: 'CHN', vote: 'A' }],
        ),
        /total abstaining is 0 but the per-member votes give 1/,
      );
      const counts = await countRecords(t.store);
      assert.equal(counts.meeting + counts.decision + counts.vote, 0);
    } finally {
      await t.dispose();
    }
  });
});
