// Storing the real seed: idempotent, updated when the file changes, atomic, and merged with the UN
// Library's VTC table so that the 30 March format disagreement is kept as a conflict.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore, type Store } from '../../src/store/db.ts';
import { migrate } from '../../src/store/migrate.ts';
import { SOURCES_DIR } from '../../src/config/paths.ts';
import { importTableFiles } from '../../src/ingest/sources.ts';
import { ingestPaths } from '../../src/ingest/repertoire/index.ts';
import { ingestSection } from '../../src/ingest/repertoire/ingest.ts';
import { extractSection } from '../../src/ingest/repertoire/pipeline.ts';
import pino from 'pino';
import { seed } from '../../src/seed/seeders/05_repertoire.ts';
import { SEED_EN, SEED_ZH, seedText } from './helpers.ts';

let dir: string;
let store: Store;

async function counts(s: Store) {
  const out: Record<string, number> = {};
  for (const t of [
    'source',
    'meeting',
    'decision',
    'participant',
    'document',
    'section',
    'paragraph',
    'footnote',
    'citation',
    'position',
    'provenance',
    'conflict',
  ] as const) {
    const r = await s.db
      .selectFrom(t)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    out[t] = Number(r.n);
  }
  return out;
}

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'council-ingest-'));
  store = openStore({ kind: 'sqlite', path: join(dir, 'record.db') });
  await migrate(store);
});
after(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('council ingest', () => {
  it('stores the seed with provenance', async () => {
    const run = await ingestPaths(store, [SEED_ZH]);
    assert.deepEqual(run.failed, []);
    const r = run.files[0]!;
    assert.equal(r.sourceId, 'repertoire:zh:2020:23');
    assert.equal(r.total.update, 0);
    assert.deepEqual(r.counts.meeting, { insert: 6, update: 0, noop: 0 });
    assert.deepEqual(r.counts.decision, { insert: 2, update: 0, noop: 0 });
    const db = store.db;
    const meetings = await db.selectFrom('meeting').selectAll().orderBy('date').execute();
    assert.deepEqual(
      meetings.map((m) => [m.id, m.format, m.letter_date, m.agenda_item_id]),
      [
        ['S/2020/268', 'closed_vtc', '2020-03-31', '2020-23'],
        ['S/2020/514', 'open_vtc', '2020-06-08', '2020-23'],
        ['S/2020/674', 'open_vtc', '2020-07-09', '2020-23'],
        ['S/2020/856', 'open_vtc', '2020-08-28', '2020-23'],
        ['S/2020/911', 'open_vtc', '2020-09-16', '2020-23'],
        ['S/2020/1092', 'open_vtc', '2020-11-06', '2020-23'],
      ],
    );
    assert.equal(meetings[2]!.initiative, 'DEU');
    assert.equal(meetings[2]!.chair, 'Federal Minister of Defence of Germany');
    assert.match(JSON.parse(meetings[0]!.notes!)[0], /非公开视频会议/);
    const d = await db
      .selectFrom('decision')
      .selectAll()
      .where('id', '=', 'S/RES/2518 (2020)')
      .executeTakeFirstOrThrow();
    assert.deepEqual(
      [d.vote_for, d.vote_against, d.vote_abstaining, d.written_procedure_letter, d.meeting_id, d.modality],
      [15, 0, 0, 'S/2020/249', 'S/2020/268', 'written_procedure'],
    );
    const people = await db.selectFrom('participant').selectAll().orderBy('id').execute();
    assert.equal(people.filter((p) => p.kind === 'briefer').length, 13);
    assert.deepEqual(
      people.filter((p) => p.kind === 'chair').map((p) => [p.meeting_id, p.state, p.role_en]),
      [['S/2020/674', 'DEU', 'Federal Minister of Defence of Germany']],
    );
    const c = await counts(store);
    assert.equal(c.paragraph, 15);
    assert.equal(c.footnote, 22);
    assert.equal(c.citation, 15);
    assert.equal(c.position, 7);
    const prov = await db
      .selectFrom('provenance')
      .selectAll()
      .where('entity_type', '=', 'meeting')
      .where('entity_id', '=', 'S/2020/674')
      .execute();
    assert.deepEqual(prov.map((p) => p.locator).sort(), [
      'paragraph 5',
      'paragraph 6',
      'paragraph 7',
      'paragraph 8',
      'table row 3',
    ]);
    const fn = await db
      .selectFrom('provenance')
      .select('locator')
      .where('entity_id', '=', 'repertoire:2020:23:zh:fn646')
      .executeTakeFirstOrThrow();
    assert.equal(fn.locator, 'footnote 646');
    const cite = await db
      .selectFrom('citation')
      .selectAll()
      .where('id', '=', 'repertoire:2020:23:zh:fn643:c0')
      .executeTakeFirstOrThrow();
    assert.deepEqual([cite.symbol, JSON.parse(cite.paragraphs!)], ['S/RES/2518 (2020)', [10, 12]]);
  });

  it('changes nothing when the same file is ingested again', async () => {
    const before = await counts(store);
    const run = await ingestPaths(store, [SEED_ZH]);
    assert.equal(run.total.insert + run.total.update, 0);
    assert.ok(run.total.noop > 20);
    assert.deepEqual(await counts(store), before);
  });

  it('updates the record when the file changes', async () => {
    const changed = join(dir, 'changed.txt');
    writeFileSync(
      changed,
      seedText('zh')
        .replace('15-0-0 S/2020/851', '14-0-1 S/2020/851')
        .replace('安理会成员和其他会员国强调', '安理会成员和其他会员国都强调'),
    );
    const r = (await ingestPaths(store, [changed])).files[0]!;
    assert.deepEqual(r.counts.source, { insert: 0, update: 1, noop: 0 });
    assert.deepEqual(r.counts.decision, { insert: 0, update: 1, noop: 1 });
    assert.deepEqual(r.counts.section, { insert: 0, update: 1, noop: 0 });
    assert.deepEqual(r.counts.meeting, { insert: 0, update: 0, noop: 6 });
    const d = await store.db
      .selectFrom('decision')
      .selectAll()
      .where('id', '=', 'S/RES/2538 (2020)')
      .executeTakeFirstOrThrow();
    assert.deepEqual([d.vote_for, d.vote_abstaining], [14, 1]);
    const p8 = await store.db
      .selectFrom('paragraph')
      .select('text')
      .where('id', '=', 'repertoire:2020:23:zh:p8')
      .executeTakeFirstOrThrow();
    assert.match(p8.text, /^安理会成员和其他会员国都强调/);
    // And back: the original file restores the original record.
    const back = (await ingestPaths(store, [SEED_ZH])).files[0]!;
    assert.deepEqual(back.counts.decision, { insert: 0, update: 1, noop: 1 });
  });

  it('leaves nothing half-stored when a write fails', async () => {
    const before = await counts(store);
    const section = extractSection(seedText('zh'), { lang: 'zh' });
    section.paragraphs[0]!.text = 'changed';
    section.meetings[5]!.initiative = 'XXX'; // not a state: the record refuses it, after earlier writes
    await assert.rejects(
      ingestSection(store, section, SEED_ZH, Buffer.from('other bytes')),
      /XXX|initiative/,
    );
    assert.deepEqual(await counts(store), before);
    const p0 = await store.db
      .selectFrom('paragraph')
      .select('text')
      .where('id', '=', 'repertoire:2020:23:zh:p0')
      .executeTakeFirstOrThrow();
    assert.notEqual(p0.text, 'changed');
  });

  it('merges the English section into the same meetings without inventing conflicts, and the seeder loads the corpus', async () => {
    const before = await counts(store);
    const run = await ingestPaths(store, [SEED_EN]);
    assert.deepEqual(run.failed, []);
    const r = run.files[0]!;
    assert.equal(r.sourceId, 'repertoire:en:2020:23');
    assert.deepEqual(r.counts.meeting, { insert: 0, update: 6, noop: 0 });
    assert.deepEqual(r.counts.decision, { insert: 0, update: 2, noop: 0 });
    const after = await counts(store);
    assert.equal(after.meeting, before.meeting);
    assert.equal(after.conflict, 0);
    const m = await store.db
      .selectFrom('meeting')
      .selectAll()
      .where('id', '=', 'S/2020/268')
      .executeTakeFirstOrThrow();
    assert.match(m.title_en!, /^Letter dated 31 March 2020/);
    assert.match(m.title_zh!, /^2020年3月31日/);
    // One set of briefers and positions for both editions, each with both editions' provenance.
    assert.equal(after.participant, before.participant);
    assert.equal(after.position, before.position);
    const briefers = await store.db
      .selectFrom('participant')
      .selectAll()
      .where('kind', '=', 'briefer')
      .orderBy('meeting_id')
      .orderBy('ordinal')
      .execute();
    assert.equal(briefers.length, 13);
    const hc = briefers.find((b) => b.office === 'high-commissioner-human-rights')!;
    assert.match(hc.role_zh!, /人权事务高级专员/);
    assert.match(hc.role_en!, /High Commissioner for Human Rights/);
    const sourcesOf = async (type: 'participant' | 'position', id: string) =>
      (
        await store.db
          .selectFrom('provenance')
          .select(['source_id', 'locator'])
          .where('entity_type', '=', type)
          .where('entity_id', '=', id)
          .orderBy('source_id')
          .execute()
      ).map((p) => `${p.source_id} ${p.locator}`);
    assert.deepEqual(await sourcesOf('participant', hc.id), [
      'repertoire:en:2020:23 paragraph 5',
      'repertoire:zh:2020:23 paragraph 5',
    ]);
    const positions = await store.db.selectFrom('position').selectAll().orderBy('id').execute();
    assert.equal(positions.length, 7);
    const texts = await store.db
      .selectFrom('position_text')
      .selectAll()
      .where('position_id', '=', 'repertoire:2020:23:pos2')
      .orderBy('lang')
      .execute();
    assert.deepEqual(
      texts.map((t) => [t.lang, t.footnote_id, t.summary.slice(0, 16)]),
      [
        ['en', 'repertoire:2020:23:en:fn651', 'The representati'],
        ['zh', 'repertoire:2020:23:zh:fn651', '中国和俄罗斯联邦代表强调指出，人'],
      ],
    );
    assert.deepEqual(await sourcesOf('position', 'repertoire:2020:23:pos2'), [
      'repertoire:en:2020:23 footnote 651',
      'repertoire:zh:2020:23 footnote 651',
    ]);
    await seed(store, pino({ level: 'silent' }));
    assert.deepEqual(await counts(store), after);
  });

  it('an edition that no longer names a briefer gives it up, and the other edition keeps it', async () => {
    const changed = join(dir, 'en-without-undof.txt');
    const text = seedText('en')
      .replace(' and the Deputy Force Commander of UNDOF, in addition', ', in addition')
      .replace('The Deputy Force Commander of UNDOF briefed Council members', 'Council members were briefed');
    writeFileSync(changed, text);
    const r = (await ingestPaths(store, [changed])).files[0]!;
    assert.equal(r.sourceId, 'repertoire:en:2020:23');
    const row = await store.db
      .selectFrom('participant')
      .selectAll()
      .where('mission', '=', 'UNDOF')
      .executeTakeFirstOrThrow();
    // The English wording went with the English edition; the Chinese edition's stays.
    assert.equal(row.role_en, null);
    assert.equal(row.role_zh, '观察员部队副指挥官');
    const prov = await store.db
      .selectFrom('provenance')
      .select('source_id')
      .where('entity_type', '=', 'participant')
      .where('entity_id', '=', row.id)
      .execute();
    assert.deepEqual(
      prov.map((p) => p.source_id),
      ['repertoire:zh:2020:23'],
    );
    // Restored: the same 13 briefers, each given by both editions again.
    await ingestPaths(store, [SEED_EN]);
    const all = await store.db.selectFrom('participant').selectAll().where('kind', '=', 'briefer').execute();
    assert.equal(all.length, 13);
  });

  it('keeps the Repertoire’s closed 30 March videoconference beside the UN Library’s open one, as a conflict', async () => {
    await importTableFiles(store, [join(SOURCES_DIR, 'dhl-tables', 'scact2020_covid_table_en.html')]);
    await ingestPaths(store, [SEED_ZH]);
    const conflicts = await store.db
      .selectFrom('conflict')
      .selectAll()
      .where('entity_id', '=', 'S/2020/268')
      .where('field', '=', 'format')
      .execute();
    const values = conflicts.map((c) => [c.value, c.source_id.replace(/:(zh|en):/, ':*:')]).sort();
    assert.deepEqual(values, [
      ['closed_vtc', 'repertoire:*:2020:23'],
      ['open_vtc', 'dhl:scact2020_covid_table_en.html'],
    ]);
  });
});
