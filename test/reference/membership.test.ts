import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  PERMANENT_MEMBERS,
  checkDate,
  isMemberOn,
  isPermanent,
  membersOn,
  permanentOn,
  termsOf,
  validateTerms,
  type Term,
} from '../../src/domain/membership.ts';
import { displayNameOn, getState } from '../../src/domain/states.ts';

const sorted = (list: string[]) => [...list].sort();

test('members on 2020-03-30 (the day resolution 2518 (2020) was adopted)', () => {
  assert.deepEqual(
    membersOn('2020-03-30'),
    sorted([
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
    ]),
  );
});

test('members in 2025 and 2026, beyond the shared 1992-2024 file', () => {
  const p5 = [...PERMANENT_MEMBERS];
  assert.deepEqual(
    membersOn('2025-06-01'),
    sorted([...p5, 'DZA', 'GUY', 'KOR', 'SLE', 'SVN', 'DNK', 'GRC', 'PAK', 'PAN', 'SOM']),
  );
  assert.deepEqual(
    membersOn('2026-06-01'),
    sorted([...p5, 'DNK', 'GRC', 'PAK', 'PAN', 'SOM', 'BHR', 'COL', 'COD', 'LVA', 'LBR']),
  );
  assert.deepEqual(
    membersOn('2024-12-31'),
    sorted([...p5, 'DZA', 'GUY', 'KOR', 'SLE', 'SVN', 'ECU', 'JPN', 'MLT', 'MOZ', 'CHE']),
  );
});

test('every year 1992-2026 has fifteen members, all known states', () => {
  for (let year = 1992; year <= 2026; year++) {
    for (const day of [`${year}-01-01`, `${year}-07-01`, `${year}-12-31`]) {
      const members = membersOn(day);
      assert.equal(members.length, 15, day);
      for (const iso3 of members) assert.ok(getState(iso3), `${iso3} on ${day}`);
    }
  }
});

test('every 1 July since 1946: 11 members to 1965, 15 from 1966, all known states', () => {
  for (let year = 1946; year <= 2026; year++) {
    const members = membersOn(`${year}-07-01`);
    assert.equal(members.length, year < 1966 ? 11 : 15, `${year}-07-01`);
    for (const iso3 of members) assert.ok(getState(iso3), `${iso3} in ${year}`);
  }
  // The Council of resolution 83 (1950), 27 June 1950.
  assert.deepEqual(membersOn('1950-06-27'), [
    'CHN',
    'CUB',
    'ECU',
    'EGY',
    'FRA',
    'GBR',
    'IND',
    'NOR',
    'SUN',
    'USA',
    'YUG',
  ]);
});

