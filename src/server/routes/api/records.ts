import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { tryParseSymbol } from '../../../domain/symbols.ts';
import { MEETING_FORMATS } from '../../../store/queries/filters.ts';
import type { AppContext } from '../../app.ts';
import {
  decisionFilterSchema,
  getDecision,
  getItemSection,
  getSectionVersion,
  getMeeting,
  getStateProfile,
  itemFilterSchema,
  listDecisions,
  listItems,
  listMeetings,
  listStates,
  meetingFilterSchema,
  stateFilterSchema,
} from '../../../store/queries/index.ts';
import { errorResponse, objectOf } from '../../json-schema.ts';

/**
 * The JSON API over the record: lists with paging and the pages' filters, and one record each by id.
 * Query strings are read strictly by the filters' zod schemas (an unknown or malformed parameter is a
 * 400 naming it), because a silently ignored filter returns a wrong answer that looks right.
 */

const str = ['string', 'null'] as const;
const int = ['integer', 'null'] as const;

/** The documented fields of list rows (additional fields pass through). Nullable types: never coerce null. */
const meetingRow = objectOf(
  {
    id: {
      type: 'string',
      description: 'record symbol (S/PV.8743, or the VTC record letter S/2020/514), else date:format:item',
    },
    date: { type: 'string', format: 'date' },
    format: { type: 'string', enum: [...MEETING_FORMATS] },
    recordSymbol: str,
    letterDate: str,
    titleZh: str,
    titleEn: str,
    agendaItemId: str,
    topic: str,
    presidency: str,
    initiative: { type: str, description: 'ISO3 of the member on whose initiative it was held' },
    chair: str,
    notes: { type: 'array', items: { type: 'string' } },
    decisions: { type: 'array', items: objectOf({ id: 'string', symbol: str, kind: 'string' }) },
    participantCount: 'integer',
  },
  { additionalProperties: true },
);

const decisionRow = objectOf(
  {
    id: 'string',
    kind: 'string',
    symbol: str,
    draftSymbol: str,
    meetingId: str,
    agendaItemId: str,
    date: str,
    modality: str,
    adopted: ['boolean', 'null'],
    votes: objectOf({ for: int, against: int, abstaining: int, absent: int }),
    writtenProcedureLetter: str,
    recordLetter: str,
    vetoedBy: { type: 'array', items: { type: 'string' } },
  },
  { additionalProperties: true },
);

const anyRow = { type: 'object', additionalProperties: true } as const;

const pageResponse = (itemsDescription: string, items: object = anyRow) =>
  ({
    type: 'object',
    required: ['items', 'page', 'pageSize', 'total', 'pages'],
    properties: {
      items: { type: 'array', description: itemsDescription, items },
      page: { type: 'integer' },
      pageSize: { type: 'integer' },
      total: { type: 'integer', description: 'rows matching the filters, over all pages' },
      pages: { type: 'integer' },
    },
  }) as const;

const meetingPage = pageResponse('meetings with their decisions and participant counts', meetingRow);
const decisionPage = pageResponse('decisions', decisionRow);

/** The summaries of the list and by-id routes in the OpenAPI document. */
const SUMMARIES: Record<string, string> = {
  '/api/meetings': 'Meetings and videoconferences, in date order, filtered by year, agenda item and format',
  '/api/meetings/*':
    'One meeting or videoconference by id (its record symbol, e.g. S/2020/514, or date:format:item)',
  '/api/decisions':
    'Decisions (resolutions, presidential statements, drafts not adopted), filtered as on the pages',
  '/api/decisions/*':
    'One decision by symbol (S/RES/2518 (2020)) or, for a draft not adopted, the draft symbol',
  '/api/states': 'States with their Council terms; with year, the Council members of that year',
  '/api/states/:iso3':
    'A state: Council terms, votes cast, positions, initiatives and chairs, briefings on its missions',
  '/api/items':
    'Agenda items by year, with counts of meetings and decisions and the stored section languages',
  '/api/items/:year/:number':
    "An agenda item's stored section: paragraphs, footnotes with citations, meetings, decisions, positions",
  '/api/section-versions/:id':
    'One published or earlier (superseded) version of a Repertoire section (repertoire:2020:23:zh@v1), with its text, findings and provenance (file, sha256, dates)',
};

const langQuery = z.strictObject({
  lang: z.enum(['zh', 'en']).optional().describe('preferred section language'),
});

const record = { type: 'object', additionalProperties: true } as const;

