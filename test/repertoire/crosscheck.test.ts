// Cross-checks on the real seed, on a consistent version of it (no findings at all) and on versions
// with one contradiction or defect each (exactly that finding).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { extractSection } from '../../src/ingest/repertoire/pipeline.ts';
import type { Finding } from '../../src/ingest/repertoire/types.ts';
import { seedText } from './helpers.ts';

const SEED = seedText('zh');
const codes = (fs: Finding[]) => fs.map((f) => `${f.code}@${f.where}`).sort();
const run = (text: string) => extractSection(text, { lang: 'zh' }).findings;

function edit(text: string, from: string, to: string): string {
  assert.ok(text.includes(from), `the seed no longer contains ${from}`);
  return text.replace(from, to);
}

/** The seed made consistent: the 30 March row is an open videoconference and the briefer list is complete. */
function consistent(): string {
  let t = edit(SEED, '2020 年 3 月 30 日 ^a', '2020 年 3 月 30 日');
  t = t.slice(0, t.indexOf('\n^a '));
  t = edit(
    t,
    '以下人员各通报一次：',
    '以下人员各通报一次：联合国人权事务高级专员、负责南苏丹问题秘书长特别代表兼南苏丹特派团团长、南苏丹特派团警务专员、',
  );
  return t;
}

