// The English counterpart (test/fixtures/en, laid out as English Repertoire PDF text) yields the same facts
// as the zh seed, through the same pipeline.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { extractSection } from '../../src/ingest/repertoire/pipeline.ts';
import type { Section } from '../../src/ingest/repertoire/types.ts';
import { assertGolden, seedText } from './helpers.ts';

const en = extractSection(seedText('en'), { lang: 'en' });
const zh = extractSection(seedText('zh'), { lang: 'zh' });

/** Everything in a section that does not depend on the language it is written in. */
function facts(s: Section) {
  return {
    item: s.item.number,
    category: s.item.category,
    year: s.year,
    paragraphs: s.paragraphs.map((p) => p.footnotes),
    footnotes: s.footnotes.map((f) => ({
      number: f.number,
      paragraph: f.paragraph,
      cites: f.cites,
      states: f.states,
    })),
    meetings: s.meetings.map((m) => ({
      date: m.date,
      format: m.format,
      record: m.record,
      letterDate: m.letterDate,
      decisions: m.decisions,
      briefers: m.briefers.map((b) => [b.office, b.mission, b.state, b.kind, b.roleEn]),
      initiative: m.initiative,
      notes: m.notes.length,
      paragraphs: m.paragraphs,
    })),
    positions: s.positions.map((p) => [p.states, p.footnote, p.meeting, p.paragraph]),
    findings: s.findings.map((f) => [f.severity, f.code, f.where]),
  };
}

describe('Repertoire 2020 item 23 (English)', () => {
  it('reads the English layout', () => {
    assert.deepEqual(en.item, {
      number: 23,
      title: 'United Nations peacekeeping operations',
      category: 'thematic',
    });
    assert.equal(en.lang, 'en');
    assert.equal(en.year, 2020);
    assert.equal(en.footnotes.length, 22);
    assert.equal(en.meetings[2]!.chair, 'Federal Minister of Defence of Germany');
    assert.equal(en.meetings[2]!.topic, 'peace operations and human rights');
    assert.match(en.meetings[0]!.notes[0]!, /a closed videoconference was held instead/);
  });

  it('yields exactly the facts of the zh seed', () => {
    assert.deepEqual(facts(en), facts(zh));
  });

  it('joins sentences cut by page breaks and removes the plain-digit markers', () => {
    const all = en.paragraphs.map((p) => p.text);
    for (const joined of [
      'provision of adequate medical facilities',
      'core priorities of its mandate while setting',
      'as well as local customs and values',
      'implementation of peace agreements',
      'using community policing, supporting elections',
    ]) {
      assert.ok(
        all.some((t) => t.includes(joined)),
        joined,
      );
    }
    for (const p of all) {
      assert.doesNotMatch(p, /[a-z.,]6[3-6]\d\b/);
      assert.match(p, /\.$/);
    }
    assert.ok(
      all.some((t) => t.includes('PK5 district')),
      'PK5 is not a footnote marker',
    );
    assert.ok(all.some((t) => t.includes('COVID-19 pandemic')));
  });

  it('matches its golden file (checked by hand)', () => assertGolden('10-section-en', en));
});
