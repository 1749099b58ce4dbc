import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { SHARED_DIR } from '../../src/config/paths.ts';
import { importTableFiles } from '../../src/ingest/sources.ts';
import { importVotes } from '../../src/ingest/votes/index.ts';
import { sqliteTestStore, type TestStore } from '../support/stores.ts';
import { appOver, parse, text } from './app.ts';

const DHL = join(SHARED_DIR, 'data', 'dhl-tables');
const SHEET = join(SHARED_DIR, 'data', 'voting', 'oliverunv_Voting-Agent_sc_voting.csv');
const decisionUrl = (id: string) => `/decisions/${encodeURIComponent(id)}?lang=en`;

describe('pages say what each vote and figure rests on (2020 tables, veto list, voting sheet)', () => {
  let ts: TestStore;
  let app: FastifyInstance;
  const get = (url: string) => app.inject({ method: 'GET', url });
  before(async () => {
    ts = await sqliteTestStore();
    await importTableFiles(
      ts.store,
      [
        'scact2019_table_en.html',
        'scact2020_table_en.html',
        'scact2020_covid_table_en.html',
        'scact_veto_table_en.html',
      ].map((f) => join(DHL, f)),
    );
    app = await appOver(ts.store, ts.env);
  });
  after(async () => {
    await app?.close();
    await ts?.dispose();
  });

  test('before the sheet: a vetoed 13-2-0 draft shows 15 votes known, 13 proven from the tally; a 14-0-1 shows none', async () => {
    const $ = parse((await get(decisionUrl('S/2020/654'))).body);
    const known = text($('p.votes-known'));
    assert.match(known, /Votes of 15 of the 15 members known\./);
    assert.match(known, /2 as recorded in dhl:scact2020_covid_table_en\.html/);
    assert.match(known, /13 proven from the tally \(13-2-0\)/);
    // The JSON API says the same, vote by vote.
    const api = (await get('/api/decisions/S/2020/654')).json() as {
      memberVotes: { state: string; vote: string; basis: string; sourceId: string | null }[];
    };
    assert.deepEqual(
      api.memberVotes.filter((x) => x.vote === 'N').map((x) => [x.state, x.basis, x.sourceId]),
      [
        ['CHN', 'recorded', 'dhl:scact2020_covid_table_en.html'],
        ['RUS', 'recorded', 'dhl:scact2020_covid_table_en.html'],
      ],
    );
    assert.equal(api.memberVotes.filter((x) => x.basis === 'tally').length, 13);
    const split = await ts.store.db
      .selectFrom('decision')
      .select('id')
      .where('date', 'like', '2020-%')
      .where('vote_for', '=', 14)
      .where('vote_abstaining', '=', 1)
      .executeTakeFirstOrThrow();
    const $s = parse((await get(decisionUrl(split.id))).body);
    assert.match(text($s('p.votes-known')), /Votes of 0 of the 15 members known\. 15 not recorded/);
    assert.equal($s('td.vote-unknown').length, 15);
  });

  test('a draft not adopted never says adopted; a vetoed one is marked', async () => {
    const $ = parse((await get(decisionUrl('S/2020/654'))).body);
    const facts = text($('dl.facts'));
    assert.doesNotMatch(facts, /\bAdopted\b/);
    assert.match(facts, /Not adopted: vetoed/);
    assert.match(facts, /How it was put to the vote/);
    assert.equal(text($('.badge-vetoed').first()), 'Vetoed draft');
    // Nor does the meeting page that lists it.
    const row = await ts.store.db
      .selectFrom('decision')
      .select('meeting_id')
      .where('id', '=', 'S/2020/654')
      .executeTakeFirstOrThrow();
    const $m = parse((await get(`/meetings/${encodeURIComponent(row.meeting_id!)}?lang=en`)).body);
    const article = $m('article.decision').filter((_, a) => /S\/2020\/654/.test(text($m(a).find('h3'))));
    assert.equal(article.length, 1);
    assert.doesNotMatch(text(article), /\bAdopted\b/);
    assert.match(text(article), /Put to the vote/);
    // A draft that failed for want of nine votes: not adopted, not vetoed.
    const $f = parse((await get(decisionUrl('S/2020/658'))).body);
    assert.doesNotMatch(text($f('dl.facts')), /\bAdopted\b|vetoed/);
    assert.equal($f('.badge-vetoed').length, 0);
  });

  test('kind=draft_not_adopted&vetoed=1 filters vetoed drafts, in the API and on the search page', async () => {
    const api = (await get('/api/decisions?kind=draft_not_adopted&vetoed=1&year=2020')).json() as {
      total: number;
      items: { id: string }[];
    };
    assert.deepEqual(
      api.items.map((d) => d.id),
      ['S/2020/654', 'S/2020/667', 'S/2020/852'],
    );
    const notVetoed = (await get('/api/decisions?kind=draft_not_adopted&vetoed=0&year=2020')).json() as {
      total: number;
    };
    assert.equal(notVetoed.total, 4);
    assert.equal((await get('/api/decisions?vetoed=yes')).statusCode, 400);
    const $ = parse((await get('/search?kind=draft_not_adopted&vetoed=1&year=2020&lang=en')).body);
    assert.equal($('#f-vetoed:checked').length, 1);
    const listed = $('#rd-h + ul li a')
      .map((_, a) => text($(a)))
      .get();
    assert.deepEqual(listed.sort(), ['S/2020/654', 'S/2020/667', 'S/2020/852']);
    assert.equal($('#rd-h + ul .badge-vetoed').length, 3);
  });

  test('after the sheet: votes from the sheet named as such; its refusals on the sources page', async () => {
    await importVotes(ts.store, [SHEET]);
    const $ = parse((await get(decisionUrl('S/RES/2504 (2020)'))).body);
    assert.match(
      text($('p.votes-known')),
      /Votes of 15 of the 15 members known\. 15 as recorded in votes:oliverunv_Voting-Agent_sc_voting\.csv/,
    );
    const $src = parse((await get('/sources/votes%3Aoliverunv_Voting-Agent_sc_voting.csv?lang=en')).body);
    assert.equal(text($src('#refused-h')), 'What the import refused, and why');
    const reasons = $src('table.refused-summary th[scope=row]')
      .map((_, th) => text($src(th)))
      .get();
    assert.ok(reasons.includes('not_in_record') && reasons.includes('duplicate_vote'), reasons.join());
    assert.ok(
      $src('table.refused td')
        .map((_, td) => text($src(td)))
        .get()
        .some((t) => /RUS \(Russian Federation\) votes twice/.test(t)),
    );
  });

  test('statistics of 2020: the coverage note and warning beside the matrix; figures no source gives say so', async () => {
    const $ = parse((await get('/stats?year=2020&lang=en')).body);
    const matrix = $('figure[id^="chart-agreement-"]');
    assert.equal(matrix.length, 1);
    assert.match(
      text(matrix.find('.chart-note')),
      /Per-member votes known for \d+ of 64 decisions in this period/,
    );
    assert.match(matrix.find('svg').html() ?? '', /n=\d+/);
    const row = (label: string) =>
      text(
        $('table.figures tbody tr')
          .filter((_, tr) => text($(tr).find('th')) === label)
          .find('td')
          .first(),
      );
    assert.match(row('Formal meetings'), /^81(?!\d)/);
    assert.match(row('Briefers'), /not in the sources.*Repertoire section of 2020/);
    // Charts over the whole record, with their tables.
    assert.equal($('figure#chart-vetoes-decade table.chart-data').length, 1);
    // Any period: the matrix over 2019–2020, and a period that ends before it begins is refused.
    const $r = parse((await get('/stats?year=2020&from=2019-01-01&to=2020-12-31&lang=en')).body);
    assert.equal($r('figure#chart-agreement-2019-01-01-2020-12-31').length, 1);
    assert.equal((await get('/stats?from=2020-12-31&to=2020-01-01')).statusCode, 400);
    assert.equal((await get('/stats?from=2020-02-30')).statusCode, 400);
    // Before 1994 the page says plainly that only unanimous votes and vetoes are known.
    const $old = parse((await get('/stats?year=2020&from=1990-01-01&to=1993-12-31&lang=en')).body);
    assert.match(text($old('.chart-warning')), /Before 1994/);
  });

  test('a state page charts its votes against the majority and its vetoes by year', async () => {
    const $ = parse((await get('/states/RUS?lang=en')).body);
    const table = $('#chart-member-RUS-data');
    assert.equal(table.length, 1);
    const y2020 = table
      .find('tbody tr')
      .filter((_, tr) => text($(tr).find('th')) === '2020')
      .find('td')
      .map((_, td) => Number(text($(td))))
      .get();
    // 2020: Russia vetoed S/2020/654 and S/2020/667.
    assert.equal(y2020[2], 2);
    assert.ok(y2020[0]! > 50 && y2020[1]! > 0, y2020.join());
  });
});