describe('cross-checks', () => {
  it('report the seed’s real contradictions and nothing else', () => {
    const findings = run(SEED);
    assert.deepEqual(codes(findings), [
      'briefer-not-in-list@paragraph 13',
      'briefer-not-in-list@paragraph 5',
      'briefer-not-in-list@paragraph 7',
      'count-contradiction@paragraph 0',
      'format-contradiction@table row 1',
    ]);
    const format = findings.find((f) => f.code === 'format-contradiction')!;
    assert.equal(format.severity, 'error');
    assert.match(
      format.message,
      /S\/RES\/2518 \(2020\) was announced at an open videoconference.*2020-03-30.*closed videoconference/,
    );
    const count = findings.find((f) => f.code === 'count-contradiction')!;
    assert.match(
      count.message,
      /says 6 open videoconferences.*table lists 6, of which 5.*2020-03-30 was a closed videoconference/,
    );
    const missing = findings.filter((f) => f.code === 'briefer-not-in-list').map((f) => f.message);
    assert.ok(
      missing.some((m) => m.includes('High Commissioner for Human Rights') && m.includes('2020-07-07')),
    );
    assert.ok(missing.some((m) => m.includes('Head of Mission (UNMISS)')));
    assert.ok(missing.some((m) => m.includes('Police Commissioner, UNMISS') && m.includes('2020-11-04')));
  });

  it('report nothing on a consistent text', () => {
    const s = extractSection(consistent(), { lang: 'zh' });
    assert.deepEqual(s.findings, []);
    assert.equal(s.meetings[0]!.format, 'open_vtc');
  });

  it('report a wrong count of briefings in the one-line list', () => {
    const f = run(edit(consistent(), '主管和平行动副秘书长两次', '主管和平行动副秘书长三次'));
    assert.deepEqual(codes(f), ['briefer-count-contradiction@paragraph 1']);
    assert.match(
      f[0]!.message,
      /briefed 3 times, but the detailed paragraphs show 2 \(2020-06-04, 2020-09-14\)/,
    );
  });

  it('report a listed briefer the detailed paragraphs never show', () => {
    const f = run(
      edit(
        consistent(),
        '主管法治和安全机构助理秘书长、',
        '主管法治和安全机构助理秘书长、联合国驻黎巴嫩临时部队(联黎部队)部队指挥官、',
      ),
    );
    assert.deepEqual(codes(f), ['briefer-count-contradiction@paragraph 1']);
    assert.match(f[0]!.message, /UNIFIL.*no such briefing/);
  });

  it('report a narrative count that does not match the table', () => {
    assert.deepEqual(codes(run(edit(consistent(), '六次公开视频会议', '五次公开视频会议'))), [
      'count-contradiction@paragraph 0',
    ]);
  });

  it('report unanimity against a recorded vote, and a resolution missing from its row', () => {
    assert.deepEqual(codes(run(edit(consistent(), '15-0-0 S/2020/851', '13-0-2 S/2020/851'))), [
      'vote-contradiction@paragraph 9',
    ]);
    assert.deepEqual(
      codes(
        run(
          edit(
            consistent(),
            '8月28日，安理会一致通过第2538(2020)号决议',
            '8月28日，安理会一致通过第2539(2020)号决议',
          ),
        ),
      ),
      ['decision-contradiction@paragraph 9'],
    );
  });

  it('report a record letter that differs from the table', () => {
    assert.deepEqual(codes(run(edit(consistent(), '⁶⁴⁶ 见 S/2020/514。', '⁶⁴⁶ 见 S/2020/515。'))), [
      'record-contradiction@paragraph 3',
    ]);
  });

  it('report a footnote body with no marker, a marker with no body and duplicated numbers', () => {
    assert.deepEqual(codes(run(`${consistent()}\n\n⁶⁶¹ 见 S/2020/999。\n`)), [
      'body-without-marker@footnote 661',
    ]);
    assert.deepEqual(codes(run(edit(consistent(), '⁶⁴⁴ 同上，第 13 段。', ''))), [
      'footnote-missing@line 25',
      'marker-without-body@paragraph 2',
    ]);
    assert.deepEqual(codes(run(edit(consistent(), '⁶⁴⁴ 同上，第 13 段。', '⁶⁴⁵ 同上，第 13 段。'))), [
      'footnote-duplicate@line 25',
      'footnote-missing@line 23',
      'marker-without-body@paragraph 2',
    ]);
  });

  it('report an ibid. that has nothing to refer to', () => {
    assert.deepEqual(
      codes(run(edit(consistent(), '⁶⁴⁰ 第 2518(2020)号决议，第 4 段。', '⁶⁴⁰ 同上，第 4 段。'))),
      ['ibid-unresolved@footnote 640'],
    );
  });

  it('report a table row with a bad symbol, a bad date and a note letter with no note', () => {
    assert.deepEqual(codes(run(edit(consistent(), '\tS/2020/514\t', '\tS/2020/51X\t'))), [
      'table-bad-symbol@table row 2',
    ]);
    assert.deepEqual(codes(run(edit(consistent(), '15-0-0 S/2020/249', '15-0-0 S/2020/24Q'))), [
      'table-bad-symbol@table row 1',
    ]);
    assert.deepEqual(
      codes(run(edit(consistent(), '2020 年 6 月 4 日\t', '2020 年 6 月 31 日\t'))).includes(
        'table-bad-date@table row 2',
      ),
      true,
    );
    assert.deepEqual(codes(run(edit(consistent(), '2020 年 9 月 14 日\t', '2020 年 9 月 14 日 ^b\t'))), [
      'table-note-missing@table row 5',
    ]);
  });

  it('report an unknown name in a footnote listing states', () => {
    const f = run(edit(consistent(), '⁶⁵⁰ 俄罗斯联邦、南非和斯里兰卡。', '⁶⁵⁰ 俄罗斯联邦、南非和乌托邦。'));
    assert.deepEqual(codes(f), ['state-unknown@footnote 650']);
    assert.match(f[0]!.message, /乌托邦/);
  });
});

describe('table layout', () => {
  it('reads a row whose title cell wraps onto the next line', () => {
    const wrapped = SEED.replace(
      '2020 年 6 月 8 日安全理事会主席给秘书长和安全理事会成员国常驻代表的信\t',
      '2020 年 6 月 8 日安全理事会主席给秘书长和\n安全理事会成员国常驻代表的信\t',
    );
    assert.notEqual(wrapped, SEED);
    const s = extractSection(wrapped, { lang: 'zh' });
    assert.deepEqual(codes(s.findings), codes(run(SEED)));
    assert.equal(s.meetings[1]!.title, '2020年6月8日安全理事会主席给秘书长和安全理事会成员国常驻代表的信');
    assert.equal(s.meetings.length, 6);
  });
});
