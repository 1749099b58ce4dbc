import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../../src/config/config.ts';
import {
  agreementMatrixChart,
  decisionsByKindChart,
  meetingsPerMonthChart,
} from '../../src/publish/charts/index.ts';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  loadPublishedSection,
  renderHtmlDocument,
  renderMarkdown,
  renderText,
} from '../../src/publish/index.ts';
import { buildApp } from '../../src/server/app.ts';
import type { TestStore } from '../support/stores.ts';
import { realRecord } from './support/real-record.ts';

const GOLDEN = join(dirname(fileURLToPath(import.meta.url)), '..', 'golden', 'publish');

/** Compares with test/golden/publish/<name>; UPDATE_GOLDEN=1 rewrites the file (review the diff). */
function golden(name: string, actual: string): void {
  const path = join(GOLDEN, name);
  if (process.env.UPDATE_GOLDEN === '1' || !existsSync(path)) {
    mkdirSync(GOLDEN, { recursive: true });
    writeFileSync(path, actual);
    return;
  }
  assert.equal(
    actual,
    readFileSync(path, 'utf8'),
    `${name} differs from its golden file (UPDATE_GOLDEN=1 to accept)`,
  );
}

/** Charts, API and publishing on the record built from the UN Library's tables and the Repertoire seed. */
describe('on the real record (UN Library 2019–2021 tables + Repertoire 2020 item 23)', () => {
  let t: TestStore;
  let app: FastifyInstance;
  before(async () => {
    t = await realRecord();
    app = await buildApp(
      { store: t.store, readStore: t.store, config: loadConfig(t.env) },
      { logger: false },
    );
  });
  after(async () => {
    await app.close();
    await t.dispose();
  });

  it('charts meetings and videoconferences per month of 2020, open and closed', async () => {
    const c = await meetingsPerMonthChart(t.store.db, 2020, 'en');
    const month = (m: number) => c.data[m - 1]!.counts;
    // January 2020: S/PV.8698–8712 with resumptions, S/PV.8705 closed; February: 27 public meetings.
    assert.deepEqual([month(1).formal_public, month(1).formal_private], [17, 1]);
    assert.equal(month(2).formal_public, 27);
    // March: the last meetings in the chamber, then the first videoconferences (S/2020/266, 267, 268 open; 270 closed).
    assert.deepEqual(
      [month(3).formal_public, month(3).formal_private, month(3).open_vtc, month(3).closed_vtc],
      [6, 1, 3, 1],
    );
    // June: the UN Library's eight, and the Repertoire's 4 June videoconference (S/2020/514) that took no decision.
    assert.equal(month(6).open_vtc, 9);
    assert.match(
      c.svg,
      /^<svg [^>]*role="img"[^>]*aria-labelledby="chart-meetings-2020-title chart-meetings-2020-desc"/,
    );
    assert.match(
      c.svg,
      /<title id="chart-meetings-2020-title">Meetings and videoconferences per month in 2020, open and closed<\/title>/,
    );
    assert.match(c.description, /busiest month was February \(27\)/);
    assert.match(
      c.table,
      /<tr><th scope="row">Jan<\/th><td>17<\/td><td>1<\/td><td>0<\/td><td>0<\/td><td>18<\/td><\/tr>/,
    );
    const zh = await meetingsPerMonthChart(t.store.db, 2020, 'zh');
    assert.match(zh.table, /<th scope="col">公开视频会议<\/th>/);
  });

  it('charts decisions by kind per year, 2019–2021', async () => {
    const c = await decisionsByKindChart(t.store.db, 2019, 2021, 'en');
    assert.deepEqual(
      c.data.map((y) => [y.year, y.counts.resolution, y.counts.presidential_statement]),
      [
        [2019, 52, 15],
        [2020, 57, 13],
        [2021, 57, 24],
      ],
    );
    assert.match(
      c.svg,
      /<desc id="chart-decisions-2019-2021-desc">Decisions in the record\. 2019: resolutions 52, presidential statements 15/,
    );
    await assert.rejects(decisionsByKindChart(t.store.db, 2021, 2019, 'en'), /ends before it begins/);
  });

  it('charts how often members voted alike in 2020, counting only votes the record holds', async () => {
    const c = await agreementMatrixChart(t.store.db, '2020-01-01', '2020-12-31', 'en');
    assert.equal(c.data.members.length, 15);
    assert.deepEqual(c.data.members.slice(0, 5), ['CHN', 'FRA', 'RUS', 'GBR', 'USA']);
    assert.ok(c.data.members.includes('VCT') && c.data.members.includes('DEU'));
    // Every 15-0-0 adoption of 2020 tells all fifteen votes, and a veto list naming both negative votes of
    // a 13-2-0 the other thirteen; the other divided votes the tables give as counts only.
    assert.deepEqual(
      [
        c.data.coverage.voted,
        c.data.coverage.allKnown,
        c.data.coverage.divided,
        c.data.coverage.dividedKnown,
      ],
      [64, 47, 20, 3],
    );
    const chnUsa = c.data.cells.find((x) => x.a === 'CHN' && x.b === 'USA')!;
    assert.deepEqual([chnUsa.together, chnUsa.agree], [47, 44]);
    assert.match(c.note!, /Per-member votes known for 47 of 64 decisions in this period/);
    assert.match(c.warning!, /Only 3 of the 20 divided votes are known member by member/);
    assert.match(c.svg, />n=47</);
    assert.match(c.svg, /role="img"/);
    assert.match(c.table, /<th scope="row">China<\/th>/);
  });

  it('GET /api/meetings?year=2020&item=23 gives the six videoconferences, with both sources kept', async () => {
    const r = await app.inject({ method: 'GET', url: '/api/meetings?year=2020&item=23' });
    const body = r.json() as { total: number; items: { recordSymbol: string; date: string }[] };
    assert.equal(body.total, 6);
    assert.deepEqual(
      body.items.map((m) => m.recordSymbol),
      ['S/2020/268', 'S/2020/514', 'S/2020/674', 'S/2020/856', 'S/2020/911', 'S/2020/1092'],
    );
    const m = (await app.inject({ method: 'GET', url: '/api/meetings/S/2020/268' })).json() as {
      sources: { sourceId: string }[];
      conflicts: { field: string; value: string }[];
    };
    assert.deepEqual([...new Set(m.sources.map((s) => s.sourceId))].sort(), [
      'dhl:scact2020_covid_table_en.html',
      'repertoire:zh:2020:23',
    ]);
    assert.deepEqual(m.conflicts.map((x) => [x.field, x.value]).sort(), [
      ['format', 'closed_vtc'],
      ['format', 'open_vtc'],
    ]);
  });

  it('publishes the ingested section; the English edition names the item as the UN Library does', async () => {
    const en = (await loadPublishedSection(t.store.db, 2020, 23, 'en'))!;
    assert.equal(en.tables[0]!.title, 'Videoconferences: United Nations peacekeeping operations');
    assert.equal(en.footnotes.length, 22);
    const text = renderText(en);
    assert.ok(text.includes('\n\n650 The Russian Federation, South Africa and Sri Lanka.'));
    assert.ok(text.includes('\n\n656 Resolution 2538 (2020), para. 2.'));
    assert.ok(text.includes('28 August 2020\tS/2020/856\tLetter dated 28 August 2020 from the President'));
  });

  it('publishes the seed section as its golden files (zh text, en Markdown, zh HTML)', async () => {
    const zh = (await loadPublishedSection(t.store.db, 2020, 23, 'zh'))!;
    const en = (await loadPublishedSection(t.store.db, 2020, 23, 'en'))!;
    golden('repertoire-2020-23-zh.txt', renderText(zh));
    golden('repertoire-2020-23-en.md', renderMarkdown(en));
    golden('repertoire-2020-23-zh.html', renderHtmlDocument(zh));
  });
});
