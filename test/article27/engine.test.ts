import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Article27Error, decide, parseVoteList, type Ballot } from '../../src/domain/article27.ts';
import { membersOn } from '../../src/domain/membership.ts';

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
