import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  displayName,
  findState,
  findStateOrThrow,
  getState,
  listStates,
  parseStateList,
  requireState,
  scanStateMentions,
  scanStates,
  splitStateList,
} from '../../src/domain/states.ts';
import { SEED, seedFootnotes } from './seed.ts';

test('193 member states and 2 observer states, plus the historical Council members', () => {
  const states = listStates();
  assert.equal(states.filter((s) => s.kind === 'member').length, 193);
  assert.deepEqual(
    states.filter((s) => s.kind === 'observer').map((s) => s.iso3),
    ['PSE', 'VAT'],
  );
  const historical = listStates(['historical']).map((s) => s.iso3);
  assert.deepEqual(historical, ['CSK', 'DDR', 'SUN', 'YUG', 'ZAR']);
  for (const s of states) {
    assert.ok(s.shortEn && s.formalEn && s.shortZh && s.formalZh, `${s.iso3} has all four UNTERM names`);
    assert.ok(
      !s.displayEn.includes('(the)') && !s.displayEn.includes('*'),
      `${s.iso3} display name "${s.displayEn}"`,
    );
  }
  assert.equal(getState('COK'), undefined, 'Cook Islands is not a UN member');
});

test('UNTERM gaps for Côte d’Ivoire and Türkiye are filled', () => {
  const civ = requireState('CIV', 'test');
  assert.deepEqual(
    [civ.shortEn, civ.formalEn, civ.shortZh, civ.formalZh],
    ["Côte d'Ivoire", "the Republic of Côte d'Ivoire", '科特迪瓦', '科特迪瓦共和国'],
  );
  const tur = requireState('TUR', 'test');
  assert.deepEqual(
    [tur.shortEn, tur.formalEn, tur.shortZh, tur.formalZh],
    ['Türkiye', 'the Republic of Türkiye', '土耳其', '土耳其共和国'],
  );
});

test('display names drop UNTERM articles', () => {
  assert.equal(displayName('NER', 'en'), 'Niger');
  assert.equal(displayName('RUS', 'en'), 'Russian Federation');
  assert.equal(displayName('RUS', 'zh'), '俄罗斯联邦');
  assert.equal(displayName('VAT', 'en'), 'Holy See');
});

test('names and aliases resolve in both languages', () => {
  const cases: [string, string][] = [
    ['美国', 'USA'],
    ['美利坚合众国', 'USA'],
    ['英国', 'GBR'],
    ['联合王国', 'GBR'],
    ['大不列颠及北爱尔兰联合王国', 'GBR'],
    ['俄罗斯', 'RUS'],
    ['俄罗斯联邦', 'RUS'],
    ['越南', 'VNM'],
    ['Viet Nam', 'VNM'],
    ['Vietnam', 'VNM'],
    ['the Niger', 'NER'],
    ['Niger (the)', 'NER'],
    ['the Russian Federation', 'RUS'],
    ['United States of America', 'USA'],
    ['UK', 'GBR'],
    ['US', 'USA'],
    ['Turkey', 'TUR'],
    ["Cote D'ivoire", 'CIV'],
    ['Cape Verde', 'CPV'],
    ['Czech Republic', 'CZE'],
    ['Former Yugoslav Republic Of Macedonia', 'MKD'],
    ['Bolivia (Plurinational State Of)', 'BOL'],
    ['United Kingdom Of Great Britain And Northern Ireland', 'GBR'],
    ['刚果', 'COG'],
    ['刚果（布）', 'COG'],
    ['刚果民主共和国', 'COD'],
    ['苏联', 'SUN'],
    ['苏维埃社会主义共和国联盟', 'SUN'],
    ['南斯拉夫', 'YUG'],
    ['捷克斯洛伐克', 'CSK'],
    ['德意志民主共和国', 'DDR'],
    ['扎伊尔', 'ZAR'],
    ['USSR', 'SUN'],
    ['  Ｃｈｉｎａ ', 'CHN'],
  ];
  for (const [name, iso3] of cases) assert.equal(findState(name), iso3, name);
  assert.equal(findState('Atlantis'), undefined);
});

test('traditional-character names resolve', () => {
  assert.equal(findState('俄羅斯聯邦'), 'RUS');
  assert.equal(findState('美國'), 'USA');
  assert.equal(findState('聯合王國', 'zh'), 'GBR');
  assert.equal(findState('剛果民主共和國'), 'COD');
});

