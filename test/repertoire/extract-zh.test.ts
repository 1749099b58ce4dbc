// Every fact of issue 3 point 4, asserted on the real zh seed (Repertoire 2020, item 23).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { extractSection } from '../../src/ingest/repertoire/pipeline.ts';
import { toTraditional } from '../entities/traditional.ts';
import { seedText } from './helpers.ts';

const s = extractSection(seedText('zh'), { lang: 'zh' });
const fn = (n: number) => s.footnotes.find((f) => f.number === n)!;
const meeting = (date: string) => s.meetings.find((m) => m.date === date)!;

describe('Repertoire 2020 item 23 (zh seed)', () => {
  it('reads the item and infers the year from the table', () => {
    assert.deepEqual(s.item, { number: 23, title: '联合国维持和平行动', category: 'thematic' });
    assert.equal(s.year, 2020);
    assert.equal(s.lang, 'zh');
    assert.equal(s.paragraphs.length, 15);
  });

  it('has all 22 footnotes 639–660, each attached to the paragraph holding its marker', () => {
    assert.deepEqual(
      s.footnotes.map((f) => f.number),
      Array.from({ length: 22 }, (_, i) => 639 + i),
    );
    const expected: Record<number, number[]> = {
      0: [639],
      2: [640, 641, 642, 643, 644, 645],
      3: [646],
      5: [647, 648],
      8: [649, 650, 651, 652, 653, 654],
      9: [655, 656, 657, 658],
      10: [659],
      12: [660],
    };
    s.paragraphs.forEach((p, i) => assert.deepEqual(p.footnotes, expected[i] ?? [], `paragraph ${i}`));
    for (const f of s.footnotes) assert.ok(s.paragraphs[f.paragraph!]!.footnotes.includes(f.number));
    for (const p of s.paragraphs) assert.doesNotMatch(p.text, /[⁰¹²³⁴⁵⁶⁷⁸⁹]/);
  });

  it('resolves 同上 by footnote number, not by position in the text', () => {
    assert.deepEqual(fn(640).cites, [{ symbol: 'S/RES/2518 (2020)', paragraphs: [4] }]);
    assert.deepEqual(fn(641).cites, [{ symbol: 'S/RES/2518 (2020)', paragraphs: [5], ibidOf: 640 }]);
    assert.deepEqual(fn(642).cites, [{ symbol: 'S/RES/2518 (2020)', paragraphs: [9], ibidOf: 641 }]);
    assert.deepEqual(fn(643).cites, [{ symbol: 'S/RES/2518 (2020)', paragraphs: [10, 12], ibidOf: 642 }]);
    assert.deepEqual(fn(644).cites[0]!.paragraphs, [13]);
    assert.deepEqual(fn(645).cites[0]!.paragraphs, [6]);
    assert.deepEqual(fn(656).cites, [{ symbol: 'S/RES/2538 (2020)', paragraphs: [2] }]);
    assert.deepEqual(fn(657).cites, [{ symbol: 'S/RES/2538 (2020)', paragraphs: [6], ibidOf: 656 }]);
    assert.deepEqual(fn(658).cites, [{ symbol: 'S/RES/2538 (2020)', paragraphs: [12], ibidOf: 657 }]);
    assert.deepEqual(fn(655).cites, [{ symbol: 'S/RES/2538 (2020)', paragraphs: [1] }]);
    assert.deepEqual(fn(646).cites, [{ symbol: 'S/2020/514' }]);
    assert.deepEqual(fn(647).cites, [{ symbol: 'S/2020/604', date: '2020-06-26' }]);
    assert.deepEqual(fn(639).cites, []);
  });

  it('turns every footnote listing states into ISO3 codes', () => {
    assert.deepEqual(fn(649).states, [
      'CHN',
      'EST',
      'FRA',
      'VNM',
      'BRA',
      'CAN',
      'CRI',
      'ECU',
      'IND',
      'IRL',
      'LIE',
      'NPL',
      'PER',
    ]);
    assert.deepEqual(fn(650).states, ['RUS', 'ZAF', 'LKA']);
    assert.deepEqual(fn(651).states, ['CHN', 'RUS']);
    assert.deepEqual(fn(652).states, ['CHN', 'VCT', 'IND']);
    assert.deepEqual(fn(653).states, ['CHN', 'RUS', 'VCT', 'VNM']);
    assert.deepEqual(fn(654).states, ['IDN', 'GBR', 'FRA', 'TUN', 'MAR']);
    for (const n of [639, 640, 646, 647, 655, 660]) assert.deepEqual(fn(n).states, [], `footnote ${n}`);
  });

  it('has the six videoconferences with records, letter dates and formats', () => {
    assert.deepEqual(
      s.meetings.map((m) => [m.date, m.record, m.letterDate, m.format]),
      [
        ['2020-03-30', 'S/2020/268', '2020-03-31', 'closed_vtc'],
        ['2020-06-04', 'S/2020/514', '2020-06-08', 'open_vtc'],
        ['2020-07-07', 'S/2020/674', '2020-07-09', 'open_vtc'],
        ['2020-08-28', 'S/2020/856', '2020-08-28', 'open_vtc'],
        ['2020-09-14', 'S/2020/911', '2020-09-16', 'open_vtc'],
        ['2020-11-04', 'S/2020/1092', '2020-11-06', 'open_vtc'],
      ],
    );
    assert.equal(
      meeting('2020-03-30').title,
      '2020年3月31日安全理事会主席给秘书长和安全理事会成员国常驻代表的信',
    );
  });

  it('has both resolutions 15-0-0 with their written-procedure letters', () => {
    assert.deepEqual(meeting('2020-03-30').decisions, [
      { symbol: 'S/RES/2518 (2020)', for: 15, against: 0, abstaining: 0, writtenProcedure: 'S/2020/249' },
    ]);
    assert.deepEqual(meeting('2020-08-28').decisions, [
      { symbol: 'S/RES/2538 (2020)', for: 15, against: 0, abstaining: 0, writtenProcedure: 'S/2020/851' },
    ]);
    for (const d of ['2020-06-04', '2020-07-07', '2020-09-14', '2020-11-04'])
      assert.deepEqual(meeting(d).decisions, []);
  });

  it('applies the lettered note ^a to the 30 March row and makes that meeting closed', () => {
    const m = meeting('2020-03-30');
    assert.equal(m.format, 'closed_vtc');
    assert.equal(m.notes.length, 1);
    assert.match(m.notes[0]!, /^由于技术上的困难，没有举行公开视频会议.*而是举行了非公开视频会议/);
    for (const other of s.meetings.filter((x) => x !== m)) assert.deepEqual(other.notes, []);
  });

  it('takes every briefer of each videoconference from the narrative, with office and mission', () => {
    const briefers = (d: string) => meeting(d).briefers.map((b) => [b.office, b.mission, b.state, b.kind]);
    assert.deepEqual(briefers('2020-03-30'), []);
    assert.deepEqual(briefers('2020-06-04'), [
      ['usg-peace-operations', null, null, 'official'],
      ['force-commander', 'MINUSMA', null, 'official'],
      ['force-commander', 'UNMISS', null, 'official'],
      ['deputy-force-commander', 'UNDOF', null, 'official'],
    ]);
    assert.deepEqual(briefers('2020-07-07'), [
      ['high-commissioner-human-rights', null, null, 'official'],
      ['srsg-head-of-mission', 'UNMISS', null, 'official'],
      ['civil-society-representative', null, 'COD', 'civil_society'],
    ]);
    assert.equal(meeting('2020-07-07').briefers[2]!.role, '“荷花”集团主席兼国际人权联合会名誉副主席');
    assert.equal(meeting('2020-07-07').briefers[1]!.role, '负责南苏丹问题秘书长特别代表兼南苏丹特派团团长');
    assert.deepEqual(briefers('2020-08-28'), []);
    assert.deepEqual(briefers('2020-09-14'), [['usg-peace-operations', null, null, 'official']]);
    assert.deepEqual(briefers('2020-11-04'), [
      ['asg-rule-of-law-security-institutions', null, null, 'official'],
      ['police-commissioner', 'BINUH', null, 'official'],
      ['police-commissioner', 'UNMISS', null, 'official'],
      ['police-commissioner', 'MINUSCA', null, 'official'],
      ['police-commissioner', 'MINUSMA', null, 'official'],
    ]);
    assert.equal(meeting('2020-06-04').briefers[1]!.roleEn, 'Force Commander, MINUSMA');
  });

  it('has the 7 July initiative (Germany) and chair (the Federal Minister of Defence)', () => {
    const m = meeting('2020-07-07');
    assert.equal(m.initiative, 'DEU');
    assert.equal(m.chair, '德国联邦国防部长');
    assert.equal(m.chairEn, 'Federal Minister of Defence of Germany');
    assert.equal(m.topic, '和平行动与人权');
    for (const other of s.meetings.filter((x) => x !== m)) assert.equal(other.initiative, null);
  });

  it('attributes positions to the states of the footnotes and the representatives named', () => {
    const byFootnote = new Map(s.positions.map((p) => [p.footnote, p]));
    assert.equal(
      byFootnote.get(649)!.text,
      '一些发言还着重指出，必须防止维和人员侵犯人权，包括实施性剥削和性虐待，并确保追究维和人员这方面的责任。',
    );
    assert.deepEqual(byFootnote.get(651)!.states, ['CHN', 'RUS']);
    assert.match(byFootnote.get(651)!.text, /^中国和俄罗斯联邦代表强调指出/);
    assert.equal(
      byFootnote.get(652)!.text,
      '一些安理会成员还认为，应根据具体情况履行人权授权，要考虑到国家和任务的具体状况以及当地的习俗和价值观。',
    );
    for (const n of [649, 650, 651, 652, 653, 654]) {
      assert.deepEqual(byFootnote.get(n)!.states, fn(n).states);
      assert.equal(byFootnote.get(n)!.meeting, '2020-07-07');
    }
    const tunisia = s.positions.find((p) => p.footnote === null)!;
    assert.deepEqual(tunisia.states, ['TUN']);
    assert.equal(tunisia.meeting, '2020-11-04');
    assert.equal(s.positions.length, 7);
  });

  it('joins sentences cut by page breaks and no real paragraph end', () => {
    const all = s.paragraphs.map((p) => p.text);
    for (const joined of [
      '确保提供适足的医疗设施',
      '核心优先事项，同时',
      '以及当地的习俗',
      '与和平协议',
      '局势、支持选举',
    ]) {
      assert.ok(
        all.some((t) => t.includes(joined)),
        joined,
      );
    }
    for (const p of all) assert.match(p, /[。]$/);
    assert.ok(all[3]!.endsWith('具体目标。') && all[4]!.startsWith('马里稳定团和南苏丹特派团'));
    assert.ok(all[12]!.endsWith('零容忍政策。') && all[13]!.startsWith('联海综合办警务专员'));
  });

  it('reads the same facts from the seed in traditional characters', () => {
    const t = extractSection(toTraditional(seedText('zh')), { lang: 'zh' });
    const facts = (x: typeof s) => ({
      footnotes: x.footnotes.map((f) => [f.number, f.paragraph, f.cites, f.states]),
      meetings: x.meetings.map((m) => [
        m.date,
        m.format,
        m.record,
        m.letterDate,
        m.decisions,
        m.initiative,
        m.briefers.map((b) => [b.office, b.mission, b.state]),
      ]),
      positions: x.positions.map((p) => [p.states, p.footnote, p.meeting]),
      findings: x.findings.map((f) => [f.code, f.where]),
    });
    assert.deepEqual(facts(t), facts(s));
    assert.equal(t.item.title, '联合国维持和平行动');
  });
});
