/**
 * Storing verbatim records: merged with the UN Library's table (one meeting, one decision, both
 * provenances), participants and speeches with their pages, re-ingest all noop, a disagreement kept as a
 * conflict, nothing stored from a file that failed, and the speeches found by search (by speaker state
 * and by meeting). On SQLite and, when reachable, PostgreSQL.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SOURCES_DIR } from '../../src/config/paths.ts';
import { importTableFiles } from '../../src/ingest/sources.ts';
import { ingestVerbatimFiles } from '../../src/ingest/verbatim/index.ts';
import { mergeMeeting, upsertSource } from '../../src/store/record.ts';
import { reindexAll } from '../../src/search/indexer.ts';
import { search } from '../../src/search/search.ts';
import { backends, type TestStore } from '../support/stores.ts';
import { council } from '../support/cli.ts';
import { PDF_DIR, sharedPdfs } from './helpers.ts';

const skip = sharedPdfs().length === 0 && `no PDFs in ${PDF_DIR}`;
const FILES = ['S-PV.8701.pdf', 'S-PV.8702.pdf', 'S-PV.8707.pdf'].map((f) => join(PDF_DIR, f));

async function count(
  t: TestStore,
  table: 'source' | 'meeting' | 'decision' | 'speech' | 'participant' | 'provenance' | 'conflict' | 'vote',
) {
  const r = await t.store.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

for (const backend of await backends()) {
  describe(`verbatim records into the record on ${backend.name}`, { skip: skip || backend.skip }, () => {
    let t: TestStore;
    let dir: string;
    before(async () => {
      t = await backend.open();
      dir = mkdtempSync(join(tmpdir(), 'verbatim-ingest-'));
      await importTableFiles(t.store, [join(SOURCES_DIR, 'dhl-tables', 'scact2020_table_en.html')]);
      // Another source that dates S/PV.8702 a day late: the verbatim record must not overwrite it.
      await upsertSource(t.store.db, {
        id: 'manual:test',
        kind: 'manual',
        uri: 'test',
        title: 'a source that disagrees',
        lang: 'en',
        sha256: 'x',
        imported_at: '2026-01-01T00:00:00Z',
      });
    });
    after(async () => {
      rmSync(dir, { recursive: true, force: true });
      await t?.dispose();
    });

    it('stores meeting, participants, decision with every vote, and speeches, merged with the UN Library table', async () => {
      const before = await t.store.db
        .selectFrom('meeting')
        .select('date')
        .where('id', '=', 'S/PV.8702')
        .executeTakeFirstOrThrow();
      await mergeMeeting(
        t.store.db,
        { id: 'S/PV.8702b', date: before.date, format: 'formal_public', record_symbol: null },
        { sourceId: 'manual:test', locator: 'row 1' },
      );
      await t.store.db.deleteFrom('meeting').where('id', '=', 'S/PV.8702b').execute();
      await t.store.db
        .updateTable('meeting')
        .set({ date: '2020-01-14' })
        .where('id', '=', 'S/PV.8702')
        .execute();
      await t.store.db
        .updateTable('provenance')
        .set({ source_id: 'manual:test' })
        .where('entity_type', '=', 'meeting')
        .where('entity_id', '=', 'S/PV.8702')
        .execute();

      const run = await ingestVerbatimFiles(t.store, FILES);
      assert.deepEqual(run.failed, []);
      assert.equal(run.files.length, 3);

      const meetingProv = await t.store.db
        .selectFrom('provenance')
        .select(['source_id', 'locator'])
        .where('entity_type', '=', 'meeting')
        .where('entity_id', '=', 'S/PV.8701')
        .orderBy('source_id')
        .execute();
      assert.deepEqual(
        meetingProv.map((p) => p.source_id),
        ['dhl:scact2020_table_en.html', 'verbatim:S/PV.8701:en'],
      );
      const d = await t.store.db
        .selectFrom('decision')
        .selectAll()
        .where('id', '=', 'S/RES/2505 (2020)')
        .executeTakeFirstOrThrow();
      assert.deepEqual(
        [d.vote_for, d.vote_against, d.vote_abstaining, d.draft_symbol, d.meeting_id],
        [15, 0, 0, 'S/2020/27', 'S/PV.8701'],
      );
      const decisionProv = await t.store.db
        .selectFrom('provenance')
        .select(['source_id', 'locator'])
        .where('entity_type', '=', 'decision')
        .where('entity_id', '=', 'S/RES/2505 (2020)')
        .orderBy('source_id')
        .execute();
      assert.deepEqual(decisionProv.at(-1), { source_id: 'verbatim:S/PV.8701:en', locator: 'page 2' });
      assert.equal(decisionProv.length, 2);
      const votes = await t.store.db
        .selectFrom('vote')
        .selectAll()
        .where('decision_id', '=', 'S/RES/2505 (2020)')
        .execute();
      assert.equal(votes.length, 15);
      assert.ok(votes.every((v) => v.vote === 'Y'));

      const people = await t.store.db
        .selectFrom('participant')
        .selectAll()
        .where('meeting_id', '=', 'S/PV.8707')
        .orderBy('ordinal')
        .execute();
      assert.deepEqual(
        people.filter((p) => p.kind === 'chair').map((p) => [p.state, p.name]),
        [['VNM', 'Mr. Dang']],
      );
      assert.equal(people.filter((p) => p.kind === 'member').length, 14);
      assert.deepEqual(
        people.filter((p) => p.kind === 'invited').map((p) => p.state),
        ['SYR'],
      );
      const briefer = people.find((p) => p.kind === 'briefer')!;
      assert.equal(briefer.name, 'Mr. Mark Lowcock');
      assert.match(briefer.role_en ?? '', /^Under-Secretary-General for Humanitarian Affairs/);

      const speeches = await t.store.db
        .selectFrom('speech')
        .selectAll()
        .where('meeting_id', '=', 'S/PV.8707')
        .orderBy('ordinal')
        .execute();
      assert.equal(speeches.length, 18);
      assert.deepEqual(
        speeches.slice(0, 4).map((s) => [s.ordinal, s.speaker, s.state]),
        [
          [1, 'The President', null],
          [2, 'Mr. Lowcock', null],
          [3, 'The President', null],
          [4, 'Mr. Pecsteen de Buytswerve', 'BEL'],
        ],
      );
      const zhang = speeches.find((s) => s.speaker === 'Mr. Zhang Jun')!;
      assert.deepEqual([zhang.state, zhang.language], ['CHN', 'zh']);
      assert.ok(zhang.text.length > 1000);
      const prov = await t.store.db
        .selectFrom('provenance')
        .select('locator')
        .where('entity_type', '=', 'speech')
        .where('entity_id', '=', zhang.id)
        .executeTakeFirstOrThrow();
      assert.equal(prov.locator, `page ${zhang.page}`);
    });

    it('keeps a disagreement with another source as a conflict, the first value in place', async () => {
      const m = await t.store.db
        .selectFrom('meeting')
        .select('date')
        .where('id', '=', 'S/PV.8702')
        .executeTakeFirstOrThrow();
      assert.equal(m.date, '2020-01-14');
      const conflicts = await t.store.db
        .selectFrom('conflict')
        .select(['field', 'value', 'source_id'])
        .where('entity_id', '=', 'S/PV.8702')
        .orderBy('source_id')
        .execute();
      assert.deepEqual(conflicts, [
        { field: 'date', value: '2020-01-14', source_id: 'manual:test' },
        { field: 'date', value: '2020-01-13', source_id: 'verbatim:S/PV.8702:en' },
      ]);
    });

    it('re-ingesting the same files is all noop', async () => {
      const tables = [
        'source',
        'meeting',
        'decision',
        'speech',
        'participant',
        'provenance',
        'conflict',
        'vote',
      ] as const;
      const beforeCounts = await Promise.all(tables.map((x) => count(t, x)));
      const run = await ingestVerbatimFiles(t.store, FILES);
      assert.deepEqual([run.total.insert, run.total.update], [0, 0]);
      assert.ok(run.total.noop > 0);
      assert.deepEqual(await Promise.all(tables.map((x) => count(t, x))), beforeCounts);
    });

    it('stores nothing from a file that fails', async () => {
      const truncated = join(dir, 'S-PV.8706.pdf');
      writeFileSync(truncated, readFileSync(join(PDF_DIR, 'S-PV.8706.pdf')).subarray(0, 300_000));
      const sources = await count(t, 'source');
      const run = await ingestVerbatimFiles(t.store, [truncated]);
      assert.equal(run.files.length, 0);
      assert.match(run.failed[0]!.error, /truncated/);
      assert.equal(await count(t, 'source'), sources);
      assert.equal(
        (await t.store.db.selectFrom('speech').select('id').where('meeting_id', '=', 'S/PV.8706').execute())
          .length,
        0,
      );
    });

    it('finds who said it in which meeting: a unit per turn, filtered by speaker state and meeting', async () => {
      await reindexAll(t.store);
      const all = await search(t.store, { q: 'humanitarian access Idlib', kind: 'speech', limit: 20 });
      assert.ok(all.hits.length >= 3);
      assert.ok(
        all.hits.every((h) => h.kind === 'speech' && h.link.startsWith('/meetings/S%2FPV.8707#speech-')),
      );
      const russia = await search(t.store, { q: 'Idlib', speaker: 'Russian Federation', limit: 20 });
      assert.ok(russia.hits.length >= 1);
      assert.ok(
        russia.hits.every((h) => h.title.startsWith('Mr. Nebenzia (RUS)')),
        JSON.stringify(russia.hits.map((h) => h.title)),
      );
      const colombia = await search(t.store, { q: 'peace', meeting: 'S/PV.8702', kind: 'speech', limit: 50 });
      assert.ok(colombia.hits.length >= 5);
      assert.ok(colombia.hits.every((h) => h.link.startsWith('/meetings/S%2FPV.8702#speech-')));
      const none = await search(t.store, { q: 'Idlib', meeting: 'S/PV.8702' });
      assert.equal(none.hits.length, 0);
    });

    it('council ingest reads a folder of PDFs (the same record under another name: all noop)', () => {
      rmSync(join(dir, 'S-PV.8706.pdf'));
      writeFileSync(join(dir, 'x.pdf'), readFileSync(FILES[0]!));
      const r = council(['ingest', dir], t.env);
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stdout, /x\.pdf: unchanged \(all \d+ records noop\)/);
      assert.match(r.stdout, /total: insert 0, update 0, noop \d+/);
    });
  });
}

/**
 * Order independence: the verbatim records ingested before the UN Library's table give the same decisions,
 * votes, participants, conflicts and provenance as after it. Only free text differs: a meeting's topic is
 * the wording of the source that came first (record.ts: free text is never a conflict).
 */
