import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { backends, type TestStore } from '../support/stores.ts';
import { appOver, texts } from './app.ts';
import { loadRepertoire } from './record.ts';
import { reindexAll } from '../../src/search/indexer.ts';
import { mergeMeeting, upsertSource } from '../../src/store/record.ts';

const MEETING_514 = '/meetings/' + encodeURIComponent('S/2020/514');
const RES_2518 = '/decisions/' + encodeURIComponent('S/RES/2518 (2020)');

for (const backend of await backends()) {
  describe(`web pages on ${backend.name}`, { skip: backend.skip }, () => {
    let ts: TestStore;
    let app: FastifyInstance;
    const get = (url: string, headers: Record<string, string> = {}) =>
      app.inject({ method: 'GET', url, headers });

    before(async () => {
      ts = await backend.open();
      await loadRepertoire(ts.store);
      await reindexAll(ts.store);
      app = await appOver(ts.store, ts.env);
    });
    after(async () => {
      await app?.close();
      await ts?.dispose();
    });

    test('home counts what the record holds and lists recent videoconferences', async () => {
      const r = await get('/');
      assert.equal(r.statusCode, 200);
      assert.match(r.headers['content-type'] as string, /text\/html; charset=utf-8/);
      assert.match(r.body, /<html lang="zh-Hans">/);
      assert.match(r.body, /<th scope="row"><a href="\/search\?year=2020">2020<\/a><\/th>/);
      assert.ok(
        r.body.includes(`href="${MEETING_514}"`),
        'the 4 June VTC is among the recent videoconferences',
      );
    });

    test('item 23 of 2020: six videoconferences in the Repertoire columns, both resolutions, four briefers on 4 June', async () => {
      const r = await get('/items/2020/23');
      assert.equal(r.statusCode, 200);
      const table = /<table class="repertoire">([\s\S]*?)<\/table>/.exec(r.body)?.[1] ?? '';
      assert.deepEqual(texts(table, /<th scope="col">([\s\S]*?)<\/th>/g), [
        '视频会议日期',
        '视频会议记录',
        '标题',
        '决定、表决(赞成-反对-弃权)和书面程序记录',
      ]);
      const rows = texts(table, /<th scope="row">([\s\S]*?)<\/th>/g);
      assert.equal(rows.length, 6);
      assert.match(rows[0]!, /2020年3月30日/);
      assert.match(rows[0]!, /非公开视频会议/, '30 March was held as a closed VTC');
      assert.match(rows[1]!, /2020年6月4日.*公开视频会议/);
      assert.match(table, /第 ?2518\(2020\)号决议<\/a> 15-0-0/);
      assert.match(table, /第 ?2538\(2020\)号决议<\/a> 15-0-0/);
      const briefers =
        /<h3><a href="\/meetings\/S%2F2020%2F514">[\s\S]*?<ul>([\s\S]*?)<\/ul>/.exec(r.body)?.[1] ?? '';
      assert.equal(texts(briefers, /<li>([\s\S]*?)<\/li>/g).length, 4);
    });

    test('the narrative keeps its footnotes, and footnote 646 links to the 4 June videoconference', async () => {
      const r = await get('/items/2020/23');
      assert.match(r.body, /<sup class="fnref"><a id="fnref-646" href="#fn-646"/);
      const fn = /<li id="fn-646"[^>]*>([\s\S]*?)<\/li>/.exec(r.body)?.[1] ?? '';
      assert.ok(fn.includes(`href="${MEETING_514}"`), fn);
      assert.match(r.body, /<a id="fnref-651" href="#fn-651"/);
    });

    test('the 4 June videoconference: open VTC, record letter, four briefers with office and mission, each with its source', async () => {
      const r = await get(MEETING_514);
      assert.equal(r.statusCode, 200);
      assert.match(r.body, /<h1>2020年6月4日视频会议<\/h1>/);
      assert.match(r.body, /class="badge badge-open_vtc">公开视频会议/);
      assert.match(r.body, /undocs\.org\/zh\/S\/2020\/514/);
      const list = /<ol class="participants">([\s\S]*?)<\/ol>/.exec(r.body)?.[1] ?? '';
      const briefers = texts(list, /<li id="briefer-\d+">([\s\S]*?)<\/li>/g);
      assert.equal(briefers.length, 4);
      assert.match(briefers[0]!, /主管和平行动副秘书长/);
      assert.ok(
        briefers.slice(1).every((b) => /指挥官/.test(b)),
        briefers.join('\n'),
      );
      assert.match(list, /<abbr title="联合国马里多层面综合稳定团">/);
      assert.equal((list.match(/class="prov"/g) ?? []).length, 4, 'each briefer names its source');
      // The hand-typed address with raw slashes reaches the same page.
      assert.equal((await get('/meetings/S/2020/514')).statusCode, 200);
    });

    test('in English the interface changes and the Chinese-only record text is marked as Chinese', async () => {
      const r = await get(`${MEETING_514}?lang=en`);
      assert.equal(r.statusCode, 200);
      assert.match(r.body, /<html lang="en">/);
      assert.match(r.body, /<h1>Videoconference of 4 June 2020<\/h1>/);
      assert.match(r.body, /Open videoconference/);
      assert.match(r.body, /<span lang="zh-Hans">2020 ?年 ?6 ?月 ?8 ?日安全理事会主席/);
      const cookie = String(r.headers['set-cookie']);
      assert.match(cookie, /lang=en/);
      assert.match(cookie, /SameSite=Lax/i);
      const again = await get(RES_2518, { cookie: 'lang=en' });
      assert.match(again.body, /<h1>Resolution 2518 \(2020\) — S\/RES\/2518 \(2020\)<\/h1>/);
      assert.ok(
        again.body.includes('href="/decisions/S%2FRES%2F2518%20(2020)?lang=zh"'),
        'the switch keeps the page',
      );
    });

    test('resolution 2518 (2020): date, modality, written-procedure letter, votes by member with permanent members marked, cited by', async () => {
      const r = await get(RES_2518);
      assert.equal(r.statusCode, 200);
      assert.match(r.body, /2020年3月30日/);
      assert.match(r.body, /S\/2020\/249/);
      const votes = /<table class="votes">([\s\S]*?)<\/table>/.exec(r.body)?.[1] ?? '';
      // The fifteen members on 30 March 2020; the sources give 15-0-0, not each vote, so none is guessed.
      assert.equal((votes.match(/<tr><th scope="row">/g) ?? []).length, 15);
      assert.match(r.body, /15-0-0/);
      assert.equal((votes.match(/class="p5"/g) ?? []).length, 5);
      assert.match(r.body, /<h2 id="cited-h">引用情况<\/h2>\s*<ul/);
      assert.match(r.body, /href="\/items\/2020\/23#fn-640"/);
    });

    test('a member state page shows terms and the positions the state took', async () => {
      const r = await get('/states/CHN');
      assert.equal(r.statusCode, 200);
      assert.match(r.body, /<h1>中国/);
      assert.match(r.body, /常任席位/);
      const positions = /<ul class="positions">([\s\S]*?)<\/ul>/.exec(r.body)?.[1] ?? '';
      assert.match(positions, /人权应服务和行动的主要目标/, 'footnote 651: China and the Russian Federation');
      assert.ok(
        positions.includes('href="/meetings/S%2F2020%2F674"'),
        'linked to the 7 July videoconference',
      );
      assert.equal((await get('/states/chn')).statusCode, 301);
    });

    test('the filter keeps its state in the query string', async () => {
      const r = await get('/search?year=2020&item=23&format=open_vtc&type=meetings');
      assert.equal(r.statusCode, 200);
      const results = /<ul class="plain results">([\s\S]*?)<\/ul>/.exec(r.body)?.[1] ?? '';
      assert.equal(texts(results, /<li>([\s\S]*?)<\/li>/g).length, 5, 'five open VTCs; 30 March was closed');
      assert.match(r.body, /<option value="open_vtc" selected>/);
      const empty = await get('/search?year=&item=&format=&kind=&q=');
      assert.equal(empty.statusCode, 200, 'an empty form submission is no filter, not an error');
    });

    test('a text search finds the force commanders who briefed on 4 June, with the match marked', async () => {
      const r = await get('/search?q=' + encodeURIComponent('部队指挥官') + '&year=2020');
      assert.equal(r.statusCode, 200);
      const hits = /<ol class="hits"[^>]*>([\s\S]*?)<\/ol>/.exec(r.body)?.[1] ?? '';
      assert.ok(hits.includes(`href="${MEETING_514}#briefer-1"`), hits.slice(0, 500));
      assert.match(hits, /<mark>部队指挥官<\/mark>/);
    });

    test('the statistics page gives the year in figures and its charts', async () => {
      const r = await get('/stats?year=2020&lang=en');
      assert.equal(r.statusCode, 200);
      assert.match(
        r.body,
        /<th scope="row">Videoconferences<\/th><td>6<br>/,
        'the six of item 23 (the only VTC source loaded here)',
      );
      assert.match(r.body, /<figure class="chart"/);
      assert.equal((await get('/stats?year=1900')).statusCode, 400);
    });

    test('unknown ids get a 404 page with suggestions; malformed query strings a 400 page', async () => {
      const r = await get('/meetings/' + encodeURIComponent('S/2020/515'));
      assert.equal(r.statusCode, 404);
      assert.match(r.body, /<h1>记录中没有此项<\/h1>/);
      assert.ok(r.body.includes(`href="${MEETING_514}"`), 'suggests meetings of the same series');
      assert.ok(r.body.includes('href="/search?q=S%2F2020%2F515"'));
      const unknown = await get('/decisions/' + encodeURIComponent('S/RES/9999 (2020)') + '?lang=en');
      assert.equal(unknown.statusCode, 404);
      assert.match(unknown.body, /Not in the record/);
      for (const url of [
        '/search?year=abc',
        '/search?q=%E0%A4%A',
        '/?lang=fr',
        '/items/abc/23',
        '/search?year=2020&year=2021',
      ]) {
        const bad = await get(url);
        assert.equal(bad.statusCode, 400, url);
        assert.match(bad.headers['content-type'] as string, /text\/html/, url);
        assert.doesNotMatch(bad.body, /\bat .*\.ts:\d+/, 'no stack trace');
      }
      assert.equal((await get('/api/nope')).headers['content-type'], 'application/json; charset=utf-8');
    });

    test('record and user strings are escaped on every page', async () => {
      const evil = '<script>alert("x")</script>';
      const r = await get(`/search?q=${encodeURIComponent(evil)}`);
      assert.equal(r.statusCode, 200);
      assert.ok(!r.body.includes(evil));
      assert.ok(r.body.includes('value="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"'));
      const nf = await get(`/meetings/${encodeURIComponent(evil)}`);
      assert.equal(nf.statusCode, 404);
      assert.ok(!nf.body.includes(evil));
      assert.match(r.headers['content-security-policy'] as string, /default-src 'self'/);
    });

    test('when sources disagree on a format, the item table says so and the meeting page shows both values', async () => {
      // The UN Library's 2020 VTC table lists 30 March (S/2020/268) without saying open or closed; the
      // DHL importer reads it as open and meets the Repertoire's note that it was held closed.
      await upsertSource(ts.store.db, {
        id: 'dhl:test',
        kind: 'dhl_table',
        uri: 'data/sources/dhl-tables/scact2020_covid_table_en.html',
        title: null,
        lang: 'en',
        sha256: 'x',
        imported_at: '2026-11-26T06:00:00Z',
      });
      await mergeMeeting(
        ts.store.db,
        { id: 'S/2020/268', date: '2020-03-30', format: 'open_vtc', record_symbol: 'S/2020/268' },
        { sourceId: 'dhl:test', locator: 'table 1 row 75' },
      );
      const item = await get('/items/2020/23');
      assert.match(
        item.body,
        /非公开视频会议<\/span> <a class="disputed" href="\/meetings\/S%2F2020%2F268#conflicts-h">/,
      );
      const m = await get('/meetings/' + encodeURIComponent('S/2020/268'));
      const table = /<section aria-labelledby="conflicts-h"[\s\S]*?<\/section>/.exec(m.body)?.[0] ?? '';
      assert.match(table, /<td>format<\/td><td>closed_vtc<\/td>/);
      assert.match(table, /<td>format<\/td><td>open_vtc<\/td>/);
    });
  });
}
