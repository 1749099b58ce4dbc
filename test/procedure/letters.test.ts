/**
 * The outcome letter's wording for a vetoed draft: "owing to the negative vote of the Russian Federation",
 * state names with the article the UN gives them in running text (UNTERM's "(the)"), as in the UN's
 * account of the 2020 written-procedure votes (press release SC/14244, 8 July 2020, on S/2020/654:
 * "was not adopted owing the negative vote of two permanent Council members").
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decide } from '../../src/domain/article27.ts';
import { membersOn } from '../../src/domain/membership.ts';
import { inTextEn, outcomeLetter } from '../../src/procedure/letters.ts';

test('state names in running text carry their article as the UN writes them', () => {
  assert.equal(inTextEn('RUS'), 'the Russian Federation');
  assert.equal(inTextEn('USA'), 'the United States of America');
  assert.equal(inTextEn('GBR'), 'the United Kingdom of Great Britain and Northern Ireland');
  assert.equal(inTextEn('NER'), 'the Niger');
  assert.equal(inTextEn('DOM'), 'the Dominican Republic');
  assert.equal(inTextEn('CHN'), 'China');
  assert.equal(inTextEn('VCT'), 'Saint Vincent and the Grenadines');
});

test('a draft vetoed by one permanent member: "the negative vote of the Russian Federation"', () => {
  // The Council of 7 July 2020; the Russian Federation alone against, everyone else in favour.
  const date = '2020-07-07';
  const ballots = membersOn(date).map((state) => ({
    state,
    vote: state === 'RUS' ? ('N' as const) : ('Y' as const),
  }));
  const outcome = decide({ date, votes: ballots, procedural: false, parties: [] });
  assert.deepEqual(outcome.vetoedBy, ['RUS']);
  const letter = outcomeLetter({
    draftSymbol: 'S/2020/654',
    outcome,
    ballots,
    announcedOn: date,
    format: 'open_vtc',
    resolutionSymbol: null,
    procedural: false,
  });
  assert.match(
    letter.en,
    /The draft resolution has not been adopted, owing to the negative vote of the Russian Federation, permanent member of the Council\./,
  );
  assert.match(letter.zh, /由于安全理事会常任理事国俄罗斯联邦投反对票，该决议草案未获通过。/);
});
