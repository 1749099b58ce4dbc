/**
 * Formal-meeting tables, on real facts: the six 2019 meetings under "United Nations peacekeeping
 * operations" as the UN Dag Hammarskjöld Library lists them, laid out as a Repertoire section in English
 * and Chinese (test/fixtures/en/README.md). The extraction must give back exactly the Library's
 * meetings, and the cross-check must catch a narrative that miscounts them.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ROOT_DIR, SOURCES_DIR } from '../../src/config/paths.ts';
import { parseMeetingTable } from '../../src/ingest/dhl/meetings.ts';
import { extractSection } from '../../src/ingest/repertoire/pipeline.ts';

const DHL_2019 = join(SOURCES_DIR, 'dhl-tables', 'scact2019_table_en.html');
const FIXTURE = (lang: 'en' | 'zh') =>
  join(ROOT_DIR, 'test/fixtures', lang, 'repertoire-2019-item23-peacekeeping-meetings.txt');

/** The Library's 2019 meetings under the item, with the presidential statements made at them. */
function libraryMeetings() {
  const table = parseMeetingTable(readFileSync(DHL_2019, 'utf8'), DHL_2019);
  return table.rows
    .filter((r) => r.kind === 'formal' && r.topic === 'United Nations peacekeeping operations')
    .map((r) => ({
      date: r.date,
      record: r.record,
      statements: r.outcomes.map((o) => o.symbol).filter((s) => s.startsWith('S/PRST/')),
    }))
    .sort((a, b) => a.date.localeCompare(b.date));
}

for (const lang of ['en', 'zh'] as const) {
  describe(`a formal-meeting table (${lang})`, () => {
    const text = readFileSync(FIXTURE(lang), 'utf8');
    const section = extractSection(text, { lang });

    it('gives the Library’s six meetings: records, dates, format and the presidential statement', () => {
      const expected = libraryMeetings();
      assert.equal(expected.length, 6);
      assert.deepEqual(
        section.meetings.map((m) => ({
          date: m.date,
          record: m.record,
          statements: m.decisions.map((d) => d.symbol),
        })),
        expected,
      );
      assert.ok(section.meetings.every((m) => m.format === 'meeting'));
      assert.equal(section.year, 2019);
      assert.equal(section.item.number, 23);
    });

    it('finds nothing on the consistent text, and the contradiction when the count is wrong', () => {
      assert.deepEqual(section.findings, []);
      const wrong =
        lang === 'en'
          ? text.replace('held six meetings', 'held five meetings')
          : text.replace('举行了六次会议', '举行了五次会议');
      assert.notEqual(wrong, text);
      const findings = extractSection(wrong, { lang }).findings;
      assert.deepEqual(
        findings.map((f) => [f.severity, f.code, f.where]),
        [['error', 'count-contradiction', 'paragraph 0']],
      );
      assert.match(
        findings[0]!.message,
        /says 5 meetings were held, but the table lists 6, of which 6 meetings$/,
      );
    });

    it('reports a table row whose record is not a symbol, naming the row', () => {
      const bad = text.replace('S/PV.8552', 'S/PV.85S2');
      const findings = extractSection(bad, { lang }).findings;
      assert.ok(
        findings.some((f) => f.code === 'table-bad-symbol' && f.where === 'table row 3'),
        JSON.stringify(findings),
      );
    });
  });
}
