import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance, RouteOptions } from 'fastify';
import { z } from 'zod';
import { loadConfig } from '../../src/config/config.ts';
import { buildApp } from '../../src/server/app.ts';
import { CORPUS_DIR } from '../../src/config/paths.ts';
import { ingestPaths } from '../../src/ingest/repertoire/index.ts';
import { sqliteTestStore, type TestStore } from '../support/stores.ts';

/**
 * Route schemas are written once, as zod schemas (src/server/json-schema.ts): the OpenAPI document must
 * show every parameter and field a route reads, and what a route refuses must be a 4xx JSON naming it.
 */

interface OpenApiOperation {
  parameters?: { in: string; name: string }[];
  requestBody?: { content: Record<string, { schema: { properties?: Record<string, unknown> } }> };
}
type OpenApi = { paths: Record<string, Record<string, OpenApiOperation>> };

/** A route as Fastify registered it: URL, method, and the zod schemas it reads. */
interface Seen {
  url: string;
  method: string;
  schema: Record<string, unknown>;
}

const PARTS = { querystring: 'query', params: 'path' } as const;

/** Fastify's /a/:id and /a/* as OpenAPI writes them: /a/{id}, /a/{*}. */
const openApiPath = (url: string) => url.replace(/:(\w+)/g, '{$1}').replace(/\*$/, '{*}');

function keysOf(schema: unknown): string[] {
  return schema instanceof z.ZodObject ? Object.keys(schema.shape as object) : [];
}

describe('OpenAPI describes every route, from the zod schemas the routes read', () => {
  let t: TestStore;
  let app: FastifyInstance;
  const routes: Seen[] = [];
  let doc: OpenApi;

  before(async () => {
    t = await sqliteTestStore();
    await ingestPaths(t.store, [CORPUS_DIR]);
    app = await buildApp(
      { store: t.store, readStore: t.store, config: loadConfig({ ...t.env, LOG_LEVEL: 'silent' }) },
      { logger: false, onRoute: (r: RouteOptions) => void routes.push(seen(r)) },
    );
    await app.ready();
    doc = app.swagger() as unknown as OpenApi;
  });
  after(async () => {
    await app.close();
    await t.dispose();
  });

  const seen = (r: RouteOptions): Seen => ({
    url: r.url,
    method: String(r.method),
    schema: (r.schema ?? {}) as Record<string, unknown>,
  });
  const documented = () =>
    routes.filter((r) => !r.schema.hide && r.method !== 'HEAD' && !r.url.startsWith('/api/docs'));

  it('lists every route that is not hidden, each with its query, path and body fields', () => {
    const api = documented();
    assert.ok(api.length >= 20, `${api.length} documented routes`);
    for (const r of api) {
      const op = doc.paths[openApiPath(r.url)]?.[r.method.toLowerCase()];
      assert.ok(op, `${r.method} ${r.url} is in the OpenAPI document`);
      for (const [part, where] of Object.entries(PARTS)) {
        const names = new Set((op.parameters ?? []).filter((p) => p.in === where).map((p) => p.name));
        for (const key of keysOf(r.schema[part]))
          assert.ok(names.has(key), `${r.method} ${r.url}: ${where} parameter ${key} is documented`);
      }
      const body = op.requestBody?.content['application/json']?.schema.properties ?? {};
      for (const key of keysOf(r.schema.body))
        assert.ok(key in body, `${r.method} ${r.url}: body field ${key} is documented`);
    }
    // The descriptions come with the schemas: a filter documented where it is defined is documented here.
    const meetings = doc.paths['/api/meetings']!.get!.parameters as { name: string; description?: string }[];
    assert.match(meetings.find((p) => p.name === 'pageSize')!.description ?? '', /rows per page/);
  });

  it('answers an unknown query parameter with a 400 JSON naming it, on every GET route that takes a query', async () => {
    const gets = documented().filter(
      (r) => r.method === 'GET' && r.schema.querystring instanceof z.ZodObject,
    );
    assert.ok(gets.length >= 10, `${gets.length} routes with a query string`);
    for (const r of gets) {
      const url = r.url
        .replace(':year', '2020')
        .replace(':number', '23')
        .replace(':file', '23.json')
        .replace(/\*$/, 'S/RES/2518%20(2020).xml');
      // The search needs its query and the statistics a year; every other parameter is optional.
      const q = { '/api/search': 'q=x&', '/api/stats': 'year=2020&' }[url] ?? '';
      const res = await app.inject({ method: 'GET', url: `${url}?${q}zzbogus=1` });
      assert.equal(res.statusCode, 400, `${url}: ${res.body.slice(0, 200)}`);
      const body = res.json<{ error: string; statusCode: number; code: string }>();
      assert.equal(body.statusCode, 400);
      assert.match(body.error, /zzbogus/, url);
    }
  });

  it('names the invalid field of a query, a path and a body', async () => {
    const cases: [string, string, unknown, RegExp][] = [
      ['GET', '/api/meetings?year=abc', undefined, /year/],
      ['GET', '/api/stats?year=1800', undefined, /year/],
      ['GET', '/api/search?q=x&limit=1000', undefined, /limit/],
      ['GET', '/api/items/1900/23', undefined, /year/],
      ['GET', '/api/states/CHINA', undefined, /iso3/],
      ['GET', '/publish/items/2020/23.exe', undefined, /file/],
      ['POST', '/api/session', { name: 'someone', password: 'x', role: 'president' }, /role/],
      ['POST', '/api/session', { name: 'someone' }, /password/],
    ];
    for (const [method, url, payload, field] of cases) {
      const res = await app.inject({ method: method as 'GET', url, ...(payload ? { payload } : {}) });
      assert.ok(res.statusCode >= 400 && res.statusCode < 500, `${url}: ${res.statusCode}`);
      assert.match(String(res.headers['content-type']), /json/, url);
      assert.match(res.json<{ error: string }>().error, field, `${url}: ${res.body}`);
    }
  });
});
