import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../../src/config/config.ts';
import { buildApp } from '../../src/server/app.ts';
import { backends, type TestStore } from '../support/stores.ts';
import { CORPUS_DIR } from '../../src/config/paths.ts';
import { ingestPaths } from '../../src/ingest/repertoire/index.ts';

for (const backend of await backends()) {
  describe(`JSON list APIs (${backend.name})`, { skip: backend.skip }, () => {
    let t: TestStore;
    let app: FastifyInstance;
    before(async () => {
      t = await backend.open();
      // The seed section, stored by the Repertoire ingest as `npm start` does.
      await ingestPaths(t.store, [CORPUS_DIR]);
      app = await buildApp(
        { store: t.store, readStore: t.store, config: loadConfig(t.env) },
        { logger: false },
      );
    });
    after(async () => {
      await app.close();
      await t.dispose();
    });

    const get = async (url: string) => {
      const r = await app.inject({ method: 'GET', url });
      return { status: r.statusCode, body: r.json() as Record<string, unknown> };
    };

    it('GET /api/meetings?year=2020&item=23 lists the six videoconferences in date order', async () => {
      const { status, body } = await get('/api/meetings?year=2020&item=23');
      assert.equal(status, 200);
      const items = body.items as {
        date: string;
        recordSymbol: string;
        format: string;
        decisions: { symbol: string }[];
      }[];
      assert.equal(body.total, 6);
      assert.deepEqual(
        items.map((m) => [m.date, m.recordSymbol, m.format]),
        [
          ['2020-03-30', 'S/2020/268', 'closed_vtc'],
          ['2020-06-04', 'S/2020/514', 'open_vtc'],
          ['2020-07-07', 'S/2020/674', 'open_vtc'],
          ['2020-08-28', 'S/2020/856', 'open_vtc'],
          ['2020-09-14', 'S/2020/911', 'open_vtc'],
          ['2020-11-04', 'S/2020/1092', 'open_vtc'],
        ],
      );
      assert.deepEqual(
        items[0]!.decisions.map((d) => d.symbol),
        ['S/RES/2518 (2020)'],
      );
    });

    it('pages, filters by format, and reports the total', async () => {
      const { body } = await get('/api/meetings?year=2020&item=23&pageSize=4&page=2');
      assert.deepEqual(
        [body.page, body.pageSize, body.total, body.pages, (body.items as unknown[]).length],
        [2, 4, 6, 2, 2],
      );
      const blank = await get('/api/meetings?year=2020&item=23&format=&page=');
      assert.equal(blank.body.total, 6, 'an empty parameter means no filter, as on the pages');
      const closed = await get('/api/meetings?year=2020&format=closed_vtc');
      assert.equal(closed.body.total, 1);
    });

    it('answers 400 JSON for a malformed or unknown query parameter', async () => {
      for (const q of [
        'year=abc',
        'pageSize=500',
        'page=0',
        'format=zoom',
        'yaer=2020',
        'year=2020&year=2021',
      ]) {
        const { status, body } = await get(`/api/meetings?${q}`);
        assert.equal(status, 400, q);
        assert.equal(body.statusCode, 400, q);
        assert.equal(typeof body.error, 'string', q);
        assert.ok(!String(body.error).includes(' at '), `no stack trace for ${q}`);
      }
      assert.match(String((await get('/api/meetings?yaer=2020')).body.error), /yaer|unrecognized/i);
    });

    it('returns one meeting with its briefers, a decision with its citing footnotes, and 404s', async () => {
      const m = await get('/api/meetings/S/2020/514');
      assert.equal(m.status, 200);
      assert.equal((m.body.participants as unknown[]).length, 4);
      assert.equal((m.body.citedBy as { number: number }[])[0]!.number, 646);
      const d = await get(`/api/decisions/${encodeURIComponent('S/RES/2518 (2020)')}`);
      assert.equal(d.status, 200);
      assert.deepEqual(
        (d.body.citedBy as { number: number }[]).map((f) => f.number),
        [640, 641, 642, 643, 644, 645],
      );
      const loose = await get('/api/decisions/S/RES/2518(2020)');
      assert.equal(loose.status, 200, 'a symbol without its space is found by its canonical form');
      const missing = await get('/api/decisions/S/RES/9999 (2020)');
      assert.equal(missing.status, 404);
      assert.equal(missing.body.code, 'not_found');
    });

    it('lists decisions, items and states, and shows a state', async () => {
      const d = await get('/api/decisions?year=2020&item=23&kind=resolution');
      assert.equal(d.body.total, 2);
      const items = await get('/api/items?year=2020');
      const item = (
        items.body.items as { id: string; meetings: number; decisions: number; sections: string[] }[]
      )[0]!;
      assert.deepEqual([item.id, item.meetings, item.decisions, item.sections], ['2020-23', 6, 2, ['zh']]);
      const members = await get('/api/states?year=2020&pageSize=200');
      assert.equal(members.body.total, 15, 'the Council of 2020: five permanent and ten elected members');
      const codes = (members.body.items as { iso3: string }[]).map((s) => s.iso3);
      for (const c of ['CHN', 'DEU', 'EST', 'VCT', 'VNM', 'TUN']) assert.ok(codes.includes(c), c);
      const deu = await get('/api/states/deu');
      assert.equal(deu.status, 200);
      assert.deepEqual(
        (deu.body.initiatives as { recordSymbol: string }[]).map((m) => m.recordSymbol),
        ['S/2020/674'],
      );
      assert.equal((await get('/api/states/XXX')).status, 404);
      const section = await get('/api/items/2020/23');
      assert.equal((section.body.footnotes as unknown[]).length, 22);
    });

    it('documents the routes in OpenAPI', async () => {
      const r = await app.inject({ method: 'GET', url: '/api/docs/json' });
      assert.equal(r.statusCode, 200, `the OpenAPI document must build: ${r.body.slice(0, 200)}`);
      const spec = r.json() as { paths: Record<string, { get?: { parameters?: { name: string }[] } }> };
      const params = spec.paths['/api/meetings']!.get!.parameters!.map((p) => p.name).sort();
      assert.deepEqual(params, ['format', 'item', 'page', 'pageSize', 'year']);
      for (const p of [
        '/api/decisions',
        '/api/states',
        '/api/states/{iso3}',
        '/api/items',
        '/api/items/{year}/{number}',
      ]) {
        assert.ok(spec.paths[p], p);
      }
    });
  });
}
