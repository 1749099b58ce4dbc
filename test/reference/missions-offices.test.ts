import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  findMission,
  getMission,
  listMissions,
  scanMissionMentions,
  scanMissions,
} from '../../src/domain/missions.ts';
import { findOffice, listOffices, scanOfficeMentions, scanOffices } from '../../src/domain/offices.ts';
import { normaliseWidth, toSimplified } from '../../src/domain/chinese.ts';
import { getState } from '../../src/domain/states.ts';
import { SEED } from './seed.ts';

test('mission short and full names from UN Chinese texts', () => {
  const cases: [string, string][] = [
    ['马里稳定团', 'MINUSMA'],
    ['联合国马里多层面综合稳定团', 'MINUSMA'],
    ['南苏丹特派团', 'UNMISS'],
    ['观察员部队', 'UNDOF'],
    ['联海综合办', 'BINUH'],
    ['中非稳定团', 'MINUSCA'],
    ['联刚稳定团', 'MONUSCO'],
    ['联黎部队', 'UNIFIL'],
    ['联塞部队', 'UNFICYP'],
    ['联合国停战监督组织', 'UNTSO'],
    ['印巴观察组', 'UNMOGIP'],
    ['西撒特派团', 'MINURSO'],
    ['联阿安全部队', 'UNISFA'],
    ['科索沃特派团', 'UNMIK'],
    ['联利特派团', 'UNMIL'],
    ['联科行动', 'UNOCI'],
    ['联海稳定团', 'MINUSTAH'],
    ['联海司法支助团', 'MINUJUSTH'],
    ['达尔富尔混合行动', 'UNAMID'],
    ['联苏特派团', 'UNMIS'],
    ['联阿援助团', 'UNAMA'],
    ['联伊援助团', 'UNAMI'],
    ['联利支助团', 'UNSMIL'],
    ['联索援助团', 'UNSOM'],
    ['联苏综合过渡援助团', 'UNITAMS'],
    ['联合国哥伦比亚核查团', 'UNVMC'],
    ['馬里穩定團', 'MINUSMA'],
    ['MINUSMA', 'MINUSMA'],
    ['United Nations Mission in South Sudan', 'UNMISS'],
  ];
  for (const [name, acronym] of cases) assert.equal(findMission(name), acronym, name);
  assert.equal(findMission('马里'), undefined);
  for (const m of listMissions()) if (m.state) assert.ok(getState(m.state), `${m.acronym} state ${m.state}`);
  assert.deepEqual([getMission('MINUSMA')?.start, getMission('MINUSMA')?.end], [2013, 2023]);
});

test('missions in the seed, in order of first appearance', () => {
  assert.deepEqual(scanMissions(SEED), ['MINUSMA', 'UNMISS', 'UNDOF', 'BINUH', 'MINUSCA', 'MONUSCO']);
  const first = scanMissionMentions(SEED)[0]!;
  assert.equal(first.text, '联合国马里多层面综合稳定团');
  assert.equal(SEED.slice(first.start, first.end), first.text);
});

test('acronyms in English text respect word boundaries and prefer the longer acronym', () => {
  assert.deepEqual(scanMissions('UNMISS and UNMIS; MINUSMAX is not one; UNAMID/UNAMI'), [
    'UNMISS',
    'UNMIS',
    'UNAMID',
    'UNAMI',
  ]);
});

test('offices: ~40 titles with stable keys, longest title first', () => {
  assert.ok(listOffices().length >= 40);
  assert.equal(findOffice('主管和平行动副秘书长', 'zh'), 'usg-peace-operations');
  assert.equal(findOffice('Under-Secretary-General for Peace Operations', 'en'), 'usg-peace-operations');
  assert.equal(findOffice('主管法治和安全机构助理秘书长', 'zh'), 'asg-rule-of-law-security-institutions');
  assert.equal(findOffice('副部队指挥官', 'zh'), 'deputy-force-commander');
  assert.equal(findOffice('副指挥官', 'zh'), 'deputy-force-commander');
  assert.equal(findOffice('警務專員', 'zh'), 'police-commissioner');
  assert.equal(findOffice('负责南苏丹问题秘书长特别代表兼南苏丹特派团团长', 'zh'), 'srsg-head-of-mission');
  assert.equal(findOffice('主管人道主义事务副秘书长兼紧急救济协调员', 'zh'), 'usg-humanitarian-erc');
  assert.equal(findOffice('常务副秘书长', 'zh'), 'deputy-secretary-general');
  assert.equal(findOffice('the Secretary-General', 'en'), 'secretary-general');
});

test('briefers’ titles in the seed', () => {
  const keys = scanOffices(SEED, 'zh');
  for (const key of [
    'usg-peace-operations',
    'asg-rule-of-law-security-institutions',
    'force-commander',
    'deputy-force-commander',
    'police-commissioner',
    'high-commissioner-human-rights',
    'srsg-head-of-mission',
    'civil-society-representative',
  ]) {
    assert.ok(keys.includes(key), key);
  }
  const srsg = scanOfficeMentions(SEED, 'zh').find((m) => m.key === 'srsg-head-of-mission')!;
  assert.equal(srsg.text, '负责南苏丹问题秘书长特别代表兼南苏丹特派团团长');
  // The USG's title is one office, not 副秘书长 + 秘书长.
  const usg = scanOfficeMentions('主管和平行动副秘书长两次向安理会成员通报情况', 'zh');
  assert.deepEqual(
    usg.map((m) => m.key),
    ['usg-peace-operations'],
  );
});

test('Chinese helpers', () => {
  assert.equal(toSimplified('俄羅斯聯邦'), '俄罗斯联邦');
  assert.equal(normaliseWidth('ＳＡ／２０２０（１）　x'), 'SA/2020(1) x');
  assert.equal(normaliseWidth('刚果（布）').length, '刚果（布）'.length);
});
