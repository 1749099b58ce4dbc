import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { toTraditional } from './traditional.ts';
import { CORPUS_DIR } from '../../src/config/paths.ts';
import { extractEntities, scanDates, scanVotes, scanResolutions } from '../../src/ingest/entities/index.ts';

const SEED = readFileSync(join(CORPUS_DIR, 'zh', 'repertoire-2020-part1-item23-peacekeeping.txt'), 'utf8');

describe('dates', () => {
  it('reads Chinese dates with and without the year, taking the year from context', () => {
    assert.deepEqual(scanDates('2020 年 6 月 26 日的信', 'zh'), ['2020-06-26']);
    assert.deepEqual(scanDates('3 月 30 日，安理会', 'zh', { year: 2020 }), ['2020-03-30']);
    assert.deepEqual(scanDates('2019年12月5日……3月30日', 'zh'), ['2019-12-05', '2019-03-30']);
    assert.deepEqual(scanDates('二〇二〇年三月三十日', 'zh'), ['2020-03-30']);
    assert.deepEqual(scanDates('3 月 30 日', 'zh'), [], 'no year anywhere: not a date');
  });
  it('reads English and numeric dates', () => {
    assert.deepEqual(scanDates('on Tuesday, 21 July 2020, and on 30/03/2020 and July 9, 2020', 'en'), [
      '2020-07-21',
      '2020-03-30',
      '2020-07-09',
    ]);
    assert.deepEqual(scanDates('In 2020, on 4 June the Council', 'en'), ['2020-06-04']);
  });
  it('rejects impossible dates', () => {
    assert.deepEqual(
      scanDates('2020年2月30日 2021年2月29日 2020年13月1日 31/04/2020 30 February 2020', 'zh'),
      [],
    );
    assert.deepEqual(scanDates('2020年2月29日', 'zh'), ['2020-02-29']);
  });
});

describe('votes', () => {
  it('reads every written form of a tally', () => {
    assert.deepEqual(scanVotes('第 2518(2020)号决议 15-0-0 S/2020/249', 'zh'), [
      { for: 15, against: 0, abstaining: 0 },
    ]);
    assert.deepEqual(scanVotes('以15票赞成获得通过', 'zh'), [{ for: 15, against: 0, abstaining: 0 }]);
    assert.deepEqual(scanVotes('以11票赞成,0票反对,4票弃权', 'zh'), [{ for: 11, against: 0, abstaining: 4 }]);
    assert.deepEqual(scanVotes('以十三票赞成、两票弃权', 'zh'), [{ for: 13, against: 0, abstaining: 2 }]);
    assert.deepEqual(scanVotes('adopted by 13 votes in favour, 2 against', 'en'), [
      { for: 13, against: 2, abstaining: 0 },
    ]);
    assert.deepEqual(scanVotes('12 votes in favour to 2 against, with 1 abstention', 'en'), [
      { for: 12, against: 2, abstaining: 1 },
    ]);
  });
  it('does not read dates or symbols as votes', () => {
    assert.deepEqual(scanVotes('2020-03-30 S/2020/249 COVID-19 1-2-30', 'en'), []);
  });
});

describe('resolutions with paragraphs', () => {
  it('reads zh and en references and their paragraph lists', () => {
    assert.deepEqual(scanResolutions('第 2518(2020)号决议，第 4 段。第2518（2020）号决议第10和12段', 'zh'), [
      { number: 2518, year: 2020, paragraphs: [4, 10, 12] },
    ]);
    assert.deepEqual(
      scanResolutions('Resolution 2518 (2020), paras. 10 and 12; resolution 2538 (2020), para. 1.', 'en'),
      [
        { number: 2518, year: 2020, paragraphs: [10, 12] },
        { number: 2538, year: 2020, paragraphs: [1] },
      ],
    );
  });
});

describe('extractEntities', () => {
  it('lists the seed’s entities de-duplicated in order of first appearance', () => {
    const e = extractEntities(SEED, { year: 2020 });
    assert.equal(e.lang, 'zh');
    assert.deepEqual(e.resolutions[0], { number: 2518, year: 2020, paragraphs: [4] });
    assert.deepEqual(e.symbols.slice(0, 3), ['S/RES/2518 (2020)', 'S/RES/2538 (2020)', 'S/2020/514']);
    for (const s of ['S/2020/268', 'S/2020/249', 'S/2020/851', 'S/2020/1092', 'S/2020/604'])
      assert.ok(e.symbols.includes(s), s);
    assert.equal(e.dates[0], '2020-03-30');
    for (const d of [
      '2020-06-04',
      '2020-07-07',
      '2020-08-28',
      '2020-09-14',
      '2020-11-04',
      '2020-06-26',
      '2020-03-31',
    ]) {
      assert.ok(e.dates.includes(d), d);
    }
    assert.deepEqual(e.missions, ['MINUSMA', 'UNMISS', 'UNDOF', 'BINUH', 'MINUSCA', 'MONUSCO']);
    for (const s of ['CHN', 'EST', 'VNM', 'LIE', 'VCT', 'TUN', 'DEU', 'COD'])
      assert.ok(e.states.includes(s), s);
    assert.ok(!e.states.includes('SSD') || e.states.indexOf('SSD') > 0);
    assert.deepEqual(e.votes, [{ for: 15, against: 0, abstaining: 0 }]);
  });
  it('reads traditional Chinese the same as simplified', () => {
    const simplified = extractEntities(SEED, { year: 2020 });
    const traditional = extractEntities(toTraditional(SEED), { year: 2020 });
    assert.deepEqual(traditional, simplified);
  });
  it('reads an English press text', () => {
    const e = extractEntities(
      'On Tuesday, 21 July 2020, the Security Council adopted resolution 2532 (2020), para. 1, by 13 votes in favour, 2 against. ' +
        'China, France and Saint Vincent and the Grenadines spoke; the MINUSMA Force Commander briefed (see S/2020/674).',
    );
    assert.equal(e.lang, 'en');
    assert.deepEqual(e.symbols, ['S/RES/2532 (2020)', 'S/2020/674']);
    assert.deepEqual(e.resolutions, [{ number: 2532, year: 2020, paragraphs: [1] }]);
    assert.deepEqual(e.dates, ['2020-07-21']);
    assert.deepEqual(e.states, ['CHN', 'FRA', 'VCT']);
    assert.deepEqual(e.missions, ['MINUSMA']);
    assert.deepEqual(e.votes, [{ for: 13, against: 2, abstaining: 0 }]);
  });
});
