import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { SHARED_DIR } from '../../src/config/paths.ts';
import { importTableFiles } from '../../src/ingest/sources.ts';
import { importVotes, type VotesImportReport } from '../../src/ingest/votes/index.ts';
import { isDayMonthSwap } from '../../src/ingest/votes/check.ts';
import { resolutionSymbol } from '../../src/ingest/votes/sheet.ts';
import { provenVotes } from '../../src/domain/proven-votes.ts';
import { membersOn } from '../../src/domain/membership.ts';
import type { Store } from '../../src/store/db.ts';
import { sqliteTestStore } from '../support/stores.ts';
import { council } from '../support/cli.ts';

const DHL = join(SHARED_DIR, 'data', 'dhl-tables');
const SHEET = join(SHARED_DIR, 'data', 'voting', 'oliverunv_Voting-Agent_sc_voting.csv');
const UNDL = join(SHARED_DIR, 'data', 'voting', 'undl_sc_voting_2026-02-06_EXCERPT_45rows.csv');
const TABLES = [
  'scact1995_table_en.html',
  'scact1997_table_en.html',
  'scact2020_table_en.html',
  'scact2020_covid_table_en.html',
  'scact_veto_table_en.html',
].map((f) => join(DHL, f));

async function votesOf(store: Store, id: string) {
  return store.db
    .selectFrom('vote')
    .select(['state', 'vote', 'basis', 'source_id'])
    .where('decision_id', '=', id)
    .orderBy('state')
    .execute();
}

describe('what a tally proves (domain rule)', () => {
  const council2020 = membersOn('2020-07-07');
  test('15-0-0 proves every vote; 13-2-0 with both negative votes known proves the other 13', () => {
    assert.equal(provenVotes(council2020, { for: 15, against: 0, abstaining: 0 }, new Map()).length, 15);
    const known = new Map([
      ['CHN', 'N' as const],
      ['RUS', 'N' as const],
    ]);
    const p = provenVotes(council2020, { for: 13, against: 2, abstaining: 0 }, known);
    assert.equal(p.length, 13);
    assert.ok(p.every((v) => v.vote === 'Y' && v.state !== 'CHN' && v.state !== 'RUS'));
  });
  test('an eleven-member Council (before 1966): 11-0-0 proves every vote; resolution 83 (1950) once its other votes are known', () => {
    // The Council of 27 June 1950: five permanent members and Cuba, Ecuador, Egypt, India, Norway, Yugoslavia.
    const council1950 = ['CHN', 'CUB', 'ECU', 'EGY', 'FRA', 'GBR', 'IND', 'NOR', 'SUN', 'USA', 'YUG'];
    assert.equal(provenVotes(council1950, { for: 11, against: 0, abstaining: 0 }, new Map()).length, 11);
    // 7-1-2, Yugoslavia against, Egypt and India abstaining, the USSR absent: the other seven voted in favour.
    const known = new Map([
      ['YUG', 'N' as const],
      ['EGY', 'A' as const],
      ['IND', 'A' as const],
      ['SUN', 'X' as const],
    ]);
    const p = provenVotes(council1950, { for: 7, against: 1, abstaining: 2 }, known);
    assert.deepEqual(
      p.map((v) => `${v.state}=${v.vote}`),
      ['CHN=Y', 'CUB=Y', 'ECU=Y', 'FRA=Y', 'GBR=Y', 'NOR=Y', 'USA=Y'],
    );
    // The absence alone unknown: a 7-1-2 tally cannot say who was absent.
    assert.deepEqual(provenVotes(council1950, { for: 7, against: 1, abstaining: 2 }, new Map()), []);
  });

  test('a tally with two unknown kinds of vote, or a known vote it cannot hold, proves nothing', () => {
    assert.deepEqual(provenVotes(council2020, { for: 13, against: 2, abstaining: 0 }, new Map()), []);
    assert.deepEqual(provenVotes(council2020, { for: 12, against: 0, abstaining: 3 }, new Map()), []);
    assert.deepEqual(
      provenVotes(council2020, { for: 15, against: 0, abstaining: 0 }, new Map([['CHN', 'A' as const]])),
      [],
    );
    // A vote by a state not on the Council that day: nothing is inferred from a record that cannot be right.
    assert.deepEqual(
      provenVotes(council2020, { for: 15, against: 0, abstaining: 0 }, new Map([['JPN', 'Y' as const]])),
      [],
    );
  });
  test('the sheet’s symbol spellings and its day/month swap', () => {
    assert.equal(resolutionSymbol('893 (1994)'), 'S/RES/893 (1994)');
    assert.equal(resolutionSymbol('S/RES/2752(2024)'), 'S/RES/2752 (2024)');
    assert.equal(resolutionSymbol('Resolution 2665 (2022)'), 'S/RES/2665 (2022)');
    assert.equal(resolutionSymbol('Missing'), null);
    assert.ok(isDayMonthSwap('2020-10-01', '2020-01-10'));
    assert.ok(!isDayMonthSwap('2020-07-07', '2020-07-07'));
    assert.ok(!isDayMonthSwap('2020-03-12', '2020-12-04'));
  });
});

