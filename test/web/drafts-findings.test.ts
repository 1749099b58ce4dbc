/**
 * A draft's findings in the reader's language. The findings are those of the real seed sections (Chinese
 * and English) and of the Chinese one with real-looking faults an editor might make: a changed vote, a
 * footnote body lost, a footnote given twice, a table cell mistyped. Said in English, each finding reads
 * exactly as its message (so the codes' parameters are complete); said in Chinese, none is left in
 * English or with a placeholder unfilled.
 */
import { dateInWords } from '../../src/domain/labels.ts';
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { extractSection } from '../../src/ingest/repertoire/pipeline.ts';
import type { Finding } from '../../src/ingest/repertoire/types.ts';
import { findingText, findingWhere } from '../../src/server/web/findings.ts';
import { translator, type Lang } from '../../src/server/web/lang.ts';
import { en } from '../../src/server/web/i18n/en.ts';
import { seedText } from '../repertoire/helpers.ts';

const view = (lang: Lang) => ({ lang, t: translator(lang), url: '/' });

/** The seed's Chinese section with faults, each replacing text the seed has (checked). */
function faultyZh(): string {
  let text = seedText('zh');
  const edits: [string, string][] = [
    ['15-0-0 S/2020/851', '14-0-1 S/2020/851'],
    ['⁶⁵⁸ 同上，第12段。\n', ''],
    ['⁶⁵⁶ 第2538(2020)号决议，第2段。\n', '⁶⁵⁶ 第2538(2020)号决议，第2段。\n\n⁶⁵⁶ 同上，第3段。\n'],
    ['2020 年 6 月 4 日\tS/2020/514', '2020 年 6 月 41 日\tS/2020/514'],
    ['\tS/2020/911\t', '\tS/2020/91l\t'],
  ];
  for (const [from, to] of edits) {
    assert.ok(text.includes(from), `the seed has ${JSON.stringify(from)}`);
    text = text.replace(from, to);
  }
  return text;
}

function findings(): Finding[] {
  return [
    ...extractSection(seedText('zh'), { lang: 'zh', year: 2020 }).findings,
    ...extractSection(seedText('en'), { lang: 'en', year: 2020 }).findings,
    ...extractSection(faultyZh(), { lang: 'zh', year: 2020 }).findings,
  ];
}

/** The English words of the finding templates (three words or more between placeholders). */
const englishFragments = Object.entries(en)
  .filter(([k]) => k.startsWith('finding.'))
  .flatMap(([, value]) => value.split(/\{\w+\}/))
  .map((s) => s.trim())
  .filter((s) => /[A-Za-z]+ [A-Za-z]+ [A-Za-z]+/.test(s));

describe('findings in the reader’s language', () => {
  const all = findings();
  const codes = new Set(all.map((f) => f.code));

  test('the real sections and the faults give findings of many kinds', () => {
    for (const code of [
      'count-contradiction',
      'format-contradiction',
      'briefer-not-in-list',
      'vote-contradiction',
      'footnote-missing',
      'marker-without-body',
      'footnote-duplicate',
      'table-bad-date',
      'table-bad-symbol',
    ])
      assert.ok(codes.has(code), `${code} among ${[...codes].join(', ')}`);
  });

  test('in English each finding reads as its message (its dates in words), and where it is as given', () => {
    const v = view('en');
    for (const f of all) {
      const inWords = f.message.replace(/\b\d{4}-\d{2}-\d{2}\b/g, (d) => dateInWords(d, 'en'));
      assert.equal(findingText(v, f), inWords, f.code);
      assert.equal(findingWhere(v, f.where), f.where);
    }
  });

  test('in Chinese no finding is left in English or with a placeholder', () => {
    const v = view('zh');
    for (const f of all) {
      const text = findingText(v, f);
      assert.notEqual(text, f.message, `${f.code} is translated`);
      assert.doesNotMatch(text, /\{\w+\}/, `${f.code}: ${text}`);
      for (const fragment of englishFragments) assert.ok(!text.includes(fragment), `${f.code}: ${text}`);
      assert.doesNotMatch(findingWhere(v, f.where), /line|paragraph|footnote|table/, f.where);
    }
    const vote = all.find((f) => f.code === 'vote-contradiction')!;
    assert.match(
      findingText(v, vote),
      /^第\d+段称S\/RES\/2538 \(2020\)获一致通过，但表格记录的表决结果为14-0-1$/,
    );
  });
});
