import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { backends, type TestStore } from '../support/stores.ts';
import { appOver, parse, text } from './app.ts';
import { loadRepertoire } from './record.ts';
import { reindexAll } from '../../src/search/indexer.ts';
import { search } from '../../src/search/search.ts';
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

    test('home counts what the record holds and lists the Repertoire sections and recent videoconferences', async () => {
      const r = await get('/');
      assert.equal(r.statusCode, 200);
      assert.match(r.headers['content-type'] as string, /text\/html; charset=utf-8/);
      const $ = parse(r.body);
      assert.equal($('html').attr('lang'), 'zh-Hans');
      assert.equal(text($('table.counts th[scope=row] a[href="/search?year=2020"]')), '2020');
      assert.equal($('#sections-h + ul a[href="/items/2020/23"]').length, 1);
      assert.ok(
        $(`a[href="${MEETING_514}"]`).length > 0,
        'the 4 June VTC is among the recent videoconferences',
      );
    });

    test('item 23 of 2020: six videoconferences in the Repertoire columns, both resolutions, four briefers on 4 June', async () => {
      const r = await get('/items/2020/23');
      assert.equal(r.statusCode, 200);
      const $ = parse(r.body);
      const table = $('table.repertoire').first();
      assert.deepEqual(
        table
          .find('th[scope=col]')
          .map((_, th) => text($(th)))
          .get(),
        ['视频会议日期', '视频会议记录', '标题', '决定、表决(赞成-反对-弃权)和书面程序记录'],
      );
      const rows = table
        .find('tbody tr')
        .map((_, tr) => text($(tr)))
        .get();
      assert.equal(rows.length, 6);
      assert.match(rows[0]!, /2020年3月30日.*非公开视频会议/, '30 March was held as a closed VTC');
      assert.match(rows[0]!, /第 ?2518\(2020\)号决议 15-0-0 S\/2020\/249/);
      assert.match(rows[1]!, /2020年6月4日.*公开视频会议.*S\/2020\/514/);
      assert.match(rows[3]!, /第 ?2538\(2020\)号决议 15-0-0 S\/2020\/851/);
      const june4 = $(`#briefers-h ~ h3:has(a[href="${MEETING_514}"])`).next('ul');
      assert.equal(june4.children('li').length, 4);
    });

    test('the narrative keeps its footnotes, and footnote 646 links to the 4 June videoconference', async () => {
      const $ = parse((await get('/items/2020/23')).body);
      assert.equal($('sup.fnref a#fnref-646[href="#fn-646"]').length, 1);
      assert.equal($(`li#fn-646 a[href="${MEETING_514}"]`).length, 1);
      assert.equal($('li#fn-640 a.fnback[href="#fnref-640"]').length, 1);
      assert.equal($('#fnref-651').length, 1);
      assert.equal($('.repertoire-footnotes li').length, 22);
    });

    test('an "Ibid." footnote links to what it cites, and resolutions named in words link to the record', async () => {
      const $ = parse((await get('/items/2020/23')).body);
      assert.match(text($('li#fn-641')), /^同上，第5段。/);
      assert.equal($(`li#fn-641 .cites a[href="${RES_2518}"]`).length, 1);
      assert.equal($(`li#fn-640 .cites`).length, 0, 'footnote 640 names the resolution itself');
      assert.equal($(`li#fn-640 a[href="${RES_2518}"]`).length, 1, '第2518(2020)号决议 is a link');
      // In English the Chinese-only footnotes the record can restate are given in English, same anchors.
      const en = parse((await get('/items/2020/23?lang=en')).body);
      assert.match(text(en('li#fn-641')), /^Ibid\., para\. 5\./);
      assert.equal(en(`li#fn-641 .cites a[href="${RES_2518}"]`).length, 1);
      assert.equal(en(`li#fn-646 a[href="${MEETING_514}"]`).length, 1);
      assert.equal(en('.repertoire-notice[role=note]').length, 1, 'says the narrative is Chinese only');
      assert.equal(en('.narrative p[lang="zh"]').length > 0, true);
    });

    test('search hits and "cited by" links land on anchors the item page has', async () => {
      const links = [
        ...(await search(ts.store, { q: 'S/2020/514', kind: 'footnote' })).hits,
        ...(await search(ts.store, { q: '维和人员', kind: 'paragraph' })).hits,
      ].map((h) => h.link);
      const cited = parse((await get(RES_2518)).body)('#cited-h + ul a')
        .map((_, a) => a.attribs.href)
        .get();
      assert.ok(links.some((l) => l.endsWith('#fn-646')) && cited.length > 1);
      for (const link of [...links, ...cited]) {
        const [path, anchor] = link.split('#');
        const $ = parse((await get(path!)).body);
        assert.equal($(`[id="${anchor}"]`).length, 1, link);
      }
    });

    test('the 4 June videoconference: open VTC, record letter, four briefers with office and mission, each with its source', async () => {
      const r = await get(MEETING_514);
      assert.equal(r.statusCode, 200);
      const $ = parse(r.body);
      assert.equal(text($('h1')), '2020年6月4日视频会议');
      assert.equal(text($('.format-line .badge-open_vtc')), '公开视频会议');
      assert.equal($('a[href="https://undocs.org/zh/S/2020/514"]').length, 1);
      const briefers = $('ol.participants > li');
      assert.equal(briefers.length, 4);
      assert.match(text(briefers.eq(0)), /主管和平行动副秘书长/);
      briefers.slice(1).each((_, li) => assert.match(text($(li)), /指挥官/));
      assert.match(text(briefers.eq(1)), /联合国马里多层面综合稳定团/, 'the mission named in full');
      assert.equal(
        $('ol.participants .prov a[href^="/sources/"]').length,
        4,
        'each briefer names its source',
      );
      assert.equal($('#p-repertoire-2020-23-1').length, 1, 'the anchor the search engine links to');
      const anchors = briefers.map((_, li) => $(li).attr('id')).get();
      assert.equal(new Set(anchors).size, anchors.length, 'one anchor per participant');
      // The hand-typed address with raw slashes reaches the same page.
      assert.equal((await get('/meetings/S/2020/514')).statusCode, 200);
    });

    test('in English the interface changes and the Chinese-only record text is marked as Chinese', async () => {
      const r = await get(`${MEETING_514}?lang=en`);
      assert.equal(r.statusCode, 200);
      const $ = parse(r.body);
      assert.equal($('html').attr('lang'), 'en');
      assert.equal(text($('h1')), 'Videoconference of 4 June 2020');
      assert.match(text($('.format-line')), /Open videoconference/);
      assert.match(text($('dd span[lang="zh-Hans"]').first()), /安全理事会主席/);
      const cookie = String(r.headers['set-cookie']);
      assert.match(cookie, /lang=en/);
      assert.match(cookie, /SameSite=Lax/i);
      const again = parse((await get(RES_2518, { cookie: 'lang=en' })).body);
      assert.equal(text(again('h1')), 'Resolution 2518 (2020) — S/RES/2518 (2020)');
      assert.equal(
        again('.langs a[href="/decisions/S%2FRES%2F2518%20(2020)?lang=zh"]').length,
        1,
        'the switch keeps the page',
      );
    });

    test('resolution 2518 (2020): date, modality, written-procedure letter, votes by member with permanent members marked, cited by', async () => {
      const r = await get(RES_2518);
      assert.equal(r.statusCode, 200);
      const $ = parse(r.body);
      const facts = text($('dl.facts'));
      assert.match(facts, /2020年3月30日/);
      assert.match(facts, /以书面程序通过/);
      assert.match(facts, /15-0-0/);
      assert.equal($('dl.facts a[href="https://undocs.org/zh/S/2020/249"]').length, 1);
      // The fifteen members on 30 March 2020; the sources give 15-0-0, not each vote, so none is guessed.
      assert.equal($('table.votes tbody tr').length, 15);
      assert.equal($('table.votes abbr.p5').length, 5);
      assert.equal($('#cited-h + ul a[href="/items/2020/23#fn-640"]').length, 1);
      assert.ok(
        $('#cited-h + ul a[href^="/items/2020/23#p"]').length >= 1,
        'and the narrative paragraphs naming it',
      );
    });

    test('a member state page shows terms and the positions the state took', async () => {
      const r = await get('/states/CHN');
      assert.equal(r.statusCode, 200);
      const $ = parse(r.body);
      assert.match(text($('h1')), /^中国/);
      assert.match(text($('#terms-h + ul')), /常任席位/);
      const positions = $('#positions-h + ul.positions');
      assert.match(
        text(positions),
        /人权应服务和行动的主要目标/,
        'footnote 651: China and the Russian Federation',
      );
      assert.ok(
        positions.find(`a[href="/meetings/S%2F2020%2F674"]`).length > 0,
        'linked to the 7 July videoconference',
      );
      assert.equal((await get('/states/chn')).statusCode, 301);
      assert.equal((await get('/states/China')).statusCode, 302);
    });

    test('the filter keeps its state in the query string', async () => {
      const r = await get('/search?year=2020&item=23&format=open_vtc&type=meetings');
      assert.equal(r.statusCode, 200);
      const $ = parse(r.body);
      assert.equal($('#rm-h + ul.results > li').length, 5, 'five open VTCs; 30 March was closed');
      assert.equal($('#f-format option[value="open_vtc"]').attr('selected'), 'selected');
      const empty = await get('/search?year=&item=&format=&kind=&q=');
      assert.equal(empty.statusCode, 200, 'an empty form submission is no filter, not an error');
    });

    test('a text search finds the force commanders who briefed on 4 June, with the match marked', async () => {
      const r = await get('/search?q=' + encodeURIComponent('部队指挥官') + '&year=2020');
      assert.equal(r.statusCode, 200);
      const $ = parse(r.body);
      assert.equal($(`ol.hits a[href="${MEETING_514}#p-repertoire-2020-23-1"]`).length, 1);
      assert.ok($('ol.hits mark').filter((_, m) => $(m).text() === '部队指挥官').length > 0);
    });

    test('the statistics page gives the year in figures and its charts', async () => {
      const r = await get('/stats?year=2020&lang=en');
      assert.equal(r.statusCode, 200);
      const $ = parse(r.body);
      const vtcRow = $('table.figures tr').filter((_, tr) => text($(tr).find('th')) === 'Videoconferences');
      // The six of item 23 (the only VTC source loaded here): five open, 30 March closed.
      assert.match(
        text(vtcRow.find('td').first()),
        /^6\s*open: 5; closed: 1\s*Missing: the UN Library's meeting table for 2020/,
      );
      assert.ok($('figure.chart svg[role=img]').length >= 2);
      assert.equal((await get('/stats?year=1900')).statusCode, 400);
    });

    test('unknown ids get a 404 page with suggestions; malformed query strings a 400 page', async () => {
      const r = await get('/meetings/' + encodeURIComponent('S/2020/515'));
      assert.equal(r.statusCode, 404);
      const $ = parse(r.body);
      assert.equal(text($('h1')), '记录中没有此项');
      assert.equal($(`main a[href="${MEETING_514}"]`).length, 1, 'suggests meetings of the same series');
      assert.equal($('main a[href="/search?q=S%2F2020%2F515"]').length, 1);
      const unknown = await get('/decisions/' + encodeURIComponent('S/RES/9999 (2020)') + '?lang=en');
      assert.equal(unknown.statusCode, 404);
      assert.equal(text(parse(unknown.body)('h1')), 'Not in the record');
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
      assert.equal(parse(r.body)('#f-q').attr('value'), evil, 'shown back as text in the field');
      assert.equal(parse(r.body)('script').length, 0);
      const nf = await get(`/meetings/${encodeURIComponent(evil)}`);
      assert.equal(nf.statusCode, 404);
      assert.ok(!nf.body.includes(evil));
      assert.match(r.headers['content-security-policy'] as string, /default-src 'self'/);
    });

    test('list pages link their Atom feed with their filters', async () => {
      const feed = async (url: string) =>
        parse((await get(url)).body)('link[rel=alternate][type="application/atom+xml"]').attr('href');
      assert.equal(await feed('/'), '/feed.atom');
      assert.equal(await feed('/items?year=2020'), '/feed.atom?year=2020');
      assert.equal(await feed('/search?year=2020&kind=resolution'), '/feed.atom?year=2020&kind=resolution');
      assert.equal(await feed('/search?format=open_vtc&item=23'), '/feed.atom?item=23&format=open_vtc');
    });

    test('/items opens on the latest year that has items, not on a later year of meetings only', async () => {
      await upsertSource(ts.store.db, {
        id: 'dhl:test-2021',
        kind: 'dhl_table',
        uri: 'scact2021_table_en.html',
        title: null,
        lang: 'en',
        sha256: 'x',
        imported_at: '2026-11-26T06:00:00Z',
      });
      await mergeMeeting(
        ts.store.db,
        { id: 'S/PV.8700-test', date: '2021-01-05', format: 'formal_public', record_symbol: null },
        { sourceId: 'dhl:test-2021', locator: 'table 1 row 1' },
      );
      const $ = parse((await get('/items')).body);
      assert.equal($('a[href="/items/2020/23"]').length, 1, 'item 23 of 2020 is listed');
      assert.equal($('nav [aria-current=page]').last().text(), '2020');
      assert.equal($('a[href="/items?year=2021"]').length, 0, 'a year without items is not offered');
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
      const $ = parse((await get('/items/2020/23')).body);
      assert.equal(
        $('table.repertoire tbody tr').first().find('a.disputed[href="/meetings/S%2F2020%2F268#conflicts-h"]')
          .length,
        1,
      );
      const m = parse((await get('/meetings/' + encodeURIComponent('S/2020/268'))).body);
      const values = m('section.conflicts tbody tr')
        .map((_, tr) => text(m(tr)))
        .get();
      assert.ok(
        values.some((x) => /^format closed_vtc repertoire/.test(x)),
        values.join(' | '),
      );
      assert.ok(
        values.some((x) => /^format open_vtc dhl:test/.test(x)),
        values.join(' | '),
      );
    });
  });
}
