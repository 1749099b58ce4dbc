import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { parseQuery, QueryError, toFts5, toTsquery } from '../../src/search/query.ts';
import { TERM_PUNCTUATION, tokenise } from '../../src/search/tokenise.ts';
import { SEED_FILE } from './support/record.ts';

const words = (text: string) => tokenise(text).words.map((w) => w.term);
const extra = (text: string) => tokenise(text).extra.map((w) => w.term);

describe('tokenise', () => {
  it('cuts Chinese with jieba: 维和人员 is 维和 + 人员, and longer words keep their sub-words', () => {
    assert.deepEqual(words('联合国维和人员安全和安保'), ['联合国', '维和', '人员', '安全', '和', '安保']);
    assert.ok(extra('联合国维和人员').includes('联合'));
  });

  it('folds traditional characters and full-width forms to the simplified text', () => {
    assert.deepEqual(words('維和人員'), words('维和人员'));
    assert.deepEqual(words('Ｓ／２０２０／５１４'), words('S/2020/514'));
  });

  it('lower-cases and stems English', () => {
    assert.deepEqual(words('Peacekeeping operations'), words('peacekeepers operation'));
    assert.deepEqual(words('Côte'), ['cote']);
  });

  it('keeps symbols whole as exact terms, in English and Chinese', () => {
    assert.ok(extra('see S/2020/514.').includes('s/2020/514'));
    assert.ok(extra('S/RES/2518 (2020)').includes('s/res/2518(2020)'));
    assert.ok(extra('第 2518(2020)号决议').includes('s/res/2518(2020)'));
    assert.ok(words('第 2518(2020)号决议').includes('2518'));
  });

  it('names states, missions and offices with one term in both languages', () => {
    assert.ok(extra('中国和俄罗斯联邦。').includes('state:chn'));
    assert.ok(extra('China and the Russian Federation').includes('state:rus'));
    assert.ok(extra('马里稳定团部队指挥官').includes('mission:minusma'));
    assert.ok(!extra('南苏丹特派团').includes('state:ssd'), 'the mission, not the state');
    assert.ok(extra('主管和平行动副秘书长').includes('office:usg-peace-operations'));
    assert.ok(!extra('印度尼西亚').includes('state:ind'));
  });

  it('does not index superscript footnote markers as numbers', () => {
    assert.ok(!words('决议。⁶³⁹').includes('639'));
  });

  it('keeps offsets into the original text for every term of the seed section', () => {
    const text = readFileSync(SEED_FILE, 'utf8');
    const t = tokenise(text);
    assert.ok(t.words.length > 2000);
    const allowed = new RegExp(`^[\\p{L}\\p{Nd}${TERM_PUNCTUATION.replace(/[-/.()]/g, '\\$&')}]+$`, 'u');
    for (const w of [...t.words, ...t.extra]) {
      assert.match(w.term, allowed);
      assert.ok(w.start >= 0 && w.end <= text.length && w.start < w.end, `offsets of ${w.term}`);
    }
  });
});

describe('parseQuery', () => {
  it('makes a Chinese run a phrase, a quoted text a phrase, a symbol exact and a name either form', () => {
    const q = parseQuery('维和人员 "sustaining peace" S/2020/514 China');
    assert.deepEqual(
      q.terms.map((t) => t.alternatives),
      [[['维和', '人员']], [['sustain', 'peac']], [['s/2020/514']], [['state:chn'], ['china']]],
    );
  });

  it('turns everything the user typed into quoted terms: no FTS5 or tsquery syntax gets through', () => {
    const q = parseQuery(`a" OR 1=1; -- ) ( * NEAR/2 ^x'y \\ & | ! <-> :*`);
    const fts = toFts5(q.terms, 'and');
    assert.ok(!/\bNEAR\b|\*|\^/.test(fts.replace(/"[^"]*"/g, '')), fts);
    const ts = toTsquery(q.terms, 'and');
    assert.ok(!/[!:*]/.test(ts.replace(/'(?:[^']|'')*'/g, '')), ts);
  });

  it('refuses an empty query and an over-long one with a clear message', () => {
    assert.throws(
      () => parseQuery(' \u0000\t '),
      (e) => e instanceof QueryError && e.code === 'empty_query',
    );
    assert.throws(
      () => parseQuery('"" ,.;'),
      (e) => e instanceof QueryError && e.code === 'empty_query',
    );
    assert.throws(
      () => parseQuery('维和'.repeat(5000)),
      (e) => e instanceof QueryError && e.code === 'query_too_long' && /1000/.test(e.message),
    );
  });

  it('caps the number of terms', () => {
    const q = parseQuery(Array.from({ length: 40 }, (_, i) => `w${i}`).join(' '));
    assert.equal(q.terms.length, 16);
    assert.equal(q.ignored.length, 24);
  });

  it('drops an unpaired quote and control characters', () => {
    assert.deepEqual(
      parseQuery('"sustaining peace').terms.map((t) => t.alternatives),
      [[['sustain']], [['peac']]],
    );
    assert.deepEqual(parseQuery('维和\u202e\u0007人员').terms.length, 2);
  });
});
