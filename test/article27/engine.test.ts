import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  Article27Error,
  decide,
  parseVoteList,
  requiredMajority,
  type Ballot,
} from '../../src/domain/article27.ts';
import { membersOn, permanentOn } from '../../src/domain/membership.ts';

const run = promisify(execFile);
const DATE = '2020-07-07'; // S/2020/654, vetoed by China and the Russian Federation, 13-2-0

function ballots(overrides: Record<string, Ballot['vote']>, date = DATE): Ballot[] {
  return membersOn(date).map((state) => ({ state, vote: overrides[state] ?? 'Y' }));
}

test('a negative vote of a permanent member with nine affirmative votes is a veto', () => {
  const o = decide({ date: DATE, votes: ballots({ CHN: 'N', RUS: 'N' }) });
  assert.deepEqual(
    { ...o, reason: undefined },
    {
      adopted: false,
      for: 13,
      against: 2,
      abstaining: 0,
      absent: 0,
      vetoedBy: ['CHN', 'RUS'],
      reason: undefined,
    },
  );
  assert.match(o.reason, /^vetoed by CHN, RUS/);
});

test('an abstention or absence of a permanent member is not a veto', () => {
  const o = decide({ date: DATE, votes: ballots({ CHN: 'A', RUS: 'X' }) });
  assert.equal(o.adopted, true);
  assert.deepEqual([o.for, o.against, o.abstaining, o.absent], [13, 0, 1, 1]);
});

test('fewer than nine affirmative votes fails whatever the permanent members do', () => {
  const members = membersOn(DATE);
  const votes = members.map((state, i): Ballot => ({ state, vote: i < 4 ? 'Y' : 'A' }));
  const o = decide({ date: DATE, votes });
  assert.equal(o.adopted, false);
  assert.deepEqual(o.vetoedBy, []);
  assert.equal(o.reason, 'only 4 affirmative votes (9 needed)');
});

test('procedural matters: nine votes suffice and a permanent member cannot veto', () => {
  const o = decide({ date: DATE, votes: ballots({ USA: 'N', GBR: 'N' }), procedural: true });
  assert.equal(o.adopted, true);
  assert.deepEqual(o.vetoedBy, []);
});

test('a party to a dispute must abstain; its abstention as a permanent member is no veto', () => {
  const bad = decide({ date: DATE, votes: ballots({}), parties: ['CHN'] });
  assert.equal(bad.adopted, false);
  assert.match(bad.reason, /^CHN must abstain as a party/);
  const good = decide({ date: DATE, votes: ballots({ CHN: 'A' }), parties: ['CHN'] });
  assert.equal(good.adopted, true);
});

test('bad ballots are refused with a clear error', () => {
  const missing = ballots({}).slice(1);
  assert.throws(
    () => decide({ date: DATE, votes: missing }),
    (e: Article27Error) => e.code === 'missing_member' && /no vote given for BEL/.test(e.message),
  );
  assert.throws(
    () => decide({ date: DATE, votes: [...ballots({}), { state: 'BEL', vote: 'N' }] }),
    /BEL has more than one vote/,
  );
  assert.throws(
    () => decide({ date: DATE, votes: [...ballots({}), { state: 'JPN', vote: 'Y' }] }),
    /JPN is not a member of the Security Council on 2020-07-07/,
  );
  assert.throws(() => decide({ date: '2020-02-30', votes: ballots({}) }), /invalid date/);
  assert.throws(() => parseVoteList('BEL=Q'), /not one of Y, N, A, X/);
  assert.throws(() => parseVoteList('BELGIUM=Y'), /expected ISO3=VOTE/);
});

