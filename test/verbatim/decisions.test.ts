/**
 * The decisions stage on the layouts the shared records do not show: a divided vote with abstentions, a
 * veto, an amendment, a procedural vote, and a tally that disagrees with the lists. The paragraphs follow
 * the wording of the records (S/PV.8700 adopted resolution 2504 (2020) 11-0-4 on 10 January 2020).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readDecisions, parseTally } from '../../src/ingest/verbatim/decisions.ts';
import type { Finding, Paragraph } from '../../src/ingest/verbatim/types.ts';

const MEMBERS_2020 = [
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
];
const p = (text: string, page = 2, label = ''): Paragraph => ({ text, page, label });

describe('verbatim decisions stage', () => {
  it('reads a divided vote: every member from the lists, the tally from the announcement', () => {
    const findings: Finding[] = [];
    const d = readDecisions(
      [
        p(
          'The President: Members of the Council have before them document S/2020/24, which contains the text of a draft resolution submitted by Belgium and Germany.',
        ),
        p('A vote was taken by show of hands.'),
        p('In favour:'),
        p(
          'Belgium, Dominican Republic, Estonia, France, Germany, Indonesia, Niger, Saint Vincent and the Grenadines, South Africa, Tunisia, Viet Nam',
        ),
        p('Abstaining:', 3),
        p(
          'China, Russian Federation, United Kingdom of Great Britain and Northern Ireland, United States of America',
          3,
        ),
        p(
          'The President: The result of the voting is as follows: 11 votes in favour, none against and 4 abstentions. The draft resolution has been adopted as resolution 2504 (2020).',
          3,
        ),
      ],
      MEMBERS_2020,
      findings,
    );
    assert.deepEqual(findings, []);
    assert.equal(d.length, 1);
    assert.deepEqual(
      [d[0]!.kind, d[0]!.symbol, d[0]!.draft, d[0]!.vote, d[0]!.adopted, d[0]!.page],
      ['resolution', 'S/RES/2504 (2020)', 'S/2020/24', { for: 11, against: 0, abstaining: 4 }, true, 3],
    );
    assert.deepEqual(
      Object.entries(d[0]!.votes)
        .filter(([, v]) => v === 'A')
        .map(([s]) => s)
        .sort(),
      ['CHN', 'GBR', 'RUS', 'USA'],
    );
    assert.equal(Object.keys(d[0]!.votes).length, 15);
  });

  it('reads a veto as a draft not adopted, and a tally that disagrees with the lists as an error', () => {
    const findings: Finding[] = [];
    const d = readDecisions(
      [
        p(
          'The Council will now proceed to the vote on the draft resolution contained in document S/2019/961.',
        ),
        p(
          'In favour: Belgium, Dominican Republic, Estonia, France, Germany, Indonesia, Niger, Saint Vincent and the Grenadines, South Africa, Tunisia, United Kingdom of Great Britain and Northern Ireland, United States of America, Viet Nam',
        ),
        p('Against: China, Russian Federation'),
        p(
          'The President: The result of the voting is as follows: 12 votes in favour, 2 against and no abstentions. The draft resolution has not been adopted, owing to the negative vote of permanent members of the Council.',
        ),
      ],
      MEMBERS_2020,
      findings,
    );
    assert.deepEqual(
      [d[0]!.kind, d[0]!.symbol, d[0]!.draft, d[0]!.adopted, d[0]!.votes.CHN, d[0]!.votes.RUS],
      ['draft_not_adopted', null, 'S/2019/961', false, 'N', 'N'],
    );
    // The lists give 13 in favour: the printed tally is kept and the difference reported.
    assert.deepEqual(d[0]!.vote, { for: 12, against: 2, abstaining: 0 });
    assert.deepEqual(
      findings.map((f) => f.code),
      ['tally-mismatch'],
    );
  });

  it('reads an amendment and a procedural vote as decisions of their own kinds', () => {
    const findings: Finding[] = [];
    const d = readDecisions(
      [
        p(
          'The Council will first vote on the amendment contained in document S/2020/100 to the draft resolution contained in document S/2020/99.',
        ),
        p('In favour: China, Russian Federation, South Africa'),
        p('Against: United States of America'),
        p(
          'Abstaining: Belgium, Dominican Republic, Estonia, France, Germany, Indonesia, Niger, Saint Vincent and the Grenadines, Tunisia, United Kingdom of Great Britain and Northern Ireland, Viet Nam',
        ),
        p(
          'The President: The amendment received 3 votes in favour, 1 against and 11 abstentions. The amendment has not been adopted, having failed to obtain the required number of votes.',
        ),
        p('The President: I shall now put to the vote the provisional agenda.'),
        p(
          'In favour: Belgium, Dominican Republic, Estonia, France, Germany, Indonesia, Saint Vincent and the Grenadines, Tunisia, United Kingdom of Great Britain and Northern Ireland, United States of America, Viet Nam',
        ),
        p('Against: China, Russian Federation'),
        p('Abstaining: Niger, South Africa'),
        p(
          'The President: The provisional agenda received 11 votes in favour, 2 against and 2 abstentions. The provisional agenda has been adopted, having obtained the required number of votes.',
        ),
      ],
      MEMBERS_2020,
      findings,
    );
    assert.deepEqual(findings, []);
    assert.deepEqual(
      d.map((x) => [x.kind, x.draft, x.adopted, x.vote]),
      [
        ['amendment', 'S/2020/100', false, { for: 3, against: 1, abstaining: 11 }],
        ['procedural', null, true, { for: 11, against: 2, abstaining: 2 }],
      ],
    );
  });

  it('parses the tally in figures or words', () => {
    assert.deepEqual(parseTally('The draft resolution received 15 votes in favour.'), {
      for: 15,
      against: 0,
      abstaining: 0,
    });
    assert.deepEqual(parseTally('thirteen votes in favour, two against and no abstentions'), {
      for: 13,
      against: 2,
      abstaining: 0,
    });
    assert.equal(parseTally('The agenda was adopted.'), null);
  });
});
