import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Store } from '../../store/db.ts';
import { DECISION_KINDS, MEETING_FORMATS } from '../../store/queries/filters.ts';
import { getState, findState } from '../../domain/states.ts';
import { tryParseSymbol } from '../../domain/symbols.ts';
import { urls, type View } from '../web/format.ts';
import { LANGS, type Lang } from '../web/lang.ts';
import { pageErrorHandler, readInput, viewFor } from '../web/request.ts';
import type { AppContext } from '../app.ts';
import { homePage } from '../web/pages/home.ts';
import { itemPage } from '../web/pages/item.ts';
import { meetingPage } from '../web/pages/meeting.ts';
import { decisionPage } from '../web/pages/decision.ts';
import { statePage } from '../web/pages/state.ts';
import { brieferPage } from '../web/pages/briefer.ts';
import { searchPage } from '../web/pages/search.ts';
import { errorPage, itemsPage, sourcePage, sourcesPage, statsPage } from '../web/pages/misc.ts';
import { suggestIds } from '../../store/queries/lookup.ts';
import { pagingShape } from '../../store/queries/paging.ts';
import { BadRequest } from '../web/errors.ts';
import { isRealDate } from '../../domain/dates.ts';
import { sendHtml } from '../web/respond.ts';

const STATIC_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'web', 'static');

const langField = z.enum(LANGS as unknown as [Lang, ...Lang[]]).optional();
const year = z.coerce.number().int().min(1946).max(2100);
const baseQuery = z.object({ lang: langField });
const yearQuery = z.object({ lang: langField, year: year.optional() });
const isoDay = z.preprocess(
  (x) => (x === '' ? undefined : x),
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date YYYY-MM-DD')
    .refine(
      (d) => isRealDate(Number(d.slice(0, 4)), Number(d.slice(5, 7)), Number(d.slice(8, 10))),
      'not a real date',
    )
    .optional(),
);
/** The statistics page: a year, and optionally the period of the agreement matrix. */
const statsQuery = z.object({ lang: langField, year: year.optional(), from: isoDay, to: isoDay });
const searchQuery = z.object({
  lang: langField,
  q: z.string().max(200).optional(),
  // An empty select ("any") submits year= ; it means no filter, not a bad year.
  year: z.preprocess((x) => (x === '' ? undefined : x), year.optional()),
  item: z.preprocess(
    (x) => (x === '' ? undefined : x),
    z.coerce.number().int().min(1).max(10_000).optional(),
  ),
  format: z.preprocess((x) => (x === '' ? undefined : x), z.enum(MEETING_FORMATS).optional()),
  kind: z.preprocess((x) => (x === '' ? undefined : x), z.enum(DECISION_KINDS).optional()),
  type: z.preprocess((x) => (x === '' ? undefined : x), z.enum(['all', 'meetings', 'decisions']).optional()),
  vetoed: z.preprocess((x) => (x === '' ? undefined : x), z.enum(['0', '1']).optional()),
  page: z.coerce.number().int().min(1).max(100_000).optional(),
});

/** Percent-escapes that do not decode are a malformed query string, which the parser would pass silently. */
function checkRawQuery(url: string): void {
  const q = url.indexOf('?');
  if (q < 0) return;
  for (const part of url.slice(q + 1).split('&')) {
    try {
      decodeURIComponent(part.replace(/\+/g, ' '));
    } catch {
      throw new BadRequest(`query: "${part.slice(0, 60)}" is not valid percent-encoding`);
    }
  }
}

const send = sendHtml;

/** The id in a wildcard path (the router has decoded it): links encode it as one segment, and a hand-typed S/2020/514 works too. */
function idFrom(request: FastifyRequest): string {
  return ((request.params as Record<string, string>)['*'] ?? '').trim();
}

/** The last segment of a path, decoded, to suggest a search for it; '' when it does not decode. */
function lastSegment(path: string): string {
  try {
    return decodeURIComponent(path.split('/').filter(Boolean).pop() ?? '');
  } catch {
    return '';
  }
}

async function notFound(
  store: Store,
  request: FastifyRequest,
  reply: FastifyReply,
  v: View,
  what: { table?: 'meeting' | 'decision'; id: string },
): Promise<FastifyReply> {
  const suggestions: { href: string; text: string }[] = [];
  if (what.table && what.id) {
    for (const id of await suggestIds(store.db, what.id, what.table)) {
      suggestions.push({ href: what.table === 'meeting' ? urls.meeting(id) : urls.decision(id), text: id });
    }
  }
  const canonical = what.id ? tryParseSymbol(what.id)?.text : undefined;
  if (canonical && canonical !== what.id && what.table) {
    suggestions.unshift({
      href: what.table === 'meeting' ? urls.meeting(canonical) : urls.decision(canonical),
      text: canonical,
    });
  }
  if (what.id)
    suggestions.push({ href: urls.search({ q: what.id }), text: v.t('error.searchFor', { q: what.id }) });
  return send(reply, 404, errorPage(v, 404, { suggestions, query: what.id }));
}

