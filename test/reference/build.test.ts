import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  appendFileSync,
  cpSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildReference } from '../../scripts/build-reference.ts';
import { REFERENCE_DIR } from '../../src/config/paths.ts';
import { DEFAULT_DIRS } from '../../src/domain/reference/build.ts';
import { ensureReference } from '../../src/domain/reference/files.ts';

function scratch(): { curated: string; out: string; done: () => void } {
  const root = mkdtempSync(join(tmpdir(), 'reference-'));
  const curated = join(root, 'curated');
  cpSync(resolve(REFERENCE_DIR, 'curated'), curated, { recursive: true });
  return { curated, out: join(root, 'out'), done: () => rmSync(root, { recursive: true, force: true }) };
}

test('the reference is built at first use, cached, and rebuilt when an input changes', () => {
  const s = scratch();
  try {
    const dirs = { ...DEFAULT_DIRS, curated: s.curated, out: s.out };
    assert.equal(ensureReference(dirs), true, 'first use builds');
    for (const name of ['states.json', 'membership.json', 'missions.json', 'offices.json'])
      assert.ok(existsSync(join(s.out, name)), `${name} built`);
    assert.equal(ensureReference(dirs), false, 'same inputs: nothing rebuilt');
    const before = readFileSync(join(s.out, 'membership.json'), 'utf8');
    // A change to a curated input (a note on a term) is picked up by the next use.
    const path = join(s.curated, 'membership_additions.csv');
    writeFileSync(
      path,
      readFileSync(path, 'utf8').replace("Continues the USSR's seat", 'Continues the seat of the USSR'),
    );
    assert.equal(ensureReference(dirs), true, 'changed input: rebuilt');
    assert.notEqual(readFileSync(join(s.out, 'membership.json'), 'utf8'), before);
    const membership = JSON.parse(readFileSync(join(s.out, 'membership.json'), 'utf8')) as {
      complete: { from: string; to: string };
      generatedFrom: string[];
    };
    assert.deepEqual(membership.complete, { from: '1946-01-17', to: '2026-12-31' });
    assert.ok(membership.generatedFrom.includes('shared/reference/council_membership_1946_1991.csv'));
  } finally {
    s.done();
  }
});

test('without the shared folder the build names what is missing and where it comes from', () => {
  const s = scratch();
  try {
    assert.throws(
      () => ensureReference({ shared: join(s.out, 'no-shared'), curated: s.curated, out: s.out }),
      /country-codes\.csv is missing\. The shared sources folder is read from COUNCIL_SHARED .*datasets\/country-codes/,
    );
    assert.ok(!existsSync(join(s.out, 'states.json')), 'nothing written');
  } finally {
    s.done();
  }
});

test('an overlapping term fails the build, naming the state, dates and file line', () => {
  const s = scratch();
  try {
    appendFileSync(join(s.curated, 'membership_additions.csv'), 'JPN,2024-01-01,2025-12-31,elected,,test\n');
    assert.throws(
      () => buildReference({ curated: s.curated, out: s.out }),
      /overlapping Council terms for JPN: 2023-01-01\.\.2024-12-31 \(council_membership_1992_2024\.csv:\d+\) and 2024-01-01\.\.2025-12-31 \(membership_additions\.csv:\d+\)/,
    );
  } finally {
    s.done();
  }
});

test('a missing member fails the build, naming the year', () => {
  const s = scratch();
  try {
    const path = join(s.curated, 'membership_additions.csv');
    writeFileSync(path, readFileSync(path, 'utf8').replace(/^SOM,.*\n/m, ''));
    assert.throws(
      () => buildReference({ curated: s.curated, out: s.out }),
      /14 members on 2025-07-01, expected 15/,
    );
  } finally {
    s.done();
  }
});
