import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { council } from '../support/cli.ts';
import { sqliteTestStore, type TestStore } from '../support/stores.ts';
import { seedTableLines, writeSeedFacts } from './support/seed-facts.ts';

describe('council publish', () => {
  let t: TestStore;
  let dir: string;
  before(async () => {
    t = await sqliteTestStore();
    await writeSeedFacts(t.store);
    dir = mkdtempSync(join(tmpdir(), 'council-publish-'));
  });
  after(async () => {
    await t.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('prints the section in the printed layout, and writes HTML to a file', () => {
    const txt = council(['publish', '23', '--year', '2020', '--format', 'txt'], t.env);
    assert.equal(txt.status, 0, txt.stderr);
    for (const line of seedTableLines()) assert.ok(txt.stdout.includes(line), line);
    const out = join(dir, 'item23-en.html');
    const html = council(
      ['publish', '23', '--year', '2020', '--lang', 'en', '--format', 'html', '-o', out],
      t.env,
    );
    assert.equal(html.status, 0, html.stderr);
    assert.equal(html.stdout, '');
    assert.match(readFileSync(out, 'utf8'), /<th scope="col">Videoconference date<\/th>/);
  });

  it('takes the item by its id (2020-23), as search --item does, with the same output', () => {
    const byNumber = council(['publish', '23', '--year', '2020', '--format', 'md'], t.env);
    const byId = council(['publish', '2020-23', '--format', 'md'], t.env);
    assert.equal(byId.status, 0, byId.stderr);
    assert.equal(byId.stdout, byNumber.stdout);
    const both = council(['publish', '2020-23', '--year', '2020', '--format', 'md'], t.env);
    assert.equal(both.stdout, byNumber.stdout);
  });

  it('refuses bad arguments with one line and a non-zero exit', () => {
    const cases: [string[], number, RegExp][] = [
      [
        ['publish', '24', '--year', '2020'],
        1,
        /no agenda item 24 of 2020 in the record \(items of 2020: 23\)/,
      ],
      [
        ['publish', '23'],
        2,
        /--year is needed with an item number \(or name the item by its id, e\.g\. 2020-23\)/,
      ],
      [['publish', '2020-23', '--year', '2019'], 2, /item 2020-23 is of 2020, but --year says 2019/],
      [['publish', 'item23', '--year', '2020'], 2, /ITEM must be an agenda item id such as 2020-23/],
      [
        ['publish', '23', '--year', '2020', '--format', 'pdf'],
        2,
        /--format must be one of html, md, txt, json, csv/,
      ],
    ];
    for (const [args, status, message] of cases) {
      const r = council(args, t.env);
      assert.equal(r.status, status, args.join(' '));
      assert.match(r.stderr, message);
      assert.equal(r.stderr.trim().split('\n').length, 1, 'one line, no stack trace');
    }
  });
});
