import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Converter as toSimplifiedWhole } from 'opencc-js/t2cn';
import { Converter as toTraditional } from 'opencc-js/cn2t';
import { ROOT_DIR } from '../../src/config/paths.ts';
import { toSimplified, toSimplifiedSameLength } from '../../src/domain/chinese.ts';
import { SEED } from './seed.ts';

// OpenCC run over the whole text, as chinese.ts did before it converted only the stretches that can change.
const whole = toSimplifiedWhole({ from: 't', to: 'cn' });

test('toSimplified gives what OpenCC gives on the whole text, for the seed in every script', () => {
  const en = readFileSync(
    resolve(ROOT_DIR, 'test/fixtures/en/repertoire-2020-part1-item23-peacekeeping.txt'),
    'utf8',
  );
  const forms = [
    SEED,
    toTraditional({ from: 'cn', to: 'tw' })(SEED),
    toTraditional({ from: 'cn', to: 'hk' })(SEED),
    toTraditional({ from: 'cn', to: 'twp' })(SEED),
    en,
  ];
  for (const text of forms) {
    assert.equal(toSimplified(text), whole(text));
    for (const line of text.split('\n')) assert.equal(toSimplified(line), whole(line), line);
  }
  assert.equal(toSimplified('聯合國南蘇丹特派團'), '联合国南苏丹特派团');
  assert.equal(toSimplified('Security Council'), 'Security Council');
});

test('toSimplified keeps OpenCC phrases, ideographic descriptions and characters beyond the BMP', () => {
  for (const text of ['一目瞭然', '乾隆年間的乾燥天氣', '⿰木乾 後來', '𠀀聯合國𠀀', '頭髮和髮型']) {
    assert.equal(toSimplified(text), whole(text), text);
    assert.equal(toSimplifiedSameLength(text).length, text.length, text);
  }
});
