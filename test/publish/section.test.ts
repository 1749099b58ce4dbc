import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import {
  loadPublishedSection,
  renderCsv,
  renderHtmlDocument,
  renderJson,
  renderMarkdown,
  renderText,
} from '../../src/publish/index.ts';
import type { PublishedSection } from '../../src/publish/section.ts';
import { sqliteTestStore, type TestStore } from '../support/stores.ts';
import { seedTableLines, seedText, writeSeedFacts } from './support/seed-facts.ts';

describe('Repertoire section renderer (seed facts written through the record API)', () => {
  let t: TestStore;
  let zh: PublishedSection;
  let en: PublishedSection;
  before(async () => {
    t = await sqliteTestStore();
    await writeSeedFacts(t.store);
    zh = (await loadPublishedSection(t.store.db, 2020, 23, 'zh'))!;
    en = (await loadPublishedSection(t.store.db, 2020, 23, 'en'))!;
  });
  after(() => t.dispose());

  it('prints the Chinese table exactly as the seed does', () => {
    const text = renderText(zh);
    const expected = seedTableLines();
    for (const line of expected) assert.ok(text.includes(line), `missing line: ${line}`);
    const note = seedText()
      .split('\n')
      .find((l) => l.startsWith('^a '))!;
    assert.ok(text.includes(note.trim()));
  });

  it('keeps the seed paragraphs and footnote texts word for word, markers in order', () => {
    const text = renderText(zh);
    assert.ok(text.startsWith('专题问题\n\n23. 联合国维持和平行动\n\n在本文件所述期间'));
    assert.ok(text.includes('确保提供适足的医疗设施并部署合格人员。⁶⁴²'));
    assert.ok(text.includes('\n\n⁶⁴⁶ 见 S/2020/514。'));
    assert.deepEqual(
      zh.footnotes.map((f) => f.number),
      [639, 640, 641, 642, 643, 644, 645, 646],
    );
    assert.ok(zh.footnotes.every((f) => f.basis === 'stored' && f.lang === 'zh'));
  });

  it('renumbers footnotes from 1 in order of appearance when asked', async () => {
    const s = (await loadPublishedSection(t.store.db, 2020, 23, 'zh', 1))!;
    assert.deepEqual(
      s.footnotes.map((f) => [f.number, f.sourceNumber]),
      [639, 640, 641, 642, 643, 644, 645, 646].map((n, i) => [i + 1, n]),
    );
    assert.ok(renderText(s).includes('\n\n⁸ 见 S/2020/514。'));
  });

  it('lays out the English edition with the Repertoire columns and restated footnotes', () => {
    const text = renderText(en);
    assert.ok(
      text.includes(
        'Videoconference date\tVideoconference record\tTitle\tDecision, vote (for-against-abstaining) and record of written procedure',
      ),
    );
    assert.ok(text.includes('30 March 2020 ^a\tS/2020/268\tLetter dated 31 March 2020 from the President'));
    assert.ok(text.includes('Resolution 2518 (2020) 15-0-0 S/2020/249'));
    const byNumber = new Map(en.footnotes.map((f) => [f.number, f]));
    assert.equal(byNumber.get(640)!.text, 'Resolution 2518 (2020), para. 4.');
    assert.equal(byNumber.get(641)!.text, 'Ibid., para. 5.');
    assert.equal(byNumber.get(643)!.text, 'Ibid., paras. 10 and 12.');
    assert.equal(byNumber.get(646)!.text, 'See S/2020/514.');
    // 639 says more than its citations: it stays in Chinese, marked as such.
    assert.equal(byNumber.get(639)!.lang, 'zh');
    assert.ok(text.includes(' 15-0-0'), 'tally');
    assert.match(text, /公开视频会议 ?646/, 'English style: plain-digit marker');
    assert.equal(en.notices.length, 1);
  });

  it('renders HTML with superscript links, lang marks and escaped text', () => {
    const html = renderHtmlDocument(en);
    assert.match(
      html,
      /<sup class="fnref"><a href="#s2020-23-fn646" id="s2020-23-fnref646" aria-label="Footnote 646">646<\/a><\/sup>/,
    );
    assert.match(html, /<li id="s2020-23-fn639" value="639"><span lang="zh">/);
    assert.match(html, /<caption>Videoconferences: /);
    assert.match(html, /<th scope="col">Videoconference record<\/th>/);
    assert.match(html, /<a href="https:\/\/undocs.org\/en\/S\/2020\/514">S\/2020\/514<\/a>/);
    const zhHtml = renderHtmlDocument(zh);
    assert.match(zhHtml, /<caption>视频会议: 联合国维持和平行动<\/caption>/);
    assert.match(zhHtml, /<th scope="col">决定、表决\(赞成-反对-弃权\)和书面程序记录<\/th>/);
  });

  it('renders Markdown, JSON and CSV from the same layout', () => {
    const md = renderMarkdown(zh);
    assert.ok(md.includes('[^646]: 见 S/2020/514。'));
    assert.ok(md.includes('| 2020 年 3 月 30 日<sup>a</sup> | S/2020/268 |'));
    const json = JSON.parse(renderJson(zh)) as { footnotes: unknown[]; tables: { rows: unknown[] }[] };
    assert.equal(json.footnotes.length, 8);
    assert.equal(json.tables[0]!.rows.length, 6);
    const csv = parse(renderCsv(en), { columns: true }) as Record<string, string>[];
    assert.equal(csv.length, 6);
    assert.equal(csv[0]!.date, '2020-03-30');
    assert.match(csv[0]!.notes!, /^a: 由于技术上的困难/);
    assert.equal(csv[0]!.decision, 'Resolution 2518 (2020)');
    assert.deepEqual([csv[0]!.for, csv[0]!.against, csv[0]!.abstaining], ['15', '0', '0']);
    assert.equal(csv[0]!.written_procedure, 'S/2020/249');
    assert.equal(csv[0]!.format, 'closed_vtc');
    assert.equal(csv[3]!.decision, 'Resolution 2538 (2020)');
  });
});

describe('escaping what the record stores', () => {
  it('prints stored text as text in HTML and Markdown, never as markup', async () => {
    const t = await sqliteTestStore();
    try {
      await writeSeedFacts(t.store);
      await t.store.db
        .updateTable('meeting')
        .set({ title_en: '<script>alert("x")</script> & [link](javascript:x) | pipe' })
        .where('id', '=', 'S/2020/514')
        .execute();
      const en = (await loadPublishedSection(t.store.db, 2020, 23, 'en'))!;
      const html = renderHtmlDocument(en);
      assert.ok(!html.includes('<script>'));
      assert.ok(
        html.includes('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; [link](javascript:x) | pipe'),
      );
      const md = renderMarkdown(en);
      assert.ok(md.includes('\\<script\\>alert("x")\\</script\\> & \\[link\\](javascript:x) \\| pipe'));
    } finally {
      await t.dispose();
    }
  });
});
