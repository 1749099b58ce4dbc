/**
 * Repertoire text as it comes out of a PDF (stage 0, layout.ts): the seed and the English fixture laid out
 * as pdftotext gives a PDF's pages (pdf-layout.ts: wrapped lines, running heads and footers, page numbers,
 * form feeds, a paragraph cut by a page break, the table in columns of spaces or one cell a line, split
 * over pages with its header repeated) must give the same section as the text they were made from, with
 * what was dropped shown. The page furniture of the shared verbatim records (pdftotext at test time) is
 * recognised the same way. Formal-meeting tables are read with all their columns.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { extractEntities } from '../../src/ingest/entities/index.ts';
import { readLayout } from '../../src/ingest/repertoire/layout.ts';
import { extractSection, runPipeline } from '../../src/ingest/repertoire/pipeline.ts';
import type { Section } from '../../src/ingest/repertoire/types.ts';
import { council } from '../support/cli.ts';
import { pdfText } from '../support/pdf-text.ts';
import { seedText } from './helpers.ts';
import { asPdfText, type PdfLayout } from './pdf-layout.ts';

const withoutLayout = ({ layout: _l, ...s }: Section) => JSON.parse(JSON.stringify(s)) as unknown;

for (const lang of ['zh', 'en'] as const) {
  for (const layout of ['columns', 'cells'] as PdfLayout[]) {
    describe(`${lang} section as PDF text, table in ${layout}`, () => {
      const seed = seedText(lang);
      const pdf = asPdfText(seed, lang, layout);
      const r = runPipeline(pdf, { lang });

      it('gives the same section as the text it was made from', () => {
        assert.ok(pdf.includes('\f') && !pdf.includes('\t'));
        assert.deepEqual(withoutLayout(r.section), withoutLayout(extractSection(seed, { lang })));
        assert.equal(r.section.meetings.length, 6);
      });

      it('gives the same entities (council entities) as the text it was made from', () => {
        assert.deepEqual(extractEntities(pdf, { year: 2020 }), extractEntities(seed, { year: 2020 }));
      });

      it('drops the page furniture, and only it, and says so in the stage output and the section', () => {
        const { dropped, tables } = r.section.layout!;
        assert.deepEqual(tables, [layout]);
        const why = new Set(dropped.map((d) => d.why));
        for (const w of ['page-break', 'page-number', 'running-head', 'table-header'])
          assert.ok(why.has(w), w);
        // Nothing dropped is text of the section (the repeated header is the table's own heading line).
        for (const d of dropped) {
          if (d.why === 'running-head') assert.ok(!seed.includes(d.text), `${d.why}: ${d.text}`);
          if (d.why === 'page-number') assert.match(d.text, /^\d+$/);
        }
        assert.deepEqual(r.layout.dropped, dropped);
        // The footer that read as footnote 23 and the running heads are not footnotes.
        assert.ok(!r.section.footnotes.some((f) => /Supplement|补编|Part I|第一部分/.test(f.text)));
      });
    });
  }
}

describe('council extract on PDF text', () => {
  it('prints the section and how much page furniture was dropped', () => {
    const dir = mkdtempSync(join(tmpdir(), 'council-pdf-layout-'));
    try {
      const file = join(dir, 'section.txt');
      writeFileSync(file, asPdfText(seedText('zh'), 'zh', 'columns'));
      const r = council(['extract', file]);
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stdout, /6 meetings/);
      assert.match(r.stdout, /^page layout: dropped .*\d+ running-head.*; tables laid out in columns$/m);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('text already laid out with tabs', () => {
  it('passes through the layout stage unchanged', () => {
    for (const lang of ['zh', 'en'] as const) {
      const l = readLayout(seedText(lang), lang);
      assert.equal(l.text, seedText(lang).replace(/\r\n?/g, '\n'));
      assert.deepEqual([l.dropped, l.tables], [[], []]);
    }
  });
});

describe('page furniture of real PDF text (S/PV.8707, pdftotext)', () => {
  it('drops job numbers, bar codes, page numbers and running heads, and no speech', () => {
    const text = pdfText('S-PV.8707.pdf');
    const { dropped } = readLayout(text, 'en');
    const texts = dropped.map((d) => d.text);
    assert.ok(texts.includes('20-02121 (E)'), 'job number on the first page');
    assert.ok(texts.includes('*2002121*'), 'bar code');
    assert.ok(texts.filter((t) => t === 'S/PV.8707').length >= 5, 'running head with the symbol');
    assert.ok(texts.includes('29/01/2020'), 'running head with the date');
    assert.equal(dropped.filter((d) => d.why === 'page-break').length, (text.match(/\f/g) ?? []).length);
    // Every dropped line stands at the top or bottom of its page, and none is a speaker's line.
    assert.ok(dropped.every((d) => !/^(?:Mr|Ms|Mrs)\. .*:|^The President:/.test(d.text)));
  });
});

// A formal-meeting table in the Repertoire's layout, holding only facts of the shared verbatim records:
// S/PV.8701 (13 January 2020: the letter S/2019/823 on the agenda, draft S/2020/27, resolution 2505 (2020)
// adopted 15-0-0) and S/PV.8702 (13 January 2020: the Secretary-General's report on the Verification
// Mission, the Minister for Foreign Affairs of Colombia under rule 37, the Special Representative under
// rule 39, the speakers as the record lists them).
const FORMAL = {
  en: `Thematic issues

23. United Nations peacekeeping operations

During the period under review, the Security Council held two meetings in connection with the item.

Meetings: United Nations peacekeeping operations

Meeting record and date\tSub-item\tOther documents\tRule 37 invitations\tRule 39 and other invitations\tSpeakers\tDecision and vote (for-against-abstaining)
S/PV.8701 13 January 2020\tLetter dated 14 October 2019 from the Secretary-General addressed to the President of the Security Council (S/2019/823)\tDraft resolution submitted by the United Kingdom (S/2020/27)\t\t\t\tResolution 2505 (2020) 15-0-0
S/PV.8702 13 January 2020\tReport of the Secretary-General on the United Nations Verification Mission in Colombia (S/2019/988)\t\tColombia (Minister for Foreign Affairs)\tSpecial Representative of the Secretary-General and Head of the United Nations Verification Mission in Colombia\tAll Council members, Colombia, Special Representative of the Secretary-General\t
`,
  zh: `专题问题

23. 联合国维持和平行动

在本文件所述期间，安理会就该项目举行了两次会议。

会议: 联合国维持和平行动

会议记录和日期\t分项目\t其他文件\t规则第37条邀请\t规则第39条邀请和其他邀请\t发言者\t决定和表决(赞成-反对-弃权)
S/PV.8701 2020年1月13日\t2019年10月14日秘书长给安全理事会主席的信(S/2019/823)\t联合王国提交的决议草案(S/2020/27)\t\t\t\t第2505(2020)号决议 15-0-0
S/PV.8702 2020年1月13日\t秘书长关于联合国哥伦比亚核查团的报告(S/2019/988)\t\t哥伦比亚(外交部长)\t秘书长特别代表兼联合国哥伦比亚核查团团长\t安理会所有成员、哥伦比亚、秘书长特别代表\t
`,
};

for (const lang of ['en', 'zh'] as const) {
  describe(`a formal-meeting table with all its columns (${lang})`, () => {
    const section = extractSection(FORMAL[lang], { lang });

    it('reads the record, date, sub-item, documents, invitations, speakers and decision of each row', () => {
      assert.deepEqual(section.findings, []);
      const [a, b] = section.meetings;
      assert.deepEqual(
        [a!.record, a!.date, b!.record, b!.date],
        ['S/PV.8701', '2020-01-13', 'S/PV.8702', '2020-01-13'],
      );
      assert.deepEqual(a!.decisions, [{ symbol: 'S/RES/2505 (2020)', for: 15, against: 0, abstaining: 0 }]);
      assert.deepEqual(a!.participation?.documents, ['S/2019/823']);
      assert.deepEqual(a!.participation?.otherDocuments, ['S/2020/27']);
      assert.equal(a!.participation?.rule37, undefined);
      assert.deepEqual(b!.participation?.documents, ['S/2019/988']);
      assert.deepEqual(b!.participation?.rule37, ['COL']);
      assert.match(b!.participation!.rule39!, lang === 'en' ? /^Special Representative/ : /^秘书长特别代表/);
      assert.deepEqual(b!.participation?.speakerStates, ['COL']);
      assert.deepEqual(b!.decisions, []);
    });

    it('reads the same from the PDF layout in columns and one cell a line', () => {
      const columns = extractSection(asPdfText(FORMAL[lang], lang, 'columns'), { lang });
      assert.deepEqual(withoutLayout(columns), withoutLayout(section));
      // One cell a line: the text cells given to their columns by what they say and the column order.
      const cells = extractSection(asPdfText(FORMAL[lang], lang, 'cells'), { lang });
      assert.deepEqual(cells.layout!.tables, ['cells']);
      assert.deepEqual(
        cells.layout!.dropped.filter((d) => d.why === 'layout'),
        [],
      );
      assert.deepEqual(withoutLayout(cells), withoutLayout(section));
    });

    it('one cell a line: a cell that could sit in more than one column is left out, and shown', () => {
      // S/PV.8701 with its agenda document as a bare symbol: a sub-item or another document, the text
      // cannot tell which once the columns are gone.
      const bare = FORMAL[lang].replace(/\t[^\t]*\(S\/2019\/823\)\t[^\t]*\t/, '\tS/2019/823\t\t');
      const tabs = extractSection(bare, { lang });
      assert.deepEqual(tabs.meetings[0]!.participation, { subItem: 'S/2019/823', documents: ['S/2019/823'] });
      const cells = extractSection(asPdfText(bare, lang, 'cells'), { lang });
      assert.equal(cells.meetings[0]!.participation, undefined);
      assert.deepEqual(cells.meetings[0]!.decisions, tabs.meetings[0]!.decisions);
      assert.deepEqual(
        cells.layout!.dropped.filter((d) => d.why === 'layout').map((d) => d.text),
        ['S/2019/823'],
      );
      // The next row is still read whole.
      assert.deepEqual(cells.meetings[1]!.participation, tabs.meetings[1]!.participation);
    });
  });
}
