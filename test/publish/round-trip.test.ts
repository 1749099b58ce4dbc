import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { extractSection, runPipeline } from '../../src/ingest/repertoire/pipeline.ts';
import type { Section } from '../../src/ingest/repertoire/types.ts';
import { loadPublishedSection, renderText } from '../../src/publish/index.ts';
import { sqliteTestStore, type TestStore } from '../support/stores.ts';
import { seedText } from './support/seed-facts.ts';
import { CORPUS_DIR } from '../../src/config/paths.ts';
import { ingestPaths } from '../../src/ingest/repertoire/index.ts';

/** The facts a section states, in a form that does not depend on layout. */
function facts(s: Section) {
  return {
    item: s.item,
    year: s.year,
    paragraphs: s.paragraphs,
    footnotes: s.footnotes.map((f) => ({
      number: f.number,
      text: f.text,
      paragraph: f.paragraph,
      cites: f.cites,
      states: f.states,
    })),
    meetings: s.meetings.map((m) => ({
      date: m.date,
      format: m.format,
      record: m.record,
      letterDate: m.letterDate,
      title: m.title,
      decisions: m.decisions,
      briefers: m.briefers.map((b) => ({
        role: b.role,
        office: b.office,
        mission: b.mission,
        state: b.state,
      })),
      initiative: m.initiative,
      chair: m.chair,
      notes: m.notes,
    })),
    positions: s.positions,
  };
}

describe('round trip: ingest the seed, publish it in Chinese, extract the output again', () => {
  let t: TestStore;
  let original: Section;
  let again: Section;
  let published: string;
  before(async () => {
    t = await sqliteTestStore();
    original = extractSection(seedText(), { lang: 'zh', year: 2020 });
    const run = await ingestPaths(t.store, [CORPUS_DIR]);
    assert.deepEqual(run.failed, []);
    const section = (await loadPublishedSection(t.store.db, 2020, 23, 'zh'))!;
    published = renderText(section);
    again = extractSection(published, { lang: 'zh', year: 2020 });
  });
  after(() => t.dispose());

  it('the seed yields its known facts to begin with', () => {
    assert.equal(original.paragraphs.length, 15);
    assert.equal(original.footnotes.length, 22);
    assert.equal(original.meetings.length, 6);
  });

  it('gives back the same paragraphs, footnotes and their attachments', () => {
    const a = facts(original);
    const b = facts(again);
    assert.deepEqual(b.item, a.item);
    assert.deepEqual(b.paragraphs, a.paragraphs);
    assert.deepEqual(b.footnotes, a.footnotes);
  });

  it('gives back the same meetings, decisions and briefers', () => {
    const a = facts(original);
    const b = facts(again);
    assert.deepEqual(b.meetings, a.meetings);
  });

  it('gives back the same positions (needs the footnote markers’ offsets in the record)', async (ctx) => {
    const placed = await t.store.db
      .selectFrom('footnote')
      .select((eb) => eb.fn.count<number>('marker_offset').as('n'))
      .executeTakeFirstOrThrow();
    if (Number(placed.n) === 0) {
      // Positions are read from the sentence each marker closes; without offsets markers go to the paragraph end.
      ctx.skip('the Repertoire ingest stores no marker offsets (footnote.marker_offset is null)');
      return;
    }
    assert.deepEqual(facts(again).positions, facts(original).positions);
  });

  it('raises the same cross-check findings (the seed’s real contradictions), and no new ones', () => {
    assert.deepEqual(
      again.findings.map((f) => f.code),
      original.findings.map((f) => f.code),
    );
  });
});

describe('round trip with the footnote markers placed where the pipeline found them', () => {
  it('gives back every fact, positions included', async () => {
    const t = await sqliteTestStore();
    try {
      await ingestPaths(t.store, [CORPUS_DIR]);
      // What the ingest would store once it keeps each marker's offset (the pipeline computes it).
      for (const f of runPipeline(seedText(), { lang: 'zh', year: 2020 }).footnotes) {
        await t.store.db
          .updateTable('footnote')
          .set({ marker_offset: f.offset })
          .where('id', '=', `repertoire:2020:23:zh:fn${f.number}`)
          .execute();
      }
      const section = (await loadPublishedSection(t.store.db, 2020, 23, 'zh'))!;
      assert.deepEqual(section.notices, [], 'every marker in place');
      const published = renderText(section);
      assert.ok(published.includes('在公开视频会议⁶⁴⁶上听取'));
      const again = facts(extractSection(published, { lang: 'zh', year: 2020 }));
      const original = facts(extractSection(seedText(), { lang: 'zh', year: 2020 }));
      assert.deepEqual(again, original);
    } finally {
      await t.dispose();
    }
  });
});
