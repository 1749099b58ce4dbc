import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { SHARED_DIR } from '../../src/config/paths.ts';
import { importDhlFiles } from '../../src/ingest/dhl/index.ts';
import { sqliteTestStore, type TestStore } from '../support/stores.ts';
import { appOver, parse, text } from './app.ts';

const DHL = join(SHARED_DIR, 'data', 'dhl-tables');
const decisionUrl = (id: string, lang: 'zh' | 'en') => `/decisions/${encodeURIComponent(id)}?lang=${lang}`;

describe('pages name a seat as it was held that day, and page a state’s votes (1950, 2019 and 2020 tables)', () => {
  let ts: TestStore;
  let app: FastifyInstance;
  const get = (url: string) => app.inject({ method: 'GET', url });
  before(async () => {
    ts = await sqliteTestStore();
    await importDhlFiles(
      ts.store,
      ['scact1950_table_en.html', 'scact2019_table_en.html', 'scact2020_table_en.html'].map((f) =>
        join(DHL, f),
      ),
    );
    app = await appOver(ts.store, ts.env);
  });
  after(async () => {
    await app?.close();
    await ts?.dispose();
  });

  /** The member names in the votes table of a decision page. */
  async function members(id: string, lang: 'zh' | 'en'): Promise<string[]> {
    const res = await get(decisionUrl(id, lang));
    assert.equal(res.statusCode, 200, `${id} (${lang})`);
    const $ = parse(res.body);
    return $('table.votes tbody th a')
      .map((_, a) => text($(a)))
      .get();
  }

  test('resolution 83 (1950): CHN is the Republic of China / 中华民国, the USSR sits; 2020: China / 中国', async () => {
    const en1950 = await members('S/RES/83 (1950)', 'en');
    assert.equal(en1950.length, 11, 'eleven members in 1950');
    assert.ok(en1950.includes('Republic of China'), en1950.join(' | '));
    assert.ok(!en1950.includes('China'), 'not the People’s Republic’s name in 1950');
    assert.ok(en1950.includes('Union of Soviet Socialist Republics'), en1950.join(' | '));
    assert.ok((await members('S/RES/83 (1950)', 'zh')).includes('中华民国'));

    const en2020 = await members('S/RES/2510 (2020)', 'en');
    assert.equal(en2020.length, 15);
    assert.ok(en2020.includes('China'), en2020.join(' | '));
    assert.ok(!en2020.includes('Republic of China'));
    assert.ok((await members('S/RES/2510 (2020)', 'zh')).includes('中国'));
    // The same seat key links both names to one state page.
    const $ = parse((await get(decisionUrl('S/RES/83 (1950)', 'en'))).body);
    const link = $('table.votes tbody th a').filter((_, a) => text($(a)) === 'Republic of China');
    assert.equal(link.attr('href'), '/states/CHN');
  });

  test('a state page pages its votes, newest first; the pages together hold every vote the API lists', async () => {
    const api = await get('/api/states/USA');
    assert.equal(api.statusCode, 200);
    const all = (api.json() as { votes: { decisionId: string }[] }).votes.map((x) => x.decisionId);
    assert.ok(all.length > 50, `more votes than one page holds (${all.length})`);

    const seen: string[] = [];
    const dates: string[] = [];
    const pages = Math.ceil(all.length / 50);
    for (let n = 1; n <= pages; n++) {
      const $ = parse((await get(`/states/USA?lang=en&page=${n}`)).body);
      const section = $('#votes-h').parent();
      assert.match(text(section.find('nav.pager')), new RegExp(`Page ${n} of ${pages}`));
      const rows = section.find('table tbody tr');
      assert.equal(rows.length, n < pages ? 50 : all.length - 50 * (pages - 1), `rows on page ${n}`);
      rows.each((_, tr) => {
        const href = $(tr).find('a').attr('href') ?? '';
        seen.push(decodeURIComponent(href.replace(/^\/decisions\//, '')));
        dates.push(text($(tr).find('td').first()));
      });
      assert.equal(section.find('a[rel=next]').length, n < pages ? 1 : 0);
      assert.equal(section.find('a[rel=prev]').length, n > 1 ? 1 : 0);
    }
    assert.deepEqual([...seen].sort(), [...all].sort(), 'each vote on exactly one page');
    // Newest first: the first row is from 2020, the last from 2019.
    assert.match(dates[0]!, /2020$/);
    assert.match(dates.at(-1)!, /2019$/);

    const bad = await get('/states/USA?page=0');
    assert.equal(bad.statusCode, 400);
  });
});
