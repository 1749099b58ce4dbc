import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SHARED_DIR } from '../../src/config/paths.ts';
import { importTableFiles } from '../../src/ingest/sources.ts';
import { parseMeetingTable } from '../../src/ingest/dhl/meetings.ts';
import { readHtmlTables } from '../../src/ingest/common/html-table.ts';
import { MEETING_HEADERS } from '../../src/ingest/dhl/meetings.ts';
import { mergeAgendaItem, mergeDecision, mergeMeeting, upsertSource } from '../../src/store/record.ts';
import { scanResolutionRefs, scanSymbols } from '../../src/domain/symbols.ts';
import type { Store } from '../../src/store/db.ts';
import { sqliteTestStore as tempStore } from '../support/stores.ts';

const DHL = join(SHARED_DIR, 'data', 'dhl-tables');
const TABLES = [
  'scact2019_table_en.html',
  'scact2020_table_en.html',
  'scact2020_covid_table_en.html',
  'scact2021_table_en.html',
].map((f) => join(DHL, f));
const read = (f: string) => readFileSync(join(DHL, f), 'utf8');

describe('DHL meeting tables, parsed', () => {
  test('the 2020 videoconference table: year from the rows, not the title that says 2021', () => {
    const t = parseMeetingTable(read('scact2020_covid_table_en.html'), 'covid.html');
    assert.match(t.title, /2021/);
    assert.equal(t.year, 2020);
    assert.ok(t.problems.some((p) => /title says 2021 but the rows' symbols say 2020/.test(p.message)));
    const vtcs = t.rows.filter((r) => r.kind === 'vtc');
    assert.equal(vtcs.length, 44);
    assert.deepEqual(
      vtcs.filter((r) => r.closed).map((r) => r.recordLetter),
      ['S/2020/270'],
    );
    const row = t.rows.find((r) => r.recordLetter === 'S/2020/268')!;
    assert.equal(row.date, '2020-03-30');
    assert.equal(row.outcomeLetter, 'S/2020/249');
    assert.deepEqual(row.outcomes, [
      {
        kind: 'resolution',
        symbol: 'S/RES/2518 (2020)',
        tally: { for: 15, against: 0, abstaining: 0 },
        vetoedBy: [],
      },
    ]);
  });

  test('2020 counts agree with the resolutions and records written in the HTML', () => {
    const formal = parseMeetingTable(read('scact2020_table_en.html'), 'f.html');
    const covid = parseMeetingTable(read('scact2020_covid_table_en.html'), 'c.html');
    const rows = [...formal.rows, ...covid.rows];
    const resolutions = rows.flatMap((r) => r.outcomes).filter((o) => o.kind === 'resolution');
    // Independently of the parser: every distinct "S/RES/nnnn (2020)" written in the two pages.
    const inHtml = new Set(
      [read('scact2020_table_en.html'), read('scact2020_covid_table_en.html')].flatMap((h) =>
        [...h.matchAll(/>\s*S\/RES\/(\d{4}) ?\(2020\)/g)].map((m) => m[1]),
      ),
    );
    assert.equal(inHtml.size, 57);
    assert.equal(new Set(resolutions.map((o) => o.symbol)).size, 57);
    const records = new Set(rows.filter((r) => r.kind === 'formal').map((r) => r.record));
    assert.equal(records.size, 85); // S/PV.8698–8778 (81 meetings) and 4 resumptions
    assert.equal(formal.rows.filter((r) => r.closed).length, 2);
  });

  test('vetoed and failed drafts with their tallies', () => {
    const covid = parseMeetingTable(read('scact2020_covid_table_en.html'), 'c.html');
    const drafts = covid.rows.flatMap((r) => r.outcomes).filter((o) => o.kind === 'draft_not_adopted');
    assert.equal(drafts.length, 7);
    const vetoed = drafts.filter((d) => d.vetoedBy.length > 0);
    assert.deepEqual(
      vetoed.map((d) => [d.symbol, d.vetoedBy.join('+'), d.tally]),
      [
        ['S/2020/852', 'USA', { for: 14, against: 1, abstaining: 0 }],
        ['S/2020/667', 'CHN+RUS', { for: 13, against: 2, abstaining: 0 }],
        ['S/2020/654', 'CHN+RUS', { for: 13, against: 2, abstaining: 0 }],
      ],
    );
  });

  test('merged cells and an unknown header are reported with their line, the other rows kept', () => {
    const html = `<table>
<tr><th>Meeting Record</th><th>Date</th><th>Venue</th><th>Topic</th><th>Security Council Outcome / Vote</th></tr>
<tr><td>S/PV.8700</td><td>10 January 2020</td><td>NY</td><td>The situation in the Middle East</td><td>S/RES/2504 (2020)<br>11-0-4</td></tr>
<tr><td colspan="2">S/PV.8701 13 January</td><td>NY</td><td>The situation in the Middle East</td><td>--</td></tr>
<tr><td>S/PV.87O2</td><td>13 January</td><td>NY</td><td>Colombia</td><td>--</td></tr>
</table>`;
    const t = parseMeetingTable(html, 'bad.html');
    assert.equal(t.rows.length, 1);
    assert.equal(t.rows[0]!.record, 'S/PV.8700');
    const unknown = t.problems.find((p) => p.field === 'Venue')!;
    assert.match(unknown.message, /unknown header "Venue"/);
    // The record and date run together in one cell across two columns: not a record symbol, row skipped.
    const merged = t.problems.find((p) => /S\/PV\.8701 13 January/.test(p.message))!;
    assert.match(merged.message, /not a meeting record symbol.*row skipped/);
    assert.equal(merged.line, 4);
    assert.equal(merged.locator, 'table 1 row 2');
    assert.match(t.problems.find((p) => p.locator === 'table 1 row 3')!.message, /S\/PV\.87O2/);
  });

  test('headers are read by name, whatever their order', () => {
    const html = `<table><tr><th>Date</th><th>Topic</th><th>Meeting<br>Record</th><th>Outcome / Vote</th></tr>
<tr><td>9 January 2020</td><td>Upholding the Charter</td><td>S/PV.8699</td><td>S/PRST/2020/1</td></tr></table>`;
    const { tables } = readHtmlTables(html, 'x.html', MEETING_HEADERS);
    assert.deepEqual(
      tables[0]!.columns.map((c) => c.key),
      ['date', 'topic', 'record', 'outcome'],
    );
    const t = parseMeetingTable(html, 'x.html');
    assert.equal(t.rows[0]!.record, 'S/PV.8699');
    assert.equal(t.rows[0]!.outcomes[0]!.symbol, 'S/PRST/2020/1');
  });
});

describe('DHL meeting tables, imported', () => {
  let store: Store;
  let dispose: () => Promise<void>;
  before(async () => {
    ({ store, dispose } = await tempStore());
  });
  after(async () => dispose());

  test('the Repertoire’s 30 March 2020 videoconference and the DHL row become one meeting and one decision', async () => {
    // The Repertoire side, from the corpus's own table row, written the way the extraction pipeline writes it.
    const corpus = readFileSync(
      join(SHARED_DIR, 'corpus', 'zh', 'repertoire-2020-part1-item23-peacekeeping.txt'),
      'utf8',
    );
    const line = corpus.split('\n').find((l) => l.startsWith('2020 年 3 月 30 日'))!;
    const [record, outcomeLetter] = scanSymbols(line).map((s) => s.symbol);
    const resolution = scanResolutionRefs(line)[0]!.symbol;
    const [yes, no, abst] = /(\d+)-(\d+)-(\d+)/.exec(line)!.slice(1).map(Number);
    assert.deepEqual(
      [record, outcomeLetter, resolution, yes, no, abst],
      ['S/2020/268', 'S/2020/249', 'S/RES/2518 (2020)', 15, 0, 0],
    );
    const rep = { sourceId: 'repertoire:zh:2020:23', locator: 'table row 1' };
    await store.db.transaction().execute(async (trx) => {
      await upsertSource(trx, {
        id: rep.sourceId,
        kind: 'repertoire',
        uri: 'corpus',
        title: null,
        lang: 'zh',
        sha256: 'x',
        imported_at: 'now',
      });
      await mergeAgendaItem(
        trx,
        {
          id: '2020-23',
          year: 2020,
          number: 23,
          title_zh: '联合国维持和平行动',
          title_en: null,
          category: 'thematic',
        },
        rep,
      );
      await mergeMeeting(
        trx,
        {
          id: record!,
          date: '2020-03-30',
          format: 'open_vtc',
          record_symbol: record!,
          agenda_item_id: '2020-23',
        },
        rep,
      );
      await mergeDecision(
        trx,
        {
          id: resolution,
          kind: 'resolution',
          symbol: resolution,
          meeting_id: record!,
          date: '2020-03-30',
          adopted: 1,
          vote_for: yes!,
          vote_against: no!,
          vote_abstaining: abst!,
          written_procedure_letter: outcomeLetter!,
        },
        rep,
      );
    });
    const report = await importTableFiles(store, TABLES);
    assert.equal(report.problems.filter((p) => p.severity === 'error').length, 0);
    const meetings = await store.db
      .selectFrom('meeting')
      .selectAll()
      .where('date', '=', '2020-03-30')
      .where('agenda_item_id', '=', '2020-23')
      .execute();
    assert.equal(meetings.length, 1);
    assert.equal(meetings[0]!.id, 'S/2020/268');
    assert.equal(meetings[0]!.topic, 'United Nations peacekeeping operations');
    const decision = await store.db
      .selectFrom('decision')
      .selectAll()
      .where('id', '=', 'S/RES/2518 (2020)')
      .executeTakeFirstOrThrow();
    assert.equal(decision.meeting_id, 'S/2020/268');
    assert.deepEqual([decision.vote_for, decision.vote_against, decision.vote_abstaining], [15, 0, 0]);
    assert.equal(decision.written_procedure_letter, 'S/2020/249');
    assert.equal(decision.record_letter, 'S/2020/268');
    assert.equal(decision.modality, 'written_procedure');
    const prov = await store.db
      .selectFrom('provenance')
      .select(['source_id', 'locator'])
      .where('entity_id', '=', 'S/RES/2518 (2020)')
      .orderBy('source_id')
      .execute();
    assert.deepEqual(
      prov.map((p) => p.source_id),
      ['dhl:scact2020_covid_table_en.html', 'repertoire:zh:2020:23'],
    );
    assert.match(prov[0]!.locator, /^table 1 row \d+$/);
    assert.equal(
      (
        await store.db
          .selectFrom('conflict')
          .selectAll()
          .where('entity_id', 'in', ['S/2020/268', 'S/RES/2518 (2020)'])
          .execute()
      ).length,
      0,
    );
    // The other peacekeeping videoconference of the DHL table is matched to the same agenda item by its topic.
    const aug = await store.db
      .selectFrom('meeting')
      .selectAll()
      .where('id', '=', 'S/2020/856')
      .executeTakeFirstOrThrow();
    assert.equal(aug.agenda_item_id, '2020-23');
  });

  test('2020 in the record: formal meetings, videoconferences, resolutions', async () => {
    const count = async (formats: string[]) =>
      (
        await store.db
          .selectFrom('meeting')
          .select('id')
          .where('date', 'like', '2020-%')
          .where('format', 'in', formats as never)
          .execute()
      ).length;
    assert.equal(await count(['formal_public', 'formal_private']), 85);
    assert.equal(await count(['formal_private']), 2);
    assert.equal(await count(['open_vtc', 'closed_vtc']), 44);
    assert.equal(await count(['closed_vtc']), 1);
    const res = await store.db
      .selectFrom('decision')
      .select('id')
      .where('kind', '=', 'resolution')
      .where('date', 'like', '2020-%')
      .execute();
    assert.equal(res.length, 57);
  });

  test('a second import changes nothing: every row is a noop', async () => {
    const again = await importTableFiles(store, TABLES);
    assert.equal(again.meetings.insert + again.meetings.update, 0);
    assert.equal(again.decisions.insert + again.decisions.update, 0);
    assert.ok(again.meetings.noop > 500);
    assert.ok(again.sources.every((s) => s.outcome === 'noop'));
  });

  test('an unreadable file stops the import before anything is written', async () => {
    const before = await store.db.selectFrom('source').select('id').execute();
    await assert.rejects(
      importTableFiles(store, [join(DHL, 'scact2019_table_en.html'), '/nonexistent/table.html']),
      /cannot read \/nonexistent\/table\.html/,
    );
    assert.equal((await store.db.selectFrom('source').select('id').execute()).length, before.length);
  });
});