describe('the verbatim records before or after the UN Library table', { skip }, () => {
  const files = ['S-PV.8701.pdf', 'S-PV.8703.pdf'].map((f) => join(PDF_DIR, f));
  const table = join(SOURCES_DIR, 'dhl-tables', 'scact2020_table_en.html');
  async function recordOf(pdfFirst: boolean) {
    const { sqliteTestStore } = await import('../support/stores.ts');
    const t = await sqliteTestStore();
    try {
      if (pdfFirst) await ingestVerbatimFiles(t.store, files);
      await importTableFiles(t.store, [table]);
      if (!pdfFirst) await ingestVerbatimFiles(t.store, files);
      const db = t.store.db;
      const of = ['S/PV.8701', 'S/PV.8703'];
      return {
        meetings: await db
          .selectFrom('meeting')
          .select(['id', 'date', 'format', 'record_symbol', 'presidency', 'sub_items_en'])
          .where('id', 'in', of)
          .orderBy('id')
          .execute(),
        decisions: await db
          .selectFrom('decision')
          .selectAll()
          .where('meeting_id', 'in', of)
          .orderBy('id')
          .execute(),
        votes: await db
          .selectFrom('vote')
          .innerJoin('decision', 'decision.id', 'vote.decision_id')
          .select(['vote.decision_id', 'vote.state', 'vote.vote', 'vote.basis', 'vote.source_id'])
          .where('decision.meeting_id', 'in', of)
          .orderBy('vote.decision_id')
          .orderBy('vote.state')
          .execute(),
        participants: await db
          .selectFrom('participant')
          .selectAll()
          .where('meeting_id', 'in', of)
          .orderBy('id')
          .execute(),
        conflicts: await db
          .selectFrom('conflict')
          .selectAll()
          .orderBy('entity_id')
          .orderBy('field')
          .orderBy('source_id')
          .execute(),
        provenance: await db
          .selectFrom('provenance')
          .select(['entity_type', 'entity_id', 'source_id', 'locator'])
          .where((eb) => eb.or(of.map((m) => eb('entity_id', 'like', `${m}%`))))
          .orderBy('entity_type')
          .orderBy('entity_id')
          .orderBy('source_id')
          .orderBy('locator')
          .execute(),
      };
    } finally {
      await t.dispose();
    }
  }

  it('S/PV.8701 and S/PV.8703: the same record in either order', async () => {
    const first = await recordOf(true);
    const second = await recordOf(false);
    assert.equal(first.meetings.length, 2);
    assert.ok(first.votes.length >= 15, 'resolution 2505 (2020) with every member’s vote');
    assert.deepEqual(first, second);
    // Both provenances on each meeting.
    for (const m of ['S/PV.8701', 'S/PV.8703'])
      assert.deepEqual(
        [
          ...new Set(
            first.provenance
              .filter((p) => p.entity_type === 'meeting' && p.entity_id === m)
              .map((p) => p.source_id),
          ),
        ].sort(),
        ['dhl:scact2020_table_en.html', `verbatim:${m}:en`],
      );
  });
});
