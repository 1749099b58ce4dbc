/**
 * The Article 27 engine against the real record in the shared data.
 *
 * What the data gives and what the test builds from it:
 * - 2019–2021 meeting tables (DHL): the tally "for-against-abstaining" and, for vetoes, the vetoing members,
 *   but not each member's vote. The test builds a full ballot of the 15 members of that date (membersOn)
 *   that reproduces the tally, putting every abstention, absence and non-veto negative vote on a permanent
 *   member wherever the tally allows — the hardest case for the engine — and checks the engine returns the
 *   published outcome, tally and vetoing members.
 * - Veto lists (CSV 1946–2022 and the DHL veto table): date and vetoing members, no tally. The ballot is
 *   the Council of that date (membersOn, 11 members to 1965, 15 since; the USSR to 23 December 1991):
 *   vetoers against, the other permanent members abstaining where the elected members alone reach the
 *   majority of the date (7 / 9), for otherwise; the elected members for. These rows check the veto rule
 *   and the seat of each named vetoer, not a tally.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PERMANENT_MEMBERS, councilSizeOn, membersOn, permanentOn } from '../../src/domain/membership.ts';
import { decide, requiredMajority, type Ballot, type Outcome } from '../../src/domain/article27.ts';
import {
  MEETING_TABLES,
  readDhlMeetingVotes,
  readDhlVetoTable,
  readVetoCsv,
  type RealVeto,
  type RealVote,
} from './real-votes.ts';

const PERMANENT = new Set<string>(PERMANENT_MEMBERS);

function ballotFromTally(v: RealVote): Ballot[] {
  const members = membersOn(v.date);
  const votes = new Map<string, Ballot['vote']>();
  for (const s of v.vetoedBy) votes.set(s, 'N');
  const free = () => [
    ...PERMANENT_MEMBERS.filter((p) => !votes.has(p)),
    ...members.filter((m) => !PERMANENT.has(m) && !votes.has(m)),
  ];
  const assign = (count: number, vote: Ballot['vote'], pool: string[]) => {
    if (count > pool.length) throw new Error(`${v.where}: cannot place ${count} × ${vote}`);
    for (const s of pool.slice(0, count)) votes.set(s, vote);
  };
  const extraAgainst = v.against - v.vetoedBy.length;
  // A negative vote of a permanent member is not a veto only when the draft lacked the votes anyway.
  const permanentMayVoteNo = !v.adopted && v.vetoedBy.length === 0 && v.for < 9;
  assign(extraAgainst, 'N', permanentMayVoteNo ? free() : free().filter((s) => !PERMANENT.has(s)));
  assign(v.abstaining, 'A', free());
  assign(15 - v.for - v.against - v.abstaining, 'X', free());
  for (const s of free()) votes.set(s, 'Y');
  return members.map((state) => ({ state, vote: votes.get(state)! }));
}

function ballotFromVeto(v: RealVeto): { ballots: Ballot[]; outcome: Outcome } {
  const members = membersOn(v.date);
  const permanent = new Set(permanentOn(v.date));
  // The other permanent members abstain (not a veto) wherever the elected members alone still give the
  // majority of the day (7 of 11 before 1966, 9 of 15 since); otherwise they vote for.
  const electedFor = members.filter((m) => !permanent.has(m)).length;
  const others = electedFor >= requiredMajority(v.date) ? 'A' : 'Y';
  const ballots = members.map((state): Ballot => ({
    state,
    vote: v.vetoedBy.includes(state) ? 'N' : permanent.has(state) ? others : 'Y',
  }));
  return { ballots, outcome: decide({ date: v.date, votes: ballots }) };
}

function checkVetoes(list: RealVeto[]): { total: number; full: number } {
  let full = 0;
  for (const v of list) {
    assert.ok(v.vetoedBy.length > 0, `${v.where}: no vetoing member read`);
    const { ballots, outcome } = ballotFromVeto(v);
    if (ballots.length === councilSizeOn(v.date)) full++;
    assert.equal(outcome.adopted, false, `${v.where} (${v.draft}): ${outcome.reason}`);
    assert.deepEqual(outcome.vetoedBy, v.vetoedBy, `${v.where} (${v.draft}): ${outcome.reason}`);
    assert.match(outcome.reason, /^vetoed by /);
  }
  return { total: list.length, full };
}

test('every veto in the 1946–2022 veto CSV comes out vetoed by the listed permanent members', () => {
  const vetoes = readVetoCsv();
  // 218 lines (the last without a newline): a header and 214 records, three of which span two lines.
  assert.equal(vetoes.length, 214);
  const r = checkVetoes(vetoes);
  // Every veto since 1946 is checked against the whole Council of its day (membership from 1946).
  assert.equal(r.full, r.total);
  // Multiple vetoes (e.g. France, UK, USA on 21 April 1986; China and Russia from 2011) are read whole.
  assert.ok(vetoes.some((v) => v.vetoedBy.length === 3));
});

test('every veto in the DHL veto table comes out vetoed by the listed permanent members', () => {
  const vetoes = readDhlVetoTable();
  assert.ok(vetoes.length >= 200, `read ${vetoes.length} vetoes`);
  checkVetoes(vetoes);
});

test('the two veto lists agree on dates and vetoing members except two known disagreements', () => {
  // Keyed by date and vetoers: the two lists write draft symbols differently ("S/PV.303" for a draft in a record).
  const key = (v: RealVeto) => `${v.date} ${v.vetoedBy.join('+')}`;
  const csv = readVetoCsv();
  const csvKeys = new Set(csv.map(key));
  const dhl = readDhlVetoTable();
  const dhlKeys = new Set(dhl.map(key));
  // Real disagreements between the sources, kept visible: the DHL list dates S/2001/270 28 March 2001
  // (the CSV 12 April 2001) and lists France with the USSR on 26 June 1946 (S/PV.49); the DHL snapshot
  // predates the 8 July 2022 veto.
  assert.deepEqual(dhl.filter((v) => !csvKeys.has(key(v))).map(key), [
    '2001-03-28 USA',
    '1946-06-26 FRA+SUN',
  ]);
  assert.deepEqual(csv.filter((v) => !dhlKeys.has(key(v))).map(key), ['2001-04-12 USA', '2022-07-08 RUS']);
});

for (const file of MEETING_TABLES) {
  test(`every vote in ${file} comes out with its published outcome, tally and vetoes`, () => {
    const votes = readDhlMeetingVotes(file);
    assert.ok(votes.length >= 10, `read only ${votes.length} votes`);
    for (const v of votes) {
      const ballots = ballotFromTally(v);
      const outcome = decide({ date: v.date, votes: ballots });
      const label = `${v.where} ${v.symbol ?? '(no symbol)'} ${v.for}-${v.against}-${v.abstaining}`;
      assert.equal(outcome.adopted, v.adopted, `${label}: ${outcome.reason}`);
      assert.deepEqual(
        [outcome.for, outcome.against, outcome.abstaining, outcome.absent],
        [v.for, v.against, v.abstaining, 15 - v.for - v.against - v.abstaining],
        label,
      );
      assert.deepEqual(outcome.vetoedBy, v.vetoedBy, `${label}: ${outcome.reason}`);
    }
  });
}

test('the 2019–2021 tables hold the known vetoes and drafts that failed for want of votes', () => {
  const all = MEETING_TABLES.flatMap(readDhlMeetingVotes);
  const vetoed = all.filter((v) => v.vetoedBy.length > 0).map((v) => `${v.symbol} ${v.vetoedBy.join(',')}`);
  assert.deepEqual(vetoed.sort(), [
    'S/2019/186 CHN,RUS',
    'S/2019/756 CHN,RUS',
    'S/2019/961 CHN,RUS',
    'S/2020/654 CHN,RUS',
    'S/2020/667 CHN,RUS',
    'S/2020/852 USA',
    'S/2021/990 RUS',
  ]);
  // S/2020/797 (2-2-11): the United States voted against, yet it is not a veto, as the DHL table says.
  const s797 = all.find((v) => v.symbol === 'S/2020/797');
  assert.ok(s797 && !s797.adopted && s797.vetoedBy.length === 0);
});
