import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  InvalidSymbolError,
  normaliseSymbol,
  parseSymbol,
  scanResolutionRefs,
  scanSymbols,
} from '../../src/domain/symbols.ts';
import { CORPUS_DIR } from '../../src/config/paths.ts';

describe('UN document symbols', () => {
  const cases: [string, string, string][] = [
    ['S/2020/514', 'S/2020/514', 'document'],
    ['S/RES/2518 (2020)', 'S/RES/2518 (2020)', 'resolution'],
    ['S/RES/2518(2020)', 'S/RES/2518 (2020)', 'resolution'],
    ['S/PV.8743', 'S/PV.8743', 'meeting_record'],
    ['S/PV.8743 (Resumption 1)', 'S/PV.8743 (Resumption 1)', 'meeting_record'],
    ['S/PV.8743(Resumption 1)', 'S/PV.8743 (Resumption 1)', 'meeting_record'],
    ['S/PRST/2020/5', 'S/PRST/2020/5', 'presidential_statement'],
    ['A/RES/74/270', 'A/RES/74/270', 'ga_resolution'],
    ['S/2020/1092', 'S/2020/1092', 'document'],
    ['Ｓ／２０２０／５１４', 'S/2020/514', 'document'],
    [' S / 2020 / 514 ', 'S/2020/514', 'document'],
    ['S/2020/514/Add.1', 'S/2020/514/Add.1', 'document'],
    ['S/25704', 'S/25704', 'document'],
  ];
  for (const [input, canonical, kind] of cases) {
    it(`parses ${JSON.stringify(input)} as ${kind} ${canonical}`, () => {
      const s = parseSymbol(input);
      assert.equal(s.text, canonical);
      assert.equal(s.kind, kind);
      assert.equal(normaliseSymbol(s.text), canonical, 'the canonical form parses to itself');
    });
  }

  it('reads the parts of a resolution symbol', () => {
    const s = parseSymbol('S/RES/2518 (2020)');
    assert.equal(s.number, 2518);
    assert.equal(s.year, 2020);
  });

  for (const bad of [
    '',
    'S/2020/0',
    'X/2020/1',
    'S/RES/2518 (1900)',
    'S/RES/2518',
    'S/PV.',
    'S/1990/12',
    'S/2020/514/Foo.1',
  ]) {
    it(`refuses ${JSON.stringify(bad)} with an error that names it`, () => {
      assert.throws(
        () => parseSymbol(bad),
        (e: unknown) => e instanceof InvalidSymbolError && e.message.includes(`"${bad}"`),
      );
    });
  }

  it('finds zh and en references to resolutions', () => {
    const refs = scanResolutionRefs(
      '第 2518(2020)号决议；第2538(2020)号决议；resolution 2378 (2017)；S/RES/2518(2020)；第 2518（2020）號決議',
    );
    assert.deepEqual(
      refs.map((r) => r.symbol),
      [
        'S/RES/2518 (2020)',
        'S/RES/2538 (2020)',
        'S/RES/2378 (2017)',
        'S/RES/2518 (2020)',
        'S/RES/2518 (2020)',
      ],
    );
  });

  it('finds every symbol the seed section names, canonicalised', () => {
    const text = readFileSync(join(CORPUS_DIR, 'zh/repertoire-2020-part1-item23-peacekeeping.txt'), 'utf8');
    const found = [...new Set(scanSymbols(text).map((s) => s.symbol))];
    assert.deepEqual(found, [
      'S/2020/514',
      'S/2020/604',
      'S/2020/674',
      'S/2020/911',
      'S/2020/1092',
      'S/2020/268',
      'S/2020/249',
      'S/2020/856',
      'S/2020/851',
    ]);
    const resolutions = [...new Set(scanResolutionRefs(text).map((r) => r.symbol))];
    assert.deepEqual(resolutions, ['S/RES/2518 (2020)', 'S/RES/2538 (2020)', 'S/RES/2378 (2017)']);
  });
});