describe('council import votes: the voting sheet against the meeting tables of 1995, 1997 and 2020', () => {
  let store: Store;
  let dispose: () => Promise<void>;
  let report: VotesImportReport;
  before(async () => {
    ({ store, dispose } = await sqliteTestStore());
    await importTableFiles(store, TABLES);
  });
  after(async () => dispose());

  test('before the sheet, the tables alone prove only what their tallies prove', async () => {
    // S/2020/654: 13-2-0, vetoed by China and the Russian Federation (the veto list names both).
    const v654 = await votesOf(store, 'S/2020/654');
    assert.equal(v654.length, 15);
    assert.deepEqual(
      v654.filter((v) => v.vote === 'N').map((v) => [v.state, v.basis]),
      [
        ['CHN', 'recorded'],
        ['RUS', 'recorded'],
      ],
    );
    assert.equal(v654.filter((v) => v.vote === 'Y' && v.basis === 'tally').length, 13);
    // Resolution 2505 (2020), 15-0-0: every member in favour, proven from the tally.
    const v2505 = await votesOf(store, 'S/RES/2505 (2020)');
    assert.equal(v2505.length, 15);
    assert.ok(v2505.every((v) => v.vote === 'Y' && v.basis === 'tally'));
    // A tally with abstentions names nobody: no member's vote is filled in.
    const split = await store.db
      .selectFrom('decision')
      .select('id')
      .where('kind', '=', 'resolution')
      .where('date', 'like', '2020-%')
      .where('vote_abstaining', '>', 0)
      .execute();
    assert.ok(split.length > 0);
    for (const d of split) assert.deepEqual(await votesOf(store, d.id), [], d.id);
  });

  test('first run: votes matched, swaps detected and kept as conflicts, the bad blocks refused with their reason', async () => {
    [report] = (await importVotes(store, [SHEET])) as [VotesImportReport];
    assert.equal(report.sources[0]!.outcome, 'insert');
    assert.ok(report.blocks.matched > 100, `${report.blocks.matched} blocks matched`);
    const reasons = Object.fromEntries(report.refused.map((r) => [r.reason, r.count]));
    // The 1995 block that lists another year's Council: every such vote refused, with the state and date.
    const outsider = report.refusals.find(
      (r) => r.reason === 'not_on_council' && r.subject === 'S/RES/975 (1995)' && /Ireland/.test(r.message),
    );
    assert.ok(outsider, 'Ireland voting on resolution 975 (1995) is refused');
    assert.match(outsider.message, /not a member of the Council on 1995-01-30/);
    assert.ok(reasons.block_lists_non_members! >= 1);
    // "Adopted unanimously" with a "No".
    assert.ok(
      report.refusals.some(
        (r) => r.reason === 'outcome_label_contradicts_votes' && r.subject === 'S/RES/973 (1995)',
      ),
    );
    // The 1997 draft listed twice: the copy saying "Adopted unanimously" is refused, the veto copy taken.
    assert.ok(
      report.refusals.some((r) => r.reason === 'outcome_contradicts_record' && r.subject === 'S/1997/18'),
    );
    const v18 = await votesOf(store, 'S/1997/18');
    assert.equal(v18.filter((v) => v.basis === 'recorded').length, 15);
    assert.deepEqual(
      v18.filter((v) => v.vote === 'N').map((v) => v.state),
      ['CHN'],
    );
    // S/2020/667 appears twice; the copy whose counts disagree with the tables' 13-2-0 is refused.
    assert.ok(
      report.refusals.some(
        (r) => r.reason === 'tally_mismatch' && r.subject === 'S/2020/667' && /2-7-6/.test(r.message),
      ),
    );
    // Day and month swapped: the tables' date stands, the sheet's is a conflict.
    assert.ok(report.dateSwaps >= 18, `${report.dateSwaps} swaps`);
    const d2504 = await store.db
      .selectFrom('decision')
      .select('date')
      .where('id', '=', 'S/RES/2504 (2020)')
      .executeTakeFirstOrThrow();
    assert.equal(d2504.date, '2020-01-10');
    const conflict = await store.db
      .selectFrom('conflict')
      .select(['value', 'source_id'])
      .where('entity_id', '=', 'S/RES/2504 (2020)')
      .where('field', '=', 'date')
      .execute();
    assert.deepEqual(conflict.map((c) => c.value).sort(), ['2020-01-10', '2020-10-01']);
    // Resolution 2504 (11-0-4): the tally named nobody; the sheet gives all fifteen votes.
    const v2504 = await votesOf(store, 'S/RES/2504 (2020)');
    assert.equal(v2504.length, 15);
    assert.deepEqual(
      v2504.filter((v) => v.vote === 'A').map((v) => v.state),
      ['CHN', 'GBR', 'RUS', 'USA'],
    );
    assert.ok(v2504.every((v) => v.basis === 'recorded' && v.source_id === report.sources[0]!.id));
    // Resolution 2505 (15-0-0): the votes proven from the tally now rest on the sheet too.
    assert.ok((await votesOf(store, 'S/RES/2505 (2020)')).every((v) => v.basis === 'recorded'));
    // What was refused is kept for the sources page.
    const kept = await store.db
      .selectFrom('import_refusal')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('source_id', '=', report.sources[0]!.id)
      .executeTakeFirstOrThrow();
    assert.equal(Number(kept.n), report.refusals.length);
    // Blocks of years whose tables are not loaded are refused, never written as new decisions.
    assert.ok(reasons.not_in_record! > 1000);
    const fromSheetOnly = await store.db
      .selectFrom('decision')
      .select('id')
      .where('date', 'like', '2016-%')
      .where('kind', '=', 'resolution')
      .execute();
    assert.deepEqual(fromSheetOnly, []);
  });

  test('second run: nothing changes', async () => {
    const [again] = (await importVotes(store, [SHEET])) as [VotesImportReport];
    assert.equal(again.sources[0]!.outcome, 'noop');
    assert.deepEqual(again.decisions, { insert: 0, update: 0, noop: report.blocks.matched });
    assert.equal(again.refusals.length, report.refusals.length);
  });

  test('the UN Library voting CSV goes through the same command, read by the undl importer', async () => {
    const [r] = (await importVotes(store, [UNDL])) as [VotesImportReport];
    assert.equal(r.sources[0]!.id, 'undl:undl_sc_voting_2026-02-06_EXCERPT_45rows.csv');
    assert.ok(r.decisions.insert + r.decisions.update >= 1);
  });
});

describe('council import votes on the command line', () => {
  let env: Record<string, string>;
  let dispose: () => Promise<void>;
  before(async () => {
    const t = await sqliteTestStore();
    env = t.env;
    dispose = t.dispose;
    await importTableFiles(t.store, [
      join(DHL, 'scact2020_table_en.html'),
      join(DHL, 'scact2020_covid_table_en.html'),
    ]);
  });
  after(async () => dispose());

  test('prints the swaps and the table of refusals; a missing file is a clear error', () => {
    const r = council(['import', 'votes', SHEET], env);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /\d+ dated with day and month swapped/);
    assert.match(r.stdout, /refused\s+count\s+reason/);
    assert.match(r.stdout, /not_in_record\s+\d+/);
    const missing = council(['import', 'votes', '/nonexistent/votes.csv'], env);
    assert.notEqual(missing.status, 0);
    assert.match(missing.stderr, /\/nonexistent\/votes\.csv/);
  });
});