async function council(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const { DATABASE_URL: _unused, ...rest } = process.env;
  const env = { ...rest, COUNCIL_DB: join(mkdtempSync(join(tmpdir(), 'a27-')), 'c.db') };
  try {
    const r = await run(process.execPath, ['bin/council.mjs', ...args], { env });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

test('council outcome --json prints the outcome of S/2020/654; bad input exits non-zero', async () => {
  const list = ballots({ CHN: 'N', RUS: 'N' })
    .map((b) => `${b.state}=${b.vote}`)
    .join(',');
  const ok = await council(['outcome', '--date', DATE, '--votes', list, '--json']);
  assert.equal(ok.code, 0, ok.stderr);
  const o = JSON.parse(ok.stdout) as Record<string, unknown>;
  assert.deepEqual(Object.keys(o), [
    'adopted',
    'for',
    'against',
    'abstaining',
    'absent',
    'vetoedBy',
    'reason',
  ]);
  assert.deepEqual(o.vetoedBy, ['CHN', 'RUS']);
  const bad = await council(['outcome', '--date', DATE, '--votes', `${list},JPN=Y`, '--json']);
  assert.notEqual(bad.code, 0);
  assert.match(bad.stderr, /JPN is not a member/);
});

test('council outcome on 27 June 1950: resolution 83 (1950), adopted with the USSR absent', async () => {
  // S/RES/83 (1950): 7 in favour, Yugoslavia against, Egypt and India abstaining, the USSR absent.
  const votes = 'CHN=Y,CUB=Y,ECU=Y,FRA=Y,GBR=Y,NOR=Y,USA=Y,YUG=N,EGY=A,IND=A,SUN=X';
  const r = await council(['outcome', '--date', '1950-06-27', '--votes', votes, '--json']);
  assert.equal(r.code, 0, r.stderr);
  const o = JSON.parse(r.stdout) as { adopted: boolean; vetoedBy: string[]; reason: string } & Record<
    string,
    number
  >;
  assert.equal(o.adopted, true);
  assert.deepEqual([o.for, o.against, o.abstaining, o.absent], [7, 1, 2, 1]);
  assert.deepEqual(o.vetoedBy, []);
  assert.match(o.reason, /7 affirmative votes \(7 needed\).*absence of a permanent member is not a veto/);
  // The Russian Federation was not on the Council in 1950: its seat was the USSR's.
  const rus = await council(['outcome', '--date', '1950-06-27', '--votes', votes.replace('SUN', 'RUS')]);
  assert.notEqual(rus.code, 0);
  assert.match(rus.stderr, /RUS is not a member of the Security Council on 1950-06-27/);
});

test('Article 27 on any date 1946–2026, with the Charter as it stood', () => {
  for (let year = 1946; year <= 2026; year++) {
    const date = `${year}-07-01`;
    const members = membersOn(date);
    const needed = year < 1966 ? 7 : 9;
    assert.equal(members.length, year < 1966 ? 11 : 15, date);
    const permanent = new Set(permanentOn(date));
    const elected = members.filter((m) => !permanent.has(m));
    // Exactly the majority of the day: the permanent members and enough elected members for, the rest against.
    const yes = new Set([...permanent, ...elected.slice(0, needed - permanent.size)]);
    const vote = (extra: Record<string, Ballot['vote']> = {}) =>
      members.map((state): Ballot => ({ state, vote: extra[state] ?? (yes.has(state) ? 'Y' : 'N') }));
    const ok = decide({ date, votes: vote() });
    assert.equal(ok.adopted, true, `${date}: ${ok.reason}`);
    assert.equal(ok.for, needed);
    // One affirmative vote fewer is not enough.
    const short = decide({ date, votes: vote({ [elected[0]!]: 'A' }) });
    assert.equal(short.adopted, false, date);
    assert.match(short.reason, new RegExp(`\\(${needed} needed\\)`));
    // A permanent member's negative vote is a veto, whoever holds the seat that day (SUN to 1991).
    const seat = year <= 1991 ? 'SUN' : 'RUS';
    const veto = decide({
      date,
      votes: members.map((state) => ({ state, vote: state === seat ? 'N' : 'Y' })),
    });
    assert.deepEqual(veto.vetoedBy, [seat], date);
  }
});

test('seven votes until the enlarged Council sat on 1 January 1966, although the amendment was in force', () => {
  // Resolution 218 (1965) of 22 November 1965 was adopted 7-0-4 (S/PV.1267): after the amendment came
  // into force (31 August 1965) the Council of eleven still applied seven.
  assert.equal(requiredMajority('1965-08-31'), 7);
  assert.equal(requiredMajority('1965-12-31'), 7);
  assert.equal(requiredMajority('1966-01-01'), 9);
  const date = '1965-11-22';
  const members = membersOn(date);
  const abstaining = new Set(members.filter((m) => !permanentOn(date).includes(m)).slice(0, 4));
  const o = decide({
    date,
    votes: members.map((state) => ({ state, vote: abstaining.has(state) ? 'A' : 'Y' })),
  });
  assert.equal(o.adopted, true, o.reason);
  assert.deepEqual([o.for, o.against, o.abstaining], [7, 0, 4]);
  assert.throws(() => decide({ date: '1946-01-16', votes: [] }), /outside the recorded membership/);
  assert.throws(() => decide({ date: '2027-01-01', votes: [] }), /outside the recorded membership/);
});