function notFound(reply: FastifyReply, what: string, suggestions: string[] = []) {
  return reply
    .status(404)
    .send({ error: `no ${what} in the record`, code: 'not_found', statusCode: 404, suggestions });
}

/** The id as given, then its canonical symbol form ("S/RES/2518(2020)" → "S/RES/2518 (2020)"). */
function idCandidates(raw: string): string[] {
  const id = raw.trim();
  const canonical = tryParseSymbol(id)?.text;
  return canonical && canonical !== id ? [id, canonical] : [id];
}

/** The first of the ids that names a record, and that record; undefined when none does. */
async function firstFound<T>(ids: string[], get: (id: string) => Promise<T | undefined | null>) {
  for (const id of ids) {
    const found = await get(id);
    if (found) return found;
  }
  return undefined;
}

const wildcardParams = z.object({ '*': z.string().min(1).max(200) });
const iso3Params = z.object({
  iso3: z
    .string()
    .regex(/^[A-Za-z]{3}$/, 'expected an ISO 3166 alpha-3 code')
    .describe('ISO 3166 alpha-3 code'),
});
const itemParams = z.object({
  year: z.coerce.number().int().min(1946).max(2100),
  number: z.coerce.number().int().min(1).max(10_000),
});
const versionParams = z.object({ id: z.string().max(200) });

export default async function records(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const db = () => ctx.readStore.db;

  /** GET `url` with its summary, its zod `input` (params, querystring) and its answers. */
  const route = (
    url: string,
    input: object,
    response: object,
    handler: (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>,
  ) => app.get(url, { schema: { tags: ['records'], summary: SUMMARIES[url], ...input, response } }, handler);

  /** GET `url`: a page of records filtered by the `querystring` schema (a 400 names a bad parameter). */
  const listRoute = <S extends z.ZodType>(
    url: string,
    querystring: S,
    page: object,
    list: (filter: z.infer<S>) => unknown,
  ) =>
    route(url, { querystring }, { 200: page, 400: errorResponse }, async (request) =>
      list(request.query as z.infer<S>),
    );

  /** GET `url`: one record read by its path parameters (and query), else a 404 saying what was missing. */
  const oneRoute = <P extends z.ZodType, Q extends z.ZodType = z.ZodType<object>>(
    url: string,
    input: { params: P; querystring?: Q },
    get: (params: z.infer<P>, query: z.infer<Q>) => Promise<unknown>,
    missing: (params: z.infer<P>) => string,
  ) =>
    route(url, input, { 200: record, 404: errorResponse }, async (request, reply) => {
      const params = request.params as z.infer<P>;
      return (await get(params, request.query as z.infer<Q>)) ?? notFound(reply, missing(params));
    });

  /** GET `url`/*: one record by id (tried as given, then canonical), else a 404 naming it. */
  const byIdRoute = (url: string, what: string, get: (id: string) => Promise<object | undefined>) =>
    oneRoute(
      `${url}/*`,
      { params: wildcardParams },
      (params) => firstFound(idCandidates(params['*']), get),
      (params) => `${what} "${params['*']}"`,
    );

  listRoute('/api/meetings', meetingFilterSchema, meetingPage, (f) => listMeetings(db(), f));
  byIdRoute('/api/meetings', 'meeting', (id) => getMeeting(db(), id));
  listRoute('/api/decisions', decisionFilterSchema, decisionPage, (f) => listDecisions(db(), f));
  byIdRoute('/api/decisions', 'decision', (id) => getDecision(db(), id));
  listRoute('/api/states', stateFilterSchema, pageResponse('states'), (f) => listStates(f));

  oneRoute(
    '/api/states/:iso3',
    { params: iso3Params },
    ({ iso3 }) => getStateProfile(db(), iso3),
    ({ iso3 }) => `state with code "${iso3.toUpperCase()}"`,
  );
  listRoute('/api/items', itemFilterSchema, pageResponse('agenda items'), (f) => listItems(db(), f));

  oneRoute(
    '/api/items/:year/:number',
    { params: itemParams, querystring: langQuery },
    ({ year, number }, { lang }) => getItemSection(db(), year, number, lang ?? 'zh'),
    ({ year, number }) => `agenda item ${number} of ${year}`,
  );
  oneRoute(
    '/api/section-versions/:id',
    { params: versionParams },
    // A draft is not part of the published record.
    async ({ id }) => {
      const v = await getSectionVersion(db(), id);
      return v && v.status !== 'draft' ? v : undefined;
    },
    ({ id }) => `section version ${id}`,
  );
}
