import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { SHARED_DIR } from '../../src/config/paths.ts';
import { loadConfig } from '../../src/config/config.ts';
import { importTableFiles } from '../../src/ingest/sources.ts';
import { yearStats } from '../../src/stats/year.ts';
import { checkRecord } from '../../src/check/consistency.ts';
import * as cheerio from 'cheerio';
import { buildApp } from '../../src/server/app.ts';
import { indexDecisions } from '../../src/search/indexer.ts';
import { mergeDecision, upsertSource } from '../../src/store/record.ts';
import type { Store } from '../../src/store/db.ts';
import { sqliteTestStore as tempStore } from '../support/stores.ts';

const DHL = join(SHARED_DIR, 'data', 'dhl-tables');
const FILES = [
  ...[
    'scact2019_table_en.html',
    'scact2020_table_en.html',
    'scact2020_covid_table_en.html',
    'scact2021_table_en.html',
    'scact_veto_table_en.html',
  ].map((f) => join(DHL, f)),
  join(SHARED_DIR, 'data', 'vetoes', 'unsc_vetoes_1946_sept2022.csv'),
];

describe('yearly statistics and the consistency check', () => {
  let store: Store;
  let dispose: () => Promise<void>;
  before(async () => {
    ({ store, dispose } = await tempStore());
    await importTableFiles(store, FILES);
  });
  after(async () => dispose());

  test('2020 figures agree with the imported rows and name their sources', async () => {
    const s = await yearStats(store, 2020);
    // As the UN's Highlights of 2020 count them: 81 meetings (distinct numbers); 85 records with resumptions.
    assert.equal(s.meetings.value, 81);
    assert.deepEqual(s.meetings.breakdown, {
      public: 83,
      private: 2,
      resumptions: 4,
      records: 85,
      meetingNumbers: 81,
    });
    assert.equal(s.meetings.complete, true);
    assert.deepEqual(s.coverage.meetingNumbers, { first: 8698, last: 8778, missing: [] });
    assert.equal(s.videoconferences.value, 44);
    assert.deepEqual(s.videoconferences.breakdown, { open: 43, closed: 1 });
    assert.equal(s.videoconferences.complete, false);
    assert.equal(s.resolutions.value, 57);
    assert.deepEqual(s.coverage.resolutionNumbers, { first: 2504, last: 2560, missing: [] });
    assert.equal(s.presidentialStatements.value, 13);
    assert.equal(s.draftsNotAdopted.value, 7);
    assert.equal(s.vetoedDrafts.value, 3);
    assert.deepEqual(s.vetoedDrafts.records, ['S/2020/654', 'S/2020/667', 'S/2020/852']);
    assert.equal(s.vetoesCast.value, 5);
    assert.deepEqual(s.vetoesCast.breakdown, { CHN: 2, RUS: 2, USA: 1 });
    assert.equal(s.writtenProcedure.value, 41);
    assert.ok(s.resolutions.records.includes('S/RES/2518 (2020)'));
    assert.deepEqual(s.resolutions.sources, [
      'dhl:scact2020_covid_table_en.html',
      'dhl:scact2020_table_en.html',
    ]);
    assert.deepEqual(s.vetoedDrafts.sources, [
      'dhl:scact2020_covid_table_en.html',
      'dhl:scact_veto_table_en.html',
      'vetoes:unsc_vetoes_1946_sept2022.csv',
    ]);
    assert.ok(s.sources.some((x) => x.id === 'dhl:scact2020_covid_table_en.html' && x.kind === 'dhl_table'));
    // The figures are the rows: each record listed exists.
    const ids = await store.db
      .selectFrom('decision')
      .select('id')
      .where('id', 'in', s.resolutions.records)
      .execute();
    assert.equal(ids.length, 57);
  });

  test('a year with no meeting table says its figures are incomplete', async () => {
    const s = await yearStats(store, 2001);
    assert.equal(s.meetings.complete, false);
    assert.ok(s.coverage.notes.some((n) => /no UN Library meeting table for 2001/.test(n)));
    assert.equal(s.vetoedDrafts.value, 2);
    // What only a meeting table can give is "not in the sources", never a zero.
    // The veto list's two meetings are all the record has of 2001: counted, partial, with what is missing.
    assert.equal(s.meetings.value, 2);
    assert.match(s.meetings.missing!, /meeting table for 2001/);
    assert.equal(s.resolutions.value, null);
    assert.equal(s.briefers.value, null);
    assert.match(s.briefers.missing!, /Repertoire section of 2001/);
  });

  test('2020 as the UN Highlights count it: 81 meetings, 57 resolutions, 13 statements, 7 drafts not adopted, 3 vetoed, 5 negative votes', async () => {
    const s = await yearStats(store, 2020);
    assert.deepEqual(
      [
        s.meetings.value,
        s.resolutions.value,
        s.presidentialStatements.value,
        s.draftsNotAdopted.value,
        s.vetoedDrafts.value,
        s.vetoesCast.value,
      ],
      [81, 57, 13, 7, 3, 5],
    );
    // No Repertoire section is loaded here: briefers are not in the sources, with what is missing.
    assert.equal(s.briefers.value, null);
  });

  test('GET /api/stats?year=2020 returns the same figures as JSON', async () => {
    const app = await buildApp({ store, readStore: store, config: loadConfig({}) }, { logger: false });
    try {
      const res = await app.inject({ method: 'GET', url: '/api/stats?year=2020' });
      assert.equal(res.statusCode, 200);
      const body = res.json() as Record<string, { value: number; records: string[] }>;
      for (const key of [
        'meetings',
        'videoconferences',
        'resolutions',
        'presidentialStatements',
        'agendaItems',
        'draftsNotAdopted',
        'vetoedDrafts',
        'vetoesCast',
        'writtenProcedure',
        'sources',
        'coverage',
      ])
        assert.ok(key in body, key);
      assert.equal(body.vetoesCast!.value, 5);
      assert.equal(body.resolutions!.records.length, 57);
      assert.equal((await app.inject({ method: 'GET', url: '/api/stats?year=abc' })).statusCode, 400);
    } finally {
      await app.close();
    }
  });

  test('check: conflicts between the veto lists, and totals or terms that contradict the votes', async () => {
    const clean = await checkRecord(store, 2020);
    assert.equal(clean.ok, true);
    const all = await checkRecord(store);
    assert.deepEqual(
      all.conflicts.map((c) => `${c.entityType} ${c.entityId} ${c.field}`),
      ['decision S/2001/270 date', 'meeting S/PV.4305 date'],
    );
    // A second source that gives Japan (not a member in 2020) a vote, and another that gives S/RES/2504 (2020)
    // a full list of 12 in favour and 3 abstaining against the DHL table's 11-0-4: the totals stay 11-0-4
    // (a conflict), so the per-member votes now contradict them.
    const members2020 = [
      'BEL',
      'CHN',
      'DEU',
      'DOM',
      'EST',
      'FRA',
      'GBR',
      'IDN',
      'NER',
      'RUS',
      'TUN',
      'USA',
      'VCT',
      'VNM',
      'ZAF',
    ];
    await store.db.transaction().execute(async (trx) => {
      await upsertSource(trx, {
        id: 'manual:test',
        kind: 'manual',
        uri: 'test',
        title: null,
        lang: 'en',
        sha256: 't',
        imported_at: 'now',
      });
      await mergeDecision(
        trx,
        { id: 'S/RES/2518 (2020)', kind: 'resolution', symbol: 'S/RES/2518 (2020)' },
        { sourceId: 'manual:test', locator: 'row 1' },
        [{ state: 'JPN', vote: 'Y' }],
      );
      await mergeDecision(
        trx,
        {
          id: 'S/RES/2504 (2020)',
          kind: 'resolution',
          symbol: 'S/RES/2504 (2020)',
          vote_for: 12,
          vote_against: 0,
          vote_abstaining: 3,
          vote_absent: 0,
        },
        { sourceId: 'manual:test', locator: 'row 2' },
        members2020.map((state) => ({
          state,
          vote: ['CHN', 'RUS', 'USA'].includes(state) ? ('A' as const) : ('Y' as const),
        })),
      );
    });
    const report = await checkRecord(store, 2020);
    assert.deepEqual(report.outsideTerm, [
      { decision: 'S/RES/2518 (2020)', date: '2020-03-30', state: 'JPN', vote: 'Y' },
    ]);
    assert.deepEqual(
      report.voteTotals.map((v) => [v.decision, v.field, v.total, v.counted]),
      [
        ['S/RES/2504 (2020)', 'vote_for', 11, 12],
        ['S/RES/2504 (2020)', 'vote_abstaining', 4, 3],
        // 15-0-0 proves the fifteen members' votes; Japan's makes sixteen in favour.
        ['S/RES/2518 (2020)', 'vote_for', 15, 16],
      ],
    );
    assert.ok(report.conflicts.some((c) => c.entityId === 'S/RES/2504 (2020)' && c.field === 'vote_for'));
    assert.equal(report.ok, false);
  });
  test('the home and statistics pages keep what they computed until the index version changes', async () => {
    const app = await buildApp({ store, readStore: store, config: loadConfig({}) }, { logger: false });
    const resolutions = async () => {
      const $ = cheerio.load((await app.inject({ url: '/stats?year=2021&lang=en' })).body);
      const row = $('table.figures tr').filter((_, tr) => $(tr).find('th').text().trim() === 'Resolutions');
      return Number(/\d+/.exec(row.find('td').first().text())![0]);
    };
    const home = async () => (await app.inject({ url: '/?lang=en' })).body;
    try {
      const before = await resolutions();
      assert.ok(before > 0);
      assert.doesNotMatch(await home(), /2999/);
      const id = 'S/RES/2999 (2021)';
      await upsertSource(store.db, {
        id: 'manual:cache',
        kind: 'manual',
        uri: 'test',
        title: null,
        lang: 'en',
        sha256: 'c',
        imported_at: 'now',
      });
      await mergeDecision(
        store.db,
        { id, kind: 'resolution', symbol: id, date: '2021-12-31' },
        { sourceId: 'manual:cache', locator: 'row 1' },
      );
      // Written beside the index: the pages are served as computed, from memory.
      assert.equal(await resolutions(), before);
      assert.doesNotMatch(await home(), /2999/);
      // The index follows the record (as after every import): both pages are computed afresh.
      await indexDecisions(store.db, [id]);
      assert.equal(await resolutions(), before + 1);
      assert.match(await home(), /2999/);
    } finally {
      await app.close();
    }
  });
});
