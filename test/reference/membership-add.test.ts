import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { REFERENCE_DIR } from '../../src/config/paths.ts';
import { DEFAULT_DIRS } from '../../src/domain/reference/build.ts';
import { addElectedTerms } from '../../src/domain/reference/add-terms.ts';
import { council } from '../support/cli.ts';

function scratch() {
  const root = mkdtempSync(join(tmpdir(), 'membership-add-'));
  const curated = join(root, 'curated');
  cpSync(resolve(REFERENCE_DIR, 'curated'), curated, { recursive: true });
  const dirs = { ...DEFAULT_DIRS, curated, out: join(root, 'out') };
  const additions = () => readFileSync(join(curated, 'membership_additions.csv'), 'utf8');
  return { dirs, additions, done: () => rmSync(root, { recursive: true, force: true }) };
}

// Five UN members standing in for an election the record does not hold (a scratch copy, never committed).
const FIVE = ['AUS', 'KEN', 'MEX', 'NPL', 'NOR'];
const TERM = { from: '2027-01-01', to: '2028-12-31', source: 'test: scratch election' };

test('council membership add: one whole election extends the recorded membership, with its source', () => {
  const s = scratch();
  try {
    const before = s.additions();
    const r = addElectedTerms({ states: FIVE, ...TERM }, s.dirs);
    assert.deepEqual(r, { added: 5, recordedTo: '2027-12-31' });
    const added = s.additions().slice(before.length);
    assert.equal(added.split('\n').filter(Boolean).length, 5);
    assert.match(added, /^AUS,2027-01-01,2028-12-31,elected,,test: scratch election$/m);
  } finally {
    s.done();
  }
});

test('council membership add refuses what would leave the Council short, overfull or unsourced', () => {
  const s = scratch();
  try {
    const before = s.additions();
    assert.throws(
      () => addElectedTerms({ states: FIVE.slice(0, 4), ...TERM }, s.dirs),
      /on 2027-01-01 the Council would have 14 members, expected 15 .*add every member elected for the term/,
    );
    assert.throws(
      () => addElectedTerms({ states: [...FIVE, 'PER'], ...TERM }, s.dirs),
      /on 2027-01-01 the Council would have 16 members, expected 15/,
    );
    assert.throws(
      () => addElectedTerms({ states: FIVE, ...TERM, source: ' ' }, s.dirs),
      /--source is required/,
    );
    assert.throws(() => addElectedTerms({ states: ['XXX'], ...TERM }, s.dirs), /"XXX" is not the ISO3 code/);
    assert.throws(
      () => addElectedTerms({ states: ['COL', ...FIVE.slice(1)], ...TERM }, s.dirs),
      /overlapping Council terms for COL/,
    );
    assert.throws(
      () => addElectedTerms({ states: FIVE, ...TERM, to: '2026-12-31' }, s.dirs),
      /--to 2026-12-31 is before --from 2027-01-01/,
    );
    assert.equal(s.additions(), before, 'nothing written');
  } finally {
    s.done();
  }
});

test('council membership show names the members of the day; a refused add exits non-zero', () => {
  const show = council(['membership', 'show', '--date', '1950-06-27', '--json']);
  assert.equal(show.status, 0, show.stderr);
  const { members } = JSON.parse(show.stdout) as { members: { iso3: string; name: string; seat: string }[] };
  assert.equal(members.length, 11);
  assert.deepEqual(
    members.find((m) => m.iso3 === 'CHN'),
    {
      iso3: 'CHN',
      name: 'Republic of China',
      seat: 'permanent',
    },
  );
  assert.equal(members.find((m) => m.iso3 === 'SUN')?.name, 'Union of Soviet Socialist Republics');
  const refused = council([
    'membership',
    'add',
    'JPN',
    '--from',
    '2027-01-01',
    '--to',
    '2028-12-31',
    '--source',
    'x',
  ]);
  assert.equal(refused.status, 1);
  assert.match(
    refused.stderr,
    /membership add refused, nothing written: on 2027-01-01 the Council would have 11 members/,
  );
});
