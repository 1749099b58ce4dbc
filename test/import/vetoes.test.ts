import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SHARED_DIR } from '../../src/config/paths.ts';
import { importTableFiles } from '../../src/ingest/sources.ts';
import { parseVetoCsv, parseVetoTable } from '../../src/ingest/vetoes/parse.ts';
import type { Store } from '../../src/store/db.ts';
import { sqliteTestStore as tempStore } from '../support/stores.ts';

const CSV = join(SHARED_DIR, 'data', 'vetoes', 'unsc_vetoes_1946_sept2022.csv');
const TABLE = join(SHARED_DIR, 'data', 'dhl-tables', 'scact_veto_table_en.html');

describe('veto lists', () => {
  test('the CSV: a multi-line quoted field, no trailing newline, every row read', () => {
    const text = readFileSync(CSV, 'utf8');
    assert.ok(!text.endsWith('\n'));
    const list = parseVetoCsv(text, CSV);
    assert.equal(list.problems.length, 0);
    assert.equal(list.records.length, 214);
    const r = list.records.find((v) => v.draft === 'S/2020/654')!;
    assert.equal(r.meeting, 'S/2020/661'); // "S/2020/661\nS/2020/657" in one quoted field
    assert.equal(r.outcomeLetter, 'S/2020/657');
    assert.deepEqual(r.vetoedBy, ['CHN', 'RUS']);
  });

  test('the DHL table and the CSV name the same drafts with the same ids', () => {
    const a = parseVetoTable(readFileSync(TABLE, 'utf8'), TABLE).records;
    const b = parseVetoCsv(readFileSync(CSV, 'utf8'), CSV).records;
    const ids = new Set(b.map((r) => r.id));
    // The CSV runs to September 2022, the table to May 2022: one draft more.
    assert.deepEqual(
      a.filter((r) => !ids.has(r.id)).map((r) => r.id),
      [],
    );
    assert.deepEqual(
      b.filter((r) => !new Set(a.map((x) => x.id)).has(r.id)).map((r) => r.id),
      ['S/2022/538'],
    );
  });

  test('a CSV with a missing column is refused naming it; a bad row is reported with its line', () => {
    const header = 'year,date,month,draft,meeting_record,agenda_item,member_veto1,member_veto2';
    assert.throws(
      () => parseVetoCsv(`${header}\n2020,7/7/2020,7,S/2020/654,S/PV.1,x,Russia,China\n`, 'v.csv'),
      /missing column\(s\) member_veto3/,
    );
    const ok = `${header},member_veto3`;
    const list = parseVetoCsv(
      `\ufeff${ok}\n2020,7/7/2020,7,S/2020/654,S/PV.1,x,Russia,China,\n2020,13/7/2020,7,S/2020/1,S/PV.2,y,Russia,,\n2020,7/8/2020,7,S/2020/2,S/PV.3,z,Germany,,\n2020,7/9/2020,7,S/2020/3,S/PV.4,"multi\nline",USA,,`,
      'v.csv',
    );
    assert.deepEqual(
      list.records.map((r) => r.id),
      ['S/2020/654', 'S/2020/3'],
    );
    assert.deepEqual(
      list.problems.map((p) => [p.line, p.field, p.severity]),
      [
        [3, 'date', 'error'],
        [4, 'member_veto', 'error'],
        [4, 'member_veto1', 'error'],
      ],
    );
  });
});

describe('veto lists, imported', () => {
  let store: Store;
  let dispose: () => Promise<void>;
  before(async () => {
    ({ store, dispose } = await tempStore());
  });
  after(async () => dispose());

  test('2020: three vetoed drafts, five negative votes by permanent members, each vetoed by the right members', async () => {
    const report = await importTableFiles(store, [CSV, TABLE], { kind: 'vetoes' });
    assert.equal(report.problems.filter((p) => p.severity === 'error').length, 0);
    const vetoed = await store.db
      .selectFrom('decision')
      .select(['id', 'vetoed_by', 'kind', 'adopted', 'meeting_id'])
      .where('date', 'like', '2020-%')
      .where('vetoed_by', 'is not', null)
      .orderBy('id')
      .execute();
    assert.deepEqual(
      vetoed.map((d) => [d.id, d.vetoed_by, d.kind, d.adopted, d.meeting_id]),
      [
        ['S/2020/654', '["CHN","RUS"]', 'draft_not_adopted', 0, 'S/2020/661'],
        ['S/2020/667', '["CHN","RUS"]', 'draft_not_adopted', 0, 'S/2020/693'],
        ['S/2020/852', '["USA"]', 'draft_not_adopted', 0, 'S/2020/870'],
      ],
    );
    const negatives = await store.db
      .selectFrom('vote')
      .select(['decision_id', 'state'])
      .where(
        'decision_id',
        'in',
        vetoed.map((d) => d.id),
      )
      .where('vote', '=', 'N')
      .execute();
    assert.equal(negatives.length, 5);
    const prov = await store.db
      .selectFrom('provenance')
      .select('source_id')
      .where('entity_id', '=', 'S/2020/852')
      .execute();
    assert.deepEqual(prov.map((p) => p.source_id).sort(), [
      'dhl:scact_veto_table_en.html',
      'vetoes:unsc_vetoes_1946_sept2022.csv',
    ]);
  });

  test('where the two lists disagree both values are kept as a conflict', async () => {
    const c = await store.db
      .selectFrom('conflict')
      .selectAll()
      .where('entity_id', '=', 'S/2001/270')
      .where('field', '=', 'date')
      .execute();
    assert.deepEqual(c.map((x) => x.value).sort(), ['2001-03-28', '2001-04-12']);
  });

  test('a second import changes nothing, conflicts included', async () => {
    const again = await importTableFiles(store, [CSV, TABLE], { kind: 'vetoes' });
    assert.equal(again.decisions.insert + again.meetings.insert, 0);
    assert.equal(again.decisions.update + again.meetings.update, 0);
    assert.equal((await store.db.selectFrom('conflict').selectAll().execute()).length, 4);
  });
});
