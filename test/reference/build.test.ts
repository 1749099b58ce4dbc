import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildReference } from '../../scripts/build-reference.ts';
import { REFERENCE_DIR } from '../../src/config/paths.ts';

function scratch(): { curated: string; out: string; done: () => void } {
  const root = mkdtempSync(join(tmpdir(), 'reference-'));
  const curated = join(root, 'curated');
  cpSync(resolve(REFERENCE_DIR, 'curated'), curated, { recursive: true });
  return { curated, out: join(root, 'out'), done: () => rmSync(root, { recursive: true, force: true }) };
}

test('the committed reference files are what the build produces', () => {
  const s = scratch();
  try {
    buildReference({ curated: s.curated, out: s.out });
    for (const name of ['states.json', 'membership.json', 'missions.json', 'offices.json']) {
      const built = JSON.parse(readFileSync(join(s.out, name), 'utf8')) as unknown;
      const committed = JSON.parse(readFileSync(resolve(REFERENCE_DIR, name), 'utf8')) as unknown;
      // Sources differ only in the curated folder's name.
      const strip = (v: unknown) => JSON.stringify(v).replace(/"source":"[^"]*"/g, '');
      assert.equal(strip(built), strip(committed), `${name} is stale: run npm run reference`);
    }
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
