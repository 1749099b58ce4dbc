import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { SHARED_DIR } from '../../src/config/paths.ts';
import { importTableFiles } from '../../src/ingest/sources.ts';
import { sqliteTestStore, type TestStore } from '../support/stores.ts';
import { appOver, parse, text } from './app.ts';

const DHL = join(SHARED_DIR, 'data', 'dhl-tables');
const decisionUrl = (id: string, lang: 'zh' | 'en') => `/decisions/${encodeURIComponent(id)}?lang=${lang}`;

describe('pages name a seat as it was held that day, and page a state’s votes (1950, 2019, 2020 tables, veto list)', () => {
  let ts: TestStore;
  let app: FastifyInstance;
  const get = (url: string) => app.inject({ method: 'GET', url });
  before(async () => {
    ts = await sqliteTestStore();
    await importTableFiles(
      ts.store,
      [
        'scact1950_table_en.html',
        'scact2019_table_en.html',
        'scact2020_table_en.html',
        'scact_veto_table_en.html',
      ].map((f) => join(DHL, f)),
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

  test('a 1955 veto: page, API and export name the USSR and the Republic of China alike', async () => {
    const en = await members('S/3510', 'en');
    assert.ok(
      en.includes('Union of Soviet Socialist Republics') && en.includes('Republic of China'),
      en.join(' | '),
    );
    const api = (await get(`/api/decisions/${encodeURIComponent('S/3510')}`)).json() as {
      memberVotes: { state: string; vote: string; name: { en: string; zh: string } | null }[];
    };
    const ussr = api.memberVotes.find((x) => x.state === 'SUN');
    assert.equal(ussr?.vote, 'N');
    assert.deepEqual(ussr?.name, {
      en: 'Union of Soviet Socialist Republics',
      zh: '苏维埃社会主义共和国联盟',
    });
    const exported = (await get('/export/votes.json')).json() as {
      rows: { decision_id: string; state: string; state_name_en: string; state_name_zh: string }[];
    };
    const row = exported.rows.find((r) => r.decision_id === 'S/3510' && r.state === 'SUN');
    assert.deepEqual([row?.state_name_en, row?.state_name_zh], [ussr?.name?.en, ussr?.name?.zh]);
  });

  test('a state page pages its votes, newest first; the pages together hold every vote the API lists', async () => {
    const api = await get('/api/states/USA');
    assert.equal(api.statusCode, 200);
    const listed = (api.json() as { votes: { decisionId: string; date: string }[] }).votes;
    const all = listed.map((x) => x.decisionId);
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
    // Newest first: the API lists oldest first, the page the other way round.
    assert.match(dates[0]!, new RegExp(`${listed.at(-1)!.date.slice(0, 4)}$`));
    assert.match(dates.at(-1)!, new RegExp(`${listed[0]!.date.slice(0, 4)}$`));
    assert.ok(listed[0]!.date < listed.at(-1)!.date);

    const bad = await get('/states/USA?page=0');
    assert.equal(bad.statusCode, 400);
  });
});