test('bad codes and names are errors naming the value and the place', () => {
  assert.throws(() => requireState('XXX', 'votes.csv:4'), /votes\.csv:4.*"XXX"/);
  assert.throws(() => findStateOrThrow('Atlantis', 'row 7'), /row 7.*"Atlantis"/);
  assert.equal(findStateOrThrow('the Niger', 'row 8'), 'NER');
});

test('the seed’s footnote state lists (649–654) resolve without unknowns', () => {
  const notes = seedFootnotes();
  const expected: Record<number, string[]> = {
    649: ['CHN', 'EST', 'FRA', 'VNM', 'BRA', 'CAN', 'CRI', 'ECU', 'IND', 'IRL', 'LIE', 'NPL', 'PER'],
    650: ['RUS', 'ZAF', 'LKA'],
    651: ['CHN', 'RUS'],
    652: ['CHN', 'VCT', 'IND'],
    653: ['CHN', 'RUS', 'VCT', 'VNM'],
    654: ['IDN', 'GBR', 'FRA', 'TUN', 'MAR'],
  };
  for (const [n, iso3s] of Object.entries(expected)) {
    const text = notes.get(Number(n));
    assert.ok(text, `footnote ${n} found in the seed`);
    assert.deepEqual(splitStateList(text, 'zh', `footnote ${n}`), iso3s, `footnote ${n}: ${text}`);
  }
});

test('lists report unknown names as written and keep names that contain 和 or "and" whole', () => {
  assert.deepEqual(parseStateList('中国、火星和美國。', 'zh'), { states: ['CHN', 'USA'], unknown: ['火星'] });
  assert.throws(() => splitStateList('中国和火星', 'zh', 'fn 9'), /fn 9: unknown state name "火星"/);
  assert.deepEqual(
    splitStateList('China, Saint Vincent and the Grenadines, Trinidad and Tobago and the Niger', 'en'),
    ['CHN', 'VCT', 'TTO', 'NER'],
  );
  assert.deepEqual(splitStateList('波斯尼亚和黑塞哥维那以及安提瓜和巴布达', 'zh'), ['BIH', 'ATG']);
});

test('free-text scan: longest match first, mission names masked', () => {
  assert.deepEqual(scanStates('刚果民主共和国和刚果', 'zh'), ['COD', 'COG']);
  assert.deepEqual(scanStates('突尼斯代表代表安理会非洲成员国及圣文森特和格林纳丁斯发言', 'zh'), [
    'TUN',
    'VCT',
  ]);
  assert.deepEqual(scanStates('联合国南苏丹特派团(南苏丹特派团)部队指挥官', 'zh'), []);
  assert.deepEqual(scanStates('南苏丹特派团部队指挥官', 'zh', { maskMissions: false }), ['SSD']);
  assert.deepEqual(scanStates('索马里和马里', 'zh'), ['SOM', 'MLI']);
  assert.deepEqual(scanStates('The US told us that Niger, Nigeria and Guinea-Bissau agreed.', 'en'), [
    'USA',
    'NER',
    'NGA',
    'GNB',
  ]);
  const mentions = scanStateMentions('中国和俄羅斯聯邦代表', 'zh');
  assert.deepEqual(
    mentions.map((m) => [m.iso3, m.text, m.start]),
    [
      ['CHN', '中国', 0],
      ['RUS', '俄羅斯聯邦', 3],
    ],
  );
});

test('states named in the seed, in order of first appearance', () => {
  const found = scanStates(SEED, 'zh');
  // The Council members and speakers at the 7 July VTC, all named in the text or footnotes.
  for (const iso3 of [
    'CHN',
    'RUS',
    'EST',
    'FRA',
    'VNM',
    'VCT',
    'IND',
    'IDN',
    'GBR',
    'TUN',
    'ZAF',
    'DEU',
    'COD',
  ]) {
    assert.ok(found.includes(iso3), iso3);
  }
  assert.ok(!found.includes('MLI'), '马里 only occurs inside 马里稳定团');
  assert.ok(!found.includes('CAF'), '中非 only occurs inside 中非稳定团');
  assert.equal(found[0], 'COD');
});
