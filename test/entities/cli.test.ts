// `council entities` as a user runs it: a reference without a year takes it from the record when the
// record holds the resolution (here: after ingesting the seed section), and a bad --date is refused.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { council } from '../support/cli.ts';
import { SEED_ZH } from '../repertoire/helpers.ts';

let dir: string;
let env: Record<string, string>;
let news: string;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'council-entities-'));
  env = { COUNCIL_DB: join(dir, 'council.db') };
  news = join(dir, 'news.txt');
  // Xinhua, 30 March 2020 (news.cn c_1125793292), in simplified characters: the resolution without its year.
  writeFileSync(
    news,
    '新华社联合国3月30日电 联合国安理会30日以15票赞成的表决结果一致通过。这份第2518号决议涉及培训、医疗。\n',
  );
});
after(() => rmSync(dir, { recursive: true, force: true }));

describe('council entities', () => {
  it('reports a year-less reference as such when there is no record, and never creates one', () => {
    const r = council(['entities', news, '--json'], env);
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout) as { resolutions: unknown[]; symbols: string[] };
    assert.deepEqual(out.resolutions, [{ number: 2518, year: null, paragraphs: [] }]);
    assert.deepEqual(out.symbols, []);
    assert.ok(!existsSync(env.COUNCIL_DB!));
  });

  it('takes the year from the record once the record holds the resolution', () => {
    const ingest = council(['ingest', SEED_ZH, '--lang', 'zh'], env);
    assert.equal(ingest.status, 0, ingest.stderr);
    const r = council(['entities', news, '--json', '--date', '2020-03-31'], env);
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout) as {
      resolutions: unknown[];
      symbols: string[];
      dates: string[];
    };
    assert.deepEqual(out.resolutions, [{ number: 2518, year: 2020, paragraphs: [], yearFrom: 'record' }]);
    assert.deepEqual(out.symbols, ['S/RES/2518 (2020)']);
    assert.deepEqual(out.dates, ['2020-03-30']);
  });

  it('refuses a --date that is not a date, naming the option', () => {
    const r = council(['entities', news, '--date', '2020-02-30'], env);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /--date/);
  });
});
