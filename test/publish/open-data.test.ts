import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../../src/config/config.ts';
import { buildApp } from '../../src/server/app.ts';
import { backends, type TestStore } from '../support/stores.ts';
import { seedTableLines, writeSeedFacts } from './support/seed-facts.ts';

for (const backend of await backends()) {
  describe(`publish downloads and open data (${backend.name})`, { skip: backend.skip }, () => {
    let t: TestStore;
    let app: FastifyInstance;
    before(async () => {
      t = await backend.open();
      await writeSeedFacts(t.store);
      app = await buildApp(
        { store: t.store, readStore: t.store, config: loadConfig(t.env) },
        { logger: false },
      );
    });
    after(async () => {
      await app.close();
      await t.dispose();
    });
    const get = (url: string) => app.inject({ method: 'GET', url });

    it('serves the section in every format and language', async () => {
      const txt = await get('/publish/items/2020/23.txt?lang=zh');
      assert.equal(txt.statusCode, 200);
      assert.match(String(txt.headers['content-type']), /^text\/plain/);
      for (const line of seedTableLines()) assert.ok(txt.body.includes(line), line);
      const html = await get('/publish/items/2020/23.html?lang=en');
      assert.match(html.body, /<html lang="en">/);
      assert.match(
        String(html.headers['content-disposition']),
        /^inline; filename="repertoire-2020-23-en.html"/,
      );
      const md = await get('/publish/items/2020/23.md');
      assert.match(String(md.headers['content-disposition']), /^attachment/);
      assert.ok(md.body.includes('[^639]'));
      const json = (await get('/publish/items/2020/23.json?lang=en&startAt=1')).json() as {
        footnotes: { number: number }[];
      };
      assert.equal(json.footnotes[0]!.number, 1);
      const csv = parse((await get('/publish/items/2020/23.csv?lang=zh')).body, { columns: true }) as Record<
        string,
        string
      >[];
      assert.equal(csv.length, 6);
      assert.equal(csv[0]!.decision, '第 2518(2020)号决议');
    });

    it('answers 404 and 400 in JSON', async () => {
      const missing = await get('/publish/items/2020/99.html');
      assert.equal(missing.statusCode, 404);
      assert.match(missing.json<{ error: string }>().error, /no agenda item 99 of 2020/);
      for (const url of [
        '/publish/items/2020/23.pdf',
        '/publish/items/2020/23.html?lang=fr',
        '/publish/items/abc/23.html',
        '/publish/items/2020/23.html?foo=1',
      ]) {
        const r = await get(url);
        assert.equal(r.statusCode, 400, url);
        assert.equal(r.json<{ statusCode: number }>().statusCode, 400, url);
      }
    });

    it('exports meetings, decisions, votes and briefers as CSV and JSON', async () => {
      const meetings = parse((await get('/export/meetings.csv')).body, { columns: true }) as Record<
        string,
        string
      >[];
      assert.equal(meetings.length, 6);
      assert.deepEqual(
        meetings.map((m) => m.record_symbol),
        ['S/2020/268', 'S/2020/514', 'S/2020/674', 'S/2020/856', 'S/2020/911', 'S/2020/1092'],
      );
      assert.equal(meetings[0]!.decisions, 'S/RES/2518 (2020)');
      const decisions = (await get('/export/decisions.json')).json() as {
        count: number;
        rows: Record<string, unknown>[];
      };
      assert.equal(decisions.count, 2);
      assert.deepEqual(
        decisions.rows.map((d) => [d.id, d.vote_for, d.written_procedure_letter]),
        [
          ['S/RES/2518 (2020)', 15, 'S/2020/249'],
          ['S/RES/2538 (2020)', 15, 'S/2020/851'],
        ],
      );
      const bom = await get('/export/meetings.csv?bom=1');
      assert.equal(bom.rawPayload.subarray(0, 3).toString('hex'), 'efbbbf');
      assert.equal((await get('/export/meetings.csv?bom=yes')).statusCode, 400);
      const votes = parse((await get('/export/votes.csv')).body, { columns: true }) as Record<
        string,
        string
      >[];
      assert.equal(votes.length, 30);
      assert.equal(votes.filter((v) => v.permanent === '1').length, 10);
      const briefers = (await get('/export/briefers.json')).json() as { rows: { mission: string | null }[] };
      assert.deepEqual(
        briefers.rows.map((b) => b.mission),
        [null, 'MINUSMA', 'UNMISS', 'UNDOF'],
      );
    });

    it('exports vote events in Popolo shape', async () => {
      const p = (await get('/export/votes.popolo.json')).json() as {
        motions: { id: string; result: string }[];
        vote_events: {
          motion_id: string;
          counts: { option: string; value: number }[];
          votes: { voter_id: string; option: string }[];
        }[];
        organizations: { id: string }[];
      };
      assert.deepEqual(
        p.motions.map((m) => [m.id, m.result]),
        [
          ['S/RES/2518 (2020)', 'pass'],
          ['S/RES/2538 (2020)', 'pass'],
        ],
      );
      const e = p.vote_events[0]!;
      assert.deepEqual(e.counts.slice(0, 3), [
        { option: 'yes', value: 15 },
        { option: 'no', value: 0 },
        { option: 'abstain', value: 0 },
      ]);
      assert.equal(e.votes.length, 15);
      assert.ok(e.votes.some((v) => v.voter_id === 'DEU' && v.option === 'yes'));
      assert.equal(p.organizations.length, 1 + 15 + 0, 'the Council and the fifteen members of 2020');
    });

    it('exports a resolution as Akoma Ntoso with what is known, and says what is not', async () => {
      const r = await get('/export/akn/S/RES/2518%20(2020).xml');
      assert.equal(r.statusCode, 200);
      assert.match(r.body, /<akomaNtoso xmlns="http:\/\/docs.oasis-open.org\/legaldocml\/ns\/akn\/3.0">/);
      assert.match(r.body, /<FRBRalias name="UN symbol" value="S\/RES\/2518 \(2020\)"\/>/);
      assert.match(r.body, /<FRBRdate date="2020-03-30" name="adoption"\/>/);
      const paras = [...r.body.matchAll(/<paragraph eId="para_(\d+)" status="omissis">/g)].map((m) =>
        Number(m[1]),
      );
      assert.deepEqual(paras, [4, 5, 6, 9, 10, 12, 13]);
      assert.match(
        r.body,
        /安理会请秘书长继续采用一切适当措施，视情加强特派团态势感知，采取措施改善特派团的信息获取和分析能力。 \(Repertoire/,
      );
      assert.match(r.body, /<quantity eId="qty_for" refersTo="#votesFor" normalized="15">15<\/quantity>/);
      assert.equal((await get('/export/akn/S/RES/1%20(1946).xml')).statusCode, 404);
      assert.equal((await get('/export/akn/S/2020/514.xml')).statusCode, 404);
      assert.equal((await get('/export/akn/S/RES/2518%20(2020).xml?lang=fr')).statusCode, 400);
      const zh = await get('/export/akn/S/RES/2518%20(2020).xml?lang=zh');
      assert.match(zh.body, /<FRBRlanguage language="zho"\/>/);
      assert.match(zh.body, /<docDate date="2020-03-30">2020 年 3 月 30 日<\/docDate>/);
    });

    it('publishes an Atom feed of decisions and videoconferences, newest first', async () => {
      const r = await get('/feed.atom');
      assert.match(String(r.headers['content-type']), /application\/atom\+xml/);
      const titles = [...r.body.matchAll(/<title>([^<]*)<\/title>/g)].map((m) => m[1]);
      assert.equal(titles.length, 1 + 8);
      assert.equal(titles[1], 'Open videoconference: 联合国维持和平行动');
      assert.ok(titles.includes('Resolution 2538 (2020) (15-0-0)'));
      assert.match(r.body, /<updated>2020-11-04T00:00:00Z<\/updated>/);
      assert.match(r.body, /href="http:\/\/localhost(:\d+)?\/decisions\/S\/RES\/2518%20\(2020\)"/);
    });

    it('honours the feed filters of the list pages, and refuses bad ones with a JSON 400', async () => {
      const categories = (body: string) =>
        [...body.matchAll(/<category term="([^"]*)"\/>/g)].map((m) => m[1]);
      const titles = (body: string) =>
        [...body.matchAll(/<title>([^<]*)<\/title>/g)].map((m) => m[1]).slice(1);
      const all = await get('/feed.atom');
      const resolutions = await get('/feed.atom?kind=resolution');
      assert.equal(resolutions.statusCode, 200);
      assert.ok(titles(resolutions.body).length > 0);
      assert.ok(
        titles(resolutions.body).every((t) => /^Resolution \d+ \(\d{4}\)/.test(t!)),
        resolutions.body,
      );
      assert.ok(categories(all.body).includes('videoconference'));
      const open = await get('/feed.atom?format=open_vtc');
      assert.ok(categories(open.body).length > 0);
      assert.ok(titles(open.body).every((t) => t!.startsWith('Open videoconference')));
      assert.match(
        open.body,
        /<link rel="self" type="application\/atom\+xml" href="[^"]*\/feed.atom\?format=open_vtc"\/>/,
      );
      const item = await get('/feed.atom?year=2020&item=23');
      assert.ok(titles(item.body).length > 0);
      assert.equal(
        titles((await get('/feed.atom?year=2019')).body).length,
        0,
        'nothing of 2019 in this record',
      );
      assert.equal(titles((await get('/feed.atom?year=2020&item=24')).body).length, 0);
      for (const bad of ['/feed.atom?year=20x0', '/feed.atom?kind=veto', '/feed.atom?colour=red']) {
        const r = await get(bad);
        assert.equal(r.statusCode, 400, bad);
        assert.match(String(r.headers['content-type']), /application\/json/);
        assert.ok((JSON.parse(r.body) as { error: string }).error.length > 0);
      }
    });
  });
}