/** The web pages: server-rendered HTML in Chinese and English, readable without JavaScript. */
export default async function pages(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const store = ctx.readStore;
  const css = readFileSync(join(STATIC_DIR, 'site.css'), 'utf8');
  const cssTag = `"${createHash('sha256').update(css).digest('hex').slice(0, 16)}"`;

  app.setErrorHandler(pageErrorHandler);

  app.setNotFoundHandler(async (request, reply) => {
    if (request.url.startsWith('/api/') || request.url === '/api') {
      return reply.status(404).send({
        error: `no route ${request.method} ${request.url.split('?')[0]}`,
        code: 'not_found',
        statusCode: 404,
      });
    }
    const v = viewFor(request, reply, undefined);
    const path = request.url.split('?')[0] ?? '';
    return notFound(store, request, reply, v, { id: lastSegment(path) });
  });

  const hidden = { schema: { hide: true } };

  app.addHook('onRequest', async (request) => {
    checkRawQuery(request.url);
  });

  app.get('/static/site.css', hidden, async (request, reply) => {
    if (request.headers['if-none-match'] === cssTag) return reply.status(304).send();
    return reply
      .header('content-type', 'text/css; charset=utf-8')
      .header('cache-control', 'public, max-age=3600')
      .header('etag', cssTag)
      .send(css);
  });

  app.get('/', hidden, async (request, reply) => {
    const q = readInput(baseQuery, request.query);
    return send(reply, 200, await homePage(store, viewFor(request, reply, q.lang)));
  });

  app.get('/items', hidden, async (request, reply) => {
    const q = readInput(yearQuery, request.query);
    return send(reply, 200, await itemsPage(store, viewFor(request, reply, q.lang), q.year));
  });

  app.get('/items/:year/:number', hidden, async (request, reply) => {
    const q = readInput(baseQuery, request.query);
    const v = viewFor(request, reply, q.lang);
    const p = readInput(
      z.object({ year, number: z.coerce.number().int().min(1).max(10_000) }),
      request.params,
    );
    const out = await itemPage(store, v, p.year, p.number, app.sectionDownloads);
    if (!out) return notFound(store, request, reply, v, { id: `${p.year}-${p.number}` });
    return send(reply, 200, out);
  });

  // A meeting or a decision by id: its record symbol, as a link encodes it or as typed (S/2020/514).
  for (const [table, page] of [
    ['meeting', meetingPage],
    ['decision', decisionPage],
  ] as const) {
    app.get(`/${table}s/*`, hidden, async (request, reply) => {
      const q = readInput(baseQuery, request.query);
      const v = viewFor(request, reply, q.lang);
      const id = idFrom(request);
      const out = id ? await page(store, v, id) : undefined;
      if (!out) return notFound(store, request, reply, v, { table, id });
      return send(reply, 200, out);
    });
  }

  app.get('/states/:iso3', hidden, async (request, reply) => {
    const q = readInput(baseQuery.extend({ page: pagingShape.page }), request.query);
    const v = viewFor(request, reply, q.lang);
    const { iso3 } = readInput(z.object({ iso3: z.string().min(1).max(100) }), request.params);
    const code = iso3.toUpperCase();
    if (!getState(code)) {
      // A name typed in the address bar ("China", "中国") is sent on to the state it names.
      const found = findState(iso3);
      if (found) return reply.redirect(urls.state(found), 302);
      return notFound(store, request, reply, v, { id: iso3 });
    }
    if (code !== iso3) return reply.redirect(urls.state(code), 301);
    return send(reply, 200, (await statePage(store, v, code, { page: q.page }))!);
  });

  app.get('/briefers/:office', hidden, async (request, reply) => {
    const q = readInput(
      z.object({
        lang: langField,
        mission: z
          .string()
          .regex(/^[A-Z0-9-]{2,20}$/)
          .optional(),
      }),
      request.query,
    );
    const v = viewFor(request, reply, q.lang);
    const { office } = readInput(z.object({ office: z.string().min(1).max(100) }), request.params);
    const body = await brieferPage(store, v, office, q.mission ?? null);
    return body ? send(reply, 200, body) : notFound(store, request, reply, v, { id: office });
  });

  app.get('/search', hidden, async (request, reply) => {
    const q = readInput(searchQuery, request.query);
    return send(reply, 200, await searchPage(store, viewFor(request, reply, q.lang), q));
  });

  app.get('/stats', hidden, async (request, reply) => {
    const q = readInput(statsQuery, request.query);
    if (q.from && q.to && q.to < q.from) throw new BadRequest(`to: ${q.to} is before from: ${q.from}`);
    return send(
      reply,
      200,
      await statsPage(store, viewFor(request, reply, q.lang), q.year, { from: q.from, to: q.to }),
    );
  });

  app.get('/sources', hidden, async (request, reply) => {
    const q = readInput(baseQuery, request.query);
    return send(reply, 200, await sourcesPage(store, viewFor(request, reply, q.lang)));
  });

  app.get('/sources/*', hidden, async (request, reply) => {
    const q = readInput(baseQuery, request.query);
    const v = viewFor(request, reply, q.lang);
    const id = idFrom(request);
    const out = await sourcePage(store, v, id);
    if (!out) return notFound(store, request, reply, v, { id });
    return send(reply, 200, out);
  });
}
