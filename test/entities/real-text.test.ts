/**
 * The entity layer on real text it was not written for. Each excerpt below is copied by hand, short, from
 * the public UN document or page named beside it; the shared verbatim records are read with pdftotext at
 * test time. Every expected value was checked against the source.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CORPUS_DIR } from '../../src/config/paths.ts';
import { extractEntities, scanDates, scanVotes } from '../../src/ingest/entities/index.ts';
import { extractSection } from '../../src/ingest/repertoire/pipeline.ts';
import { pdfText } from '../support/pdf-text.ts';
import { toTraditional } from './traditional.ts';

const SEED = readFileSync(join(CORPUS_DIR, 'zh', 'repertoire-2020-part1-item23-peacekeeping.txt'), 'utf8');
const symbols = (text: string) => extractEntities(text).symbols;

describe('lists of resolutions', () => {
  it('reads every item of a zh list, simplified or traditional, with 第 before each or not, run together', () => {
    // zh.wikisource.org, 联合国安理会第2216号决议 (traditional page), preamble.
    const r2216 =
      '回顧第2014(2011)、第2051(2012)、第2140(2014)、第2201(2015)和第2204(2015)號決議和安理會主席';
    // zh.wikisource.org, 联合国安理会第2504号决议 (zh-hant), preamble: the list run together, no separator.
    const r2504 =
      '回顧2042(2012)2043(2012)2118(2013)2139(2014)2165(2014)2175(2014)2191(2014)2209(2015)2235(2015)2254(2015)2258(2015)2268(2016)2286(2016)2332(2016)2336(2016)2393(2017)2401(2018)2449(2018)號決議,以及2011年8月3日(S/PRST/2011/16)';
    // zh.wikisource.org, 联合国安理会第2268号决议 (zh-hans), preamble (first items).
    const r2268 = '回顾其第2042(2012)、第2043(2012)、第2118(2013)和第2258(2015)号决议以及';
    assert.deepEqual(symbols(r2216), [
      'S/RES/2014 (2011)',
      'S/RES/2051 (2012)',
      'S/RES/2140 (2014)',
      'S/RES/2201 (2015)',
      'S/RES/2204 (2015)',
    ]);
    const e2504 = extractEntities(r2504);
    assert.equal(e2504.resolutions.length, 18);
    assert.deepEqual(e2504.resolutions[0], { number: 2042, year: 2012, paragraphs: [] });
    assert.deepEqual(e2504.resolutions.at(-1), { number: 2449, year: 2018, paragraphs: [] });
    assert.ok(e2504.symbols.includes('S/PRST/2011/16'));
    assert.deepEqual(symbols(r2268), [
      'S/RES/2042 (2012)',
      'S/RES/2043 (2012)',
      'S/RES/2118 (2013)',
      'S/RES/2258 (2015)',
    ]);
    // The same lists in the other script read the same.
    assert.deepEqual(symbols(toTraditional(r2268)), symbols(r2268));
    // The two forms: 、…和 and 号和第…号.
    assert.deepEqual(symbols('第2505(2020)号和第2534(2020)号决议'), [
      'S/RES/2505 (2020)',
      'S/RES/2534 (2020)',
    ]);
  });

  it('reads an English list and the paragraphs cited of each item', () => {
    // S/PV.8694 (19 December 2019), agenda: "Report of the Secretary-General on the implementation of
    // Security Council resolutions 2139 (2014), 2165 (2014), … and 2449 (2018)".
    const agenda =
      'implementation of Security Council resolutions 2139 (2014), 2165 (2014), 2191 (2014), 2258 (2015), 2332 (2016), 2393 (2017), 2401 (2018) and 2449 (2018) (S/2019/949)';
    assert.deepEqual(
      extractEntities(agenda).resolutions.map((r) => `${r.number} (${r.year})`),
      [
        '2139 (2014)',
        '2165 (2014)',
        '2191 (2014)',
        '2258 (2015)',
        '2332 (2016)',
        '2393 (2017)',
        '2401 (2018)',
        '2449 (2018)',
      ],
    );
    assert.deepEqual(
      extractEntities('resolutions 2216 (2015), para. 3, and 2140 (2014), para. 5').resolutions,
      [
        { number: 2216, year: 2015, paragraphs: [3] },
        { number: 2140, year: 2014, paragraphs: [5] },
      ],
    );
    assert.deepEqual(extractEntities('resolution 2518 (2020), paras. 10 and 12').resolutions, [
      { number: 2518, year: 2020, paragraphs: [10, 12] },
    ]);
  });

  it('leaves other organs’ resolutions out', () => {
    // zh.wikisource.org, 第2504号决议: 回顧大會第46/182號決議.
    assert.deepEqual(extractEntities('回顧大會第46/182號決議規定的人道主義緊急援助指導原則').resolutions, []);
    assert.deepEqual(
      extractEntities('a reference to General Assembly resolution 46/182 and resolution 377 (V)').resolutions,
      [],
    );
  });
});

describe('references without a year', () => {
  it('reports them year-less rather than dropping them, and takes the year from the text when it gives it', () => {
    // Xinhua, 30 March 2020 (news.cn c_1125793292, traditional page): 這份第2518號決議涉及培訓.
    const xinhua =
      '新華社聯合國3月30日電 聯合國安理會30日以15票贊成的表決結果一致通過首個關於維和人員安全問題的決議。這份第2518號決議涉及培訓、醫療';
    const e = extractEntities(xinhua);
    assert.deepEqual(e.resolutions, [{ number: 2518, year: null, paragraphs: [] }]);
    assert.deepEqual(e.symbols, []);
    assert.deepEqual(e.votes, [{ for: 15, against: 0, abstaining: 0 }]);
    const withYear = extractEntities(`${xinhua}。安理會第2518(2020)號決議`);
    assert.deepEqual(withYear.resolutions, [{ number: 2518, year: 2020, paragraphs: [] }]);
    assert.deepEqual(
      extractEntities('as called for in resolution 2518, and resolution 2518 (2020) itself').resolutions,
      [{ number: 2518, year: 2020, paragraphs: [] }],
    );
  });

  it('takes the year from the record when the caller knows it', () => {
    const record = new Map([[2504, 2020]]);
    const e = extractEntities('今年1月10日，安理会通过第2504号决议。', {
      resolutionYears: (n) => record.get(n),
    });
    assert.deepEqual(e.resolutions, [{ number: 2504, year: 2020, paragraphs: [], yearFrom: 'record' }]);
    assert.deepEqual(e.symbols, ['S/RES/2504 (2020)']);
  });
});

describe('votes with the members named', () => {
  it('reads each part, its count and its members, in whatever order the press release writes them', () => {
    // SC/14244, 8 July 2020.
    const sc14244 =
      'The vote was 4 in favour (China, Russian Federation, South Africa, Viet Nam) to 7 against (Belgium, Dominican Republic, Estonia, France, Germany, United Kingdom, United States), with 4 abstentions (Indonesia, Niger, Saint Vincent and the Grenadines, Tunisia).';
    const [v] = scanVotes(sc14244, 'en');
    assert.deepEqual([v!.for, v!.against, v!.abstaining], [4, 7, 4]);
    const byVote = (vote: string) => v!.members!.filter((m) => m.vote === vote).map((m) => m.state);
    assert.deepEqual(byVote('Y'), ['CHN', 'RUS', 'ZAF', 'VNM']);
    assert.deepEqual(byVote('N'), ['BEL', 'DOM', 'EST', 'FRA', 'DEU', 'GBR', 'USA']);
    assert.deepEqual(byVote('A'), ['IDN', 'NER', 'VCT', 'TUN']);
    // SC/13956, 19 September 2019: "against" first.
    const sc13956 =
      'was defeated by 9 votes against (Belgium, Dominican Republic, France, Germany, Kuwait, Peru, Poland, United Kingdom, United States) to 2 votes in favour (China, Russian Federation), with 4 abstentions (Côte d’Ivoire, Equatorial Guinea, Indonesia, South Africa).';
    const [w] = scanVotes(sc13956, 'en');
    assert.deepEqual([w!.for, w!.against, w!.abstaining, w!.members!.length], [2, 9, 4, 15]);
    // Same release: "12 affirmative votes, 2 negative votes (China, Russian Federation) and 1 abstention".
    assert.deepEqual(
      scanVotes(
        'received 12 affirmative votes, 2 negative votes (China, Russian Federation) and 1 abstention (Equatorial Guinea).',
        'en',
      ),
      [
        {
          for: 12,
          against: 2,
          abstaining: 1,
          members: [
            { state: 'CHN', vote: 'N' },
            { state: 'RUS', vote: 'N' },
            { state: 'GNQ', vote: 'A' },
          ],
        },
      ],
    );
  });

  it('reads the zh form with the abstaining members in brackets', () => {
    // zh.wikisource.org, 第2504号决议 (zh-hant): 第8700次會議以11票贊成,0票反對,4票棄權(…)通過.
    const [v] = extractEntities(
      '第8700次會議以11票贊成,0票反對,4票棄權(中國、俄羅斯聯邦、大不列顛及北愛爾蘭聯合王國、美利堅合眾國)通過',
    ).votes;
    assert.deepEqual(v, {
      for: 11,
      against: 0,
      abstaining: 4,
      members: ['CHN', 'RUS', 'GBR', 'USA'].map((state) => ({ state, vote: 'A' })),
    });
  });

  it('reads zh tallies glued by 和 and written against first', () => {
    // A Xinhua report of the 8 October 2016 votes on Syria (traditional characters), as copied at
    // 49.213.0.198/doc/70_1850_104418915_2_1010083532.html.
    assert.deepEqual(scanVotes('法國和西班牙的草案獲得11票贊成,2票反對和2票棄權。', 'zh'), [
      { for: 11, against: 2, abstaining: 2 },
    ]);
    assert.deepEqual(scanVotes('俄羅斯的草案獲得9票反對,4票贊成,2票棄權,也沒有通過。', 'zh'), [
      { for: 4, against: 9, abstaining: 2 },
    ]);
  });

  it('a list that does not name as many members as its count gives no member votes', () => {
    const [v] = scanVotes('4 in favour (China, Russian Federation) to 11 against', 'en');
    assert.deepEqual(v, { for: 4, against: 11, abstaining: 0 });
  });

  it('reads the verbatim record’s lists of S/PV.8701, names cut by line breaks, and no false Ireland', () => {
    const e = extractEntities(pdfText('S-PV.8701.pdf'));
    assert.deepEqual(e.votes.length, 1);
    const [v] = e.votes;
    assert.deepEqual([v!.for, v!.against, v!.abstaining], [15, 0, 0]);
    assert.deepEqual(
      v!.members!.map((m) => m.state),
      [
        'BEL',
        'CHN',
        'DOM',
        'EST',
        'FRA',
        'DEU',
        'IDN',
        'NER',
        'RUS',
        'VCT',
        'ZAF',
        'TUN',
        'GBR',
        'USA',
        'VNM',
      ],
    );
    assert.ok(v!.members!.every((m) => m.vote === 'Y'));
    assert.ok(!e.states.includes('IRL'), e.states.join());
    assert.deepEqual(e.resolutions, [{ number: 2505, year: 2020, paragraphs: [] }]);
    assert.equal(e.documentDate, '2020-01-13');
  });
});

describe('names cut by a line break', () => {
  it('reads a state or mission name over a line break in en and zh', () => {
    assert.deepEqual(
      extractEntities('United Kingdom of Great\n    Britain and Northern Ireland, United States of\nAmerica')
        .states,
      ['GBR', 'USA'],
    );
    assert.deepEqual(extractEntities('大不列颠及北爱尔\n兰联合王国代表').states, ['GBR']);
    // S/PV.8699 (Resumption 1): "the United Nations Assistance Mission for↵Iraq (UNAMI)".
    const text = pdfText('S-PV.8699_Resumption1.pdf');
    assert.ok(extractEntities(text).missions.includes('UNAMI'));
  });
});

describe('dates anchored on the document’s own date', () => {
  it('gives every day written together and never dates a past event after the document', () => {
    // SC/14244 (8 July 2020), its head and first lines.
    const release =
      '8 July 2020\nSC/14244\nThe Security Council failed on 7 and 8 July to adopt draft resolutions … the Bab al-Salam and Bab al-Hawa border crossing until 10 July 2021, was not adopted … Then, during an 8 July videoconference meeting, it announced that a second draft (document S/2020/658) …';
    const e = extractEntities(release);
    assert.equal(e.documentDate, '2020-07-08');
    assert.deepEqual(e.dates, ['2020-07-08', '2020-07-07', '2021-07-10']);
    assert.deepEqual(scanDates('on 19 and 20 December 2019', 'en'), ['2019-12-19', '2019-12-20']);
    assert.deepEqual(scanDates('2019年12月19日和20日', 'zh'), ['2019-12-19', '2019-12-20']);
    assert.deepEqual(scanDates('2020年7月7日至8日', 'zh'), ['2020-07-07', '2020-07-08']);
  });

  it('dates "since 14 November" in a record of 10 January 2020 in 2019 (the issue’s example)', () => {
    const record = 'Friday, 10 January 2020, 10 a.m.\nThe situation has worsened since 14 November.';
    assert.deepEqual(extractEntities(record).dates, ['2020-01-10', '2019-11-14']);
    // Given by the caller (council entities --date) rather than read from the head.
    assert.deepEqual(scanDates('since 14 November', 'en', { documentDate: '2020-01-10' }), ['2019-11-14']);
  });

  it('reads a news agency’s dates ("Jan. 8", "Dec. 20, 2019") and keeps a date to come after the item', () => {
    // Xinhua, 8 January 2020 (as copied at yy.chazidian.com/show-286823).
    const xinhua =
      'UNITED NATIONS, Jan. 8 -- The United Nations on Wednesday asked for the re-authorization of a cross-border aid mechanism for Syrians.\nThe Security Council failed to renew the mechanism on Dec. 20, 2019.\nThe cross-border humanitarian operations carried out by the United Nations will close by Jan. 10 if there is no re-authorization by the Security Council.\nThe Security Council voted on two competing draft resolutions on the cross-border aid mechanism on Dec. 20, but failed to adopt either of them.';
    const e = extractEntities(xinhua, { year: 2020 });
    assert.equal(e.documentDate, '2020-01-08');
    assert.deepEqual(e.dates, ['2020-01-08', '2019-12-20', '2020-01-10']);
    // Without the year the dateline dates nothing, and nothing is made up.
    assert.ok(!extractEntities(xinhua).dates.includes('2020-01-08'));
  });

  it('reads relative Chinese dates from the news item’s own date', () => {
    const news =
      '新华社联合国2020年1月11日电 今年1月10日，安理会通过第2504号决议。2019年的会议……去年12月20日，俄罗斯和中国否决了决议草案。';
    assert.deepEqual(extractEntities(news).dates, ['2020-01-11', '2020-01-10', '2019-12-20']);
  });

  it('on the shared verbatim records, a date after the record’s own is one to come', () => {
    // S/PV.8707 (29 January 2020): "since 14 January"; S/PV.8706: "On 4 and 5 January".
    const e8706 = extractEntities(pdfText('S-PV.8706.pdf'));
    assert.ok(e8706.dates.includes('2020-01-04') && e8706.dates.includes('2020-01-05'));
    for (const name of [
      'S-PV.8698.pdf',
      'S-PV.8699.pdf',
      'S-PV.8703.pdf',
      'S-PV.8706.pdf',
      'S-PV.8707.pdf',
    ]) {
      const text = pdfText(name);
      const e = extractEntities(text);
      const late = e.dates.filter((d) => d > e.documentDate!);
      // What is left after the record's date is written as a plan or deadline in the record.
      for (const d of late)
        assert.ok(['2020-01-21', '2020-06-29', '2021-12-31'].includes(d), `${name}: ${d}`);
    }
  });
});

describe('missions in their other official forms', () => {
  it('reads UNMHA in each spelling of its name', () => {
    // SC/14250 (14 July 2020) and SC/14580 (14 July 2021).
    assert.deepEqual(
      extractEntities(
        'renewed the mandate of the United Nations Mission to Support the Hudaydah Agreement until 15 July 2021',
      ).missions,
      ['UNMHA'],
    );
    assert.deepEqual(
      extractEntities(
        'the mandate of the United Nations Mission to support the Hudaydah Agreement established on 16 January 2019',
      ).missions,
      ['UNMHA'],
    );
    // lokmattimes.com (IANS, 11 July 2023): "the UN Mission to Support the Hodeidah Agreement (UNMHA)".
    assert.deepEqual(
      extractEntities(
        'to extend the mandate of the UN Mission to Support the Hodeidah Agreement for another year',
      ).missions,
      ['UNMHA'],
    );
  });
});

describe('resolution texts', () => {
  it('an operative paragraph is not an agenda item heading', () => {
    // zh.wikisource.org, 第2504号决议, first operative paragraph.
    const text =
      '安全理事會,\n\n1. 促請所有各方確保2020年對敘利亞開展恪守原則、持續不斷且有所改善的人道主義援助;\n';
    const section = extractSection(text, { lang: 'zh', year: 2020 });
    assert.equal(section.item.number, 0);
    assert.ok(section.findings.some((f) => f.code === 'item-missing'));
  });
});

describe('the seed', () => {
  it('keeps its facts', () => {
    const e = extractEntities(SEED, { year: 2020 });
    assert.equal(e.documentDate, null);
    assert.deepEqual(e.votes, [{ for: 15, against: 0, abstaining: 0 }]);
    assert.deepEqual(e.resolutions.slice(0, 2), [
      { number: 2518, year: 2020, paragraphs: [4] },
      { number: 2538, year: 2020, paragraphs: [1, 2] },
    ]);
  });
});
