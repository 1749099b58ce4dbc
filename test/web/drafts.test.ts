/**
 * "Check a draft" on the web: an editor pastes the real Chinese section of item 2020-23 with one real
 * edit (the vote on resolution 2538 (2020) changed from 15-0-0 to 14-0-1), sees the finding it causes and
 * the diff in facts against the published version, publishes it, and the earlier version stays readable
 * with who published what. Others are refused; a refused form keeps what was typed and names its field.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { load } from 'cheerio';
import { ingestPaths } from '../../src/ingest/repertoire/index.ts';
import { ProcedureService } from '../../src/procedure/service.ts';
import { getSectionVersion, listSectionVersions } from '../../src/store/queries/versions.ts';
import { sqliteTestStore, type TestStore } from '../support/stores.ts';
import { SEED_EN, SEED_ZH, seedText } from '../repertoire/helpers.ts';
import { appOver } from './app.ts';
import { FormBrowser } from './form-browser.ts';

const PASSWORD = 'an editor’s long password';
const VOTE_ROW = '第 2538(2020)号决议 15-0-0 S/2020/851';

/** The real Chinese section with the vote on resolution 2538 (2020) changed, as an editor might. */
/** The rows of the page's diff table, each as its cells' text. */
function changeRows(body: string): string[][] {
  const $ = load(body);
  return $('table.changes tbody tr')
    .toArray()
    .map((tr) =>
      $(tr)
        .find('td, th')
        .toArray()
        .map((c) => $(c).text().replace(/\s+/g, ' ').trim()),
    );
}

function editedZh(): string {
  const text = seedText('zh');
  assert.ok(text.includes(VOTE_ROW), 'the seed states the vote in its table');
  return text.replace(VOTE_ROW, '第 2538(2020)号决议 14-0-1 S/2020/851');
}