test('the 1946–1991 terms keep their citations, and which rest on one source', () => {
  const terms = ['NOR', 'YUG', 'BFA', 'ZAR'].flatMap(termsOf).filter((t) => t.start < '1992-01-01');
  for (const t of terms) {
    assert.match(t.source, /council_membership_1946_1991\.csv:\d+/);
    assert.match(t.evidence ?? '', /https?:\/\//, `${t.iso3} ${t.start} cites its sources`);
  }
  // Norway 1963–1964 is marked "[ONLY 1 SOURCE FOUND]" in the file; 1949–1950 is not.
  assert.equal(termsOf('NOR').find((t) => t.start === '1963-01-01')?.singleSource, true);
  assert.equal(termsOf('NOR').find((t) => t.start === '1949-01-01')?.singleSource, undefined);
});

test('correction: India, not Côte d’Ivoire, served in 1992', () => {
  assert.ok(isMemberOn('IND', '1992-07-01'));
  assert.ok(!isMemberOn('CIV', '1992-07-01'));
  // Côte d'Ivoire sat 1964–1965 and 1990–1991 (the 1946–1991 file) and 2018–2019.
  assert.deepEqual(
    termsOf('CIV').map((t) => [t.start, t.end]),
    [
      ['1964-01-01', '1965-12-31'],
      ['1990-01-01', '1991-12-31'],
      ['2018-01-01', '2019-12-31'],
    ],
  );
  // India's 1991–1992 term is in our correction and in the 1946–1991 file: one term, both sources.
  const india = termsOf('IND').find((t) => t.start === '1991-01-01')!;
  assert.match(india.source, /membership_additions\.csv:\d+ ; council_membership_1946_1991\.csv:\d+/);
});

test('permanent seats and the USSR → Russian Federation succession', () => {
  assert.deepEqual([...PERMANENT_MEMBERS], ['CHN', 'FRA', 'GBR', 'RUS', 'USA']);
  for (const iso3 of PERMANENT_MEMBERS) assert.ok(isPermanent(iso3), iso3);
  assert.ok(!isPermanent('DEU'));
  assert.ok(isMemberOn('SUN', '1960-05-01'));
  assert.ok(isMemberOn('SUN', '1991-12-23'));
  assert.ok(!isMemberOn('SUN', '1991-12-24'));
  assert.ok(!isMemberOn('SUN', '1992-01-01'));
  assert.ok(isMemberOn('RUS', '1991-12-24'));
  assert.ok(!isMemberOn('RUS', '1991-12-23'));
  assert.deepEqual(permanentOn('1950-06-27'), ['CHN', 'FRA', 'GBR', 'SUN', 'USA']);
  assert.deepEqual(permanentOn('2020-01-01'), ['CHN', 'FRA', 'GBR', 'RUS', 'USA']);
  assert.ok(isMemberOn('CHN', '1950-01-01'));
  assert.match(termsOf('CHN')[0]!.note ?? '', /Republic of China until 25 October 1971/);
  // One seat key, the name of the day: the Republic of China to 25 October 1971.
  assert.equal(displayNameOn('CHN', '1971-10-25', 'en'), 'Republic of China');
  assert.equal(displayNameOn('CHN', '1971-10-26', 'en'), 'China');
  assert.equal(displayNameOn('CHN', '1950-06-27', 'zh'), '中华民国');
  assert.equal(displayNameOn('SUN', '1950-06-27', 'en'), 'Union of Soviet Socialist Republics');
  assert.ok(!isMemberOn('BRA', '1960-01-01'));
  assert.throws(() => isMemberOn('BRA', '1946-01-01'), /not recorded/);
});

test('invalid and out-of-range dates are errors naming the value', () => {
  assert.throws(() => membersOn('2020-02-30'), /"2020-02-30"/);
  assert.throws(() => membersOn('2020-3-1'), /"2020-3-1"/);
  assert.throws(() => isMemberOn('USA', '2021-13-01'), /"2021-13-01"/);
  assert.throws(() => membersOn('1946-01-16'), /outside the recorded membership/);
  assert.throws(() => membersOn('2027-01-01'), /outside the recorded membership/);
  assert.equal(checkDate('2020-02-29'), '2020-02-29');
});

function term(
  iso3: string,
  start: string,
  end: string | null,
  line: number,
  seat: Term['seat'] = 'elected',
): Term {
  return { iso3, start, end, seat, source: `bad.csv:${line}` };
}

test('the validator rejects overlapping terms, naming state, dates and lines', () => {
  const p5 = PERMANENT_MEMBERS.map((iso3, i) => term(iso3, '1946-01-17', null, i + 2, 'permanent'));
  const elected = ['AAA', 'BBB', 'CCC', 'DDD', 'EEE', 'FFF', 'GGG', 'HHH', 'III', 'JJJ'].map((iso3, i) =>
    term(iso3, '2020-01-01', '2021-12-31', i + 7),
  );
  assert.doesNotThrow(() => validateTerms([...p5, ...elected], 2020, 2021));
  const overlapping = [...p5, ...elected, term('AAA', '2021-01-01', '2022-12-31', 17)];
  assert.throws(
    () => validateTerms(overlapping, 2020, 2021),
    /overlapping Council terms for AAA: 2020-01-01\.\.2021-12-31 \(bad\.csv:7\) and 2021-01-01\.\.2022-12-31 \(bad\.csv:17\)/,
  );
  assert.throws(
    () => validateTerms([...p5, ...elected.slice(1)], 2020, 2020),
    /14 members on 2020-07-01, expected 15/,
  );
  assert.throws(
    () => validateTerms([term('AAA', '2020-02-30', null, 3)], 2020, 2020),
    /bad\.csv:3 start: invalid date "2020-02-30"/,
  );
});