describe('Check a draft (web)', () => {
  let ts: TestStore;
  let app: FastifyInstance;

  before(async () => {
    ts = await sqliteTestStore();
    await ingestPaths(ts.store, [SEED_ZH, SEED_EN]);
    const service = new ProcedureService(ts.store);
    await service.addUser({ name: 'editor-a', role: 'editor', password: PASSWORD }, 'test');
    await service.addUser({ name: 'secretariat-a', role: 'secretariat', password: PASSWORD }, 'test');
    app = await appOver(ts.store, ts.env);
  });
  after(async () => {
    await app.close();
    await ts.dispose();
  });

  test('an editor checks a Chinese draft, sees its finding and diff, and publishes it', async () => {
    const ed = new FormBrowser(app);
    await ed.login('editor-a', PASSWORD);
    const home = load((await ed.get('/console?lang=en')).body);
    assert.equal(home('a[href="/console/drafts"]').length, 1, 'the console links editors to their page');
    const form = await ed.get('/console/drafts?lang=zh');
    assert.equal(form.statusCode, 200);
    assert.match(load(form.body)('h1').text(), /核对草稿/);

    const checked = await ed.post('/console/drafts', { item: '2020-23', text: editedZh() });
    assert.equal(checked.statusCode, 303, checked.body.slice(0, 500));
    const path = String(checked.headers.location).split('?')[0]!;
    assert.equal(decodeURIComponent(path), '/console/drafts/repertoire:2020:23:zh@v2');
    // The record is unchanged until the draft is published.
    const vote = () =>
      ts.store.db
        .selectFrom('decision')
        .select(['vote_for', 'vote_abstaining'])
        .where('id', '=', 'S/RES/2538 (2020)')
        .executeTakeFirstOrThrow();
    assert.deepEqual(await vote(), { vote_for: 15, vote_abstaining: 0 });

    const checkedPage = (await ed.get(`${path}?lang=en&done=checked`)).body;
    const $ = load(checkedPage);
    const rows = changeRows(checkedPage);
    assert.deepEqual(rows, [
      [
        'changed',
        'decision: Resolution 2538 (2020)',
        'meeting S/2020/856, vote 15-0-0, written procedure S/2020/851 (table row 4)',
        'meeting S/2020/856, vote 14-0-1, written procedure S/2020/851 (table row 4)',
      ],
    ]);
    // 14-0-1 contradicts the narrative's "一致通过" (unanimously): a finding with the paragraph it is from.
    const finding = $('table.findings tbody tr')
      .toArray()
      .map((tr) => $(tr).text().replace(/\s+/g, ' ').trim())
      .find((t) => /vote-contradiction/.test(t));
    assert.match(finding ?? '', /^paragraph \d+ /);
    assert.match($('dd').text(), /repertoire:2020:23:zh@v1/, 'compared with the published version');

    const published = await ed.post(`${path}/publish`, {});
    assert.equal(published.statusCode, 303, published.body.slice(0, 500));
    const versions = await listSectionVersions(ts.store.db, '2020-23');
    const zh = versions.filter((x) => x.lang === 'zh');
    assert.deepEqual(
      zh.map((x) => [x.id, x.status, x.createdBy, x.publishedBy]),
      [
        ['repertoire:2020:23:zh@v1', 'superseded', null, null],
        ['repertoire:2020:23:zh@v2', 'published', 'editor-a', 'editor-a'],
      ],
    );
    assert.ok(zh[1]!.publishedAt);
    const conflicts = await ts.store.db
      .selectFrom('conflict')
      .select(['field', 'value', 'source_id'])
      .where('entity_id', '=', 'S/RES/2538 (2020)')
      .execute();
    // The editions now disagree: the record keeps the value it had and both editions' values as a conflict
    // (record.ts), the published Chinese one among them; the earlier version's text stays readable.
    assert.deepEqual(await vote(), { vote_for: 15, vote_abstaining: 0 });
    assert.deepEqual(
      conflicts
        .filter((c) => c.source_id === 'repertoire:zh:2020:23')
        .map((c) => [c.field, c.value])
        .sort(),
      [
        ['vote_abstaining', '1'],
        ['vote_for', '14'],
      ],
    );
    assert.equal((await getSectionVersion(ts.store.db, 'repertoire:2020:23:zh@v1'))!.text, seedText('zh'));
    const list = load((await ed.get('/console/drafts?item=2020-23&lang=en')).body);
    const listed = list('tbody tr').text().replace(/\s+/g, ' ');
    assert.match(listed, /repertoire:2020:23:zh@v1 earlier version/);
    assert.match(listed, /repertoire:2020:23:zh@v2 published \(current\) web-draft-2020-23\.txt .* editor-a/);
    // Publishing twice is refused, saying why.
    const again = await ed.post(`${path}/publish`, {});
    assert.equal(again.statusCode, 409);
    assert.match(load(again.body)('[role="alert"]').text(), /only a draft can be published/);
  });

  test('the diff in facts is said in the reader’s language, with both versions’ values', async () => {
    const ed = new FormBrowser(app);
    await ed.login('editor-a', PASSWORD);
    // Against the version the first test published (14-0-1): the seed's vote back, the videoconference of
    // 4 June 2020 moved to 5 June, and the Deputy Force Commander of UNDOF no longer said to brief.
    const text = seedText('zh')
      .replace('2020 年 6 月 4 日\tS/2020/514', '2020 年 6 月 5 日\tS/2020/514')
      .replace('部队指挥官以及观察员部队副指挥官除了', '部队指挥官除了')
      .replace('观察员部队副指挥官向安理会成员通报了', '安理会成员听取了');
    assert.notEqual(text, seedText('zh'));
    const checked = await ed.post('/console/drafts', { item: '2020-23', text });
    assert.equal(checked.statusCode, 303, checked.body.slice(0, 500));
    const path = String(checked.headers.location).split('?')[0]!;
    const rows = async (lang: string) => changeRows((await ed.get(`${path}?lang=${lang}`)).body);
    const zh = await rows('zh');
    const has = (all: string[][], row: string[]) =>
      assert.ok(
        all.some((r) => JSON.stringify(r) === JSON.stringify(row)),
        `${JSON.stringify(row)} among ${JSON.stringify(all, null, 1)}`,
      );
    has(zh, [
      '更改',
      '决定：第 2538(2020)号决议',
      '会议 S/2020/856，表决 14-0-1，书面程序 S/2020/851（表格第4行）',
      '会议 S/2020/856，表决 15-0-0，书面程序 S/2020/851（表格第4行）',
    ]);
    has(zh, [
      '更改',
      '会议：S/2020/514',
      '2020年6月4日，公开视频会议，2020年6月8日的信（表格第2行）',
      '2020年6月5日，公开视频会议，2020年6月8日的信（表格第2行）',
    ]);
    has(zh, [
      '删除',
      '通报人：副部队指挥官，联合国脱离接触观察员部队（S/2020/514）',
      '观察员部队副指挥官（第4段）',
      '—',
    ]);
    // No English word in the Chinese diff: symbols and numbers only.
    for (const r of zh) for (const cell of r) assert.doesNotMatch(cell, /[A-Za-z]{3,}/, cell);
    const en = await rows('en');
    has(en, [
      'changed',
      'decision: Resolution 2538 (2020)',
      'meeting S/2020/856, vote 14-0-1, written procedure S/2020/851 (table row 4)',
      'meeting S/2020/856, vote 15-0-0, written procedure S/2020/851 (table row 4)',
    ]);
    has(en, [
      'changed',
      'meeting: S/2020/514',
      '4 June 2020, Open videoconference, letter of 8 June 2020 (table row 2)',
      '5 June 2020, Open videoconference, letter of 8 June 2020 (table row 2)',
    ]);
    has(en, [
      'removed',
      'briefer: Deputy Force Commander, United Nations Disengagement Observer Force at S/2020/514',
      'Deputy Force Commander, UNDOF (paragraph 4)',
      '—',
    ]);
  });

  test('a refused form keeps what was typed and names the field in the reader’s language', async () => {
    const ed = new FormBrowser(app);
    await ed.login('editor-a', PASSWORD);
    const cases: [Record<string, string>, RegExp, RegExp][] = [
      [{ item: '2020-23', text: '   ' }, /«该节文本»: 不得为空/, /«Text of the section»: must not be empty/],
      [
        { item: '23', text: 'x' },
        /«议程项目（例如 2020-23）»: 应为年份/,
        /«Agenda item \(e\.g\. 2020-23\)»: expected/,
      ],
      [
        { item: '2020-24', text: editedZh() },
        /«议程项目（例如 2020-23）»: 该文本是项目2020-23的一节，不是项目2020-24的/,
        /the text is a section of item 2020-23, not of item 2020-24/,
      ],
      [
        { item: '2020-23', text: 'x'.repeat(400_001) },
        /«该节文本»: 最多400000个字符/,
        /at most 400000 characters/,
      ],
    ];
    for (const [fields, zh, en] of cases) {
      for (const [lang, expected] of [
        ['zh', zh],
        ['en', en],
      ] as const) {
        await ed.get(`/console/drafts?lang=${lang}`);
        const r = await ed.post('/console/drafts', fields);
        assert.equal(r.statusCode, 400, `${fields.item}: ${r.body.slice(0, 300)}`);
        const $ = load(r.body);
        assert.match($('[role="alert"]').text().replace(/\s+/g, ' '), expected);
        assert.equal($('#d-item').attr('value'), fields.item, 'the item typed is kept');
        if (fields.text!.trim() !== '' && fields.text!.length < 100_000)
          // A browser drops the newline that follows <textarea>; cheerio keeps it.
          assert.equal($('#d-text').text().replace(/^\n/, ''), fields.text, 'the text is kept');
      }
    }
    const versions = await listSectionVersions(ts.store.db, '2020-24');
    assert.equal(versions.length, 0, 'nothing kept from a refused form');
  });

  test('only editors: others get 403, the public is asked to sign in, a forged form is refused', async () => {
    const sec = new FormBrowser(app);
    await sec.login('secretariat-a', PASSWORD);
    assert.equal((await sec.get('/console/drafts')).statusCode, 403);
    const posted = await sec.post('/console/drafts', { item: '2020-23', text: editedZh() });
    assert.equal(posted.statusCode, 403);
    const pub = await sec.post(
      `/console/drafts/${encodeURIComponent('repertoire:2020:23:en@v1')}/publish`,
      {},
    );
    assert.equal(pub.statusCode, 403);
    const anon = new FormBrowser(app);
    const seen = await anon.get('/console/drafts');
    assert.equal(seen.statusCode, 401);
    assert.equal(load(seen.body)('form[action="/console/login"]').length, 1);
    const ed = new FormBrowser(app);
    await ed.login('editor-a', PASSWORD);
    const forged = await ed.post('/console/drafts', { item: '2020-23', text: editedZh() }, 'not-the-token');
    assert.equal(forged.statusCode, 403);
  });
});
