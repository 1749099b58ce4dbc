import type { FastifyInstance, FastifyReply } from 'fastify';
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

/** The record of a wildcard id (tried as given, then canonical), else a 404 naming it. */
async function byId<T>(
  reply: FastifyReply,
  params: unknown,
  what: string,
  get: (id: string) => Promise<T | undefined | null>,
) {
  const raw = (params as { '*': string })['*'];
  for (const id of idCandidates(raw)) {
    const found = await get(id);
    if (found) return found;
  }
  return notFound(reply, `${what} "${raw}"`);
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

  app.get(
    '/api/meetings',
    {
      schema: {
        tags: ['records'],
        summary: 'Meetings and videoconferences, in date order, filtered by year, agenda item and format',
        querystring: meetingFilterSchema,
        response: {
          200: pageResponse('meetings with their decisions and participant counts', meetingRow),
          400: errorResponse,
        },
      },
    },
    async (request) => listMeetings(db(), request.query as z.infer<typeof meetingFilterSchema>),
  );

  app.get(
    '/api/meetings/*',
    {
      schema: {
        tags: ['records'],
        summary:
          'One meeting or videoconference by id (its record symbol, e.g. S/2020/514, or date:format:item)',
        params: wildcardParams,
        response: { 200: record, 404: errorResponse },
      },
    },
    async (request, reply) => byId(reply, request.params, 'meeting', (id) => getMeeting(db(), id)),
  );

  app.get(
    '/api/decisions',
    {
      schema: {
        tags: ['records'],
        summary:
          'Decisions (resolutions, presidential statements, drafts not adopted), filtered as on the pages',
        querystring: decisionFilterSchema,
        response: { 200: pageResponse('decisions', decisionRow), 400: errorResponse },
      },
    },
    async (request) => listDecisions(db(), request.query as z.infer<typeof decisionFilterSchema>),
  );

  app.get(
    '/api/decisions/*',
    {
      schema: {
        tags: ['records'],
        summary: 'One decision by symbol (S/RES/2518 (2020)) or, for a draft not adopted, the draft symbol',
        params: wildcardParams,
        response: { 200: record, 404: errorResponse },
      },
    },
    async (request, reply) => byId(reply, request.params, 'decision', (id) => getDecision(db(), id)),
  );

  app.get(
    '/api/states',
    {
      schema: {
        tags: ['records'],
        summary: 'States with their Council terms; with year, the Council members of that year',
        querystring: stateFilterSchema,
        response: { 200: pageResponse('states'), 400: errorResponse },
      },
    },
    async (request) => listStates(request.query as z.infer<typeof stateFilterSchema>),
  );

  app.get(
    '/api/states/:iso3',
    {
      schema: {
        tags: ['records'],
        summary:
          'A state: Council terms, votes cast, positions, initiatives and chairs, briefings on its missions',
        params: iso3Params,
        response: { 200: record, 404: errorResponse },
      },
    },
    async (request, reply) => {
      const { iso3 } = request.params as { iso3: string };
      const s = await getStateProfile(db(), iso3);
      return s ?? notFound(reply, `state with code "${iso3.toUpperCase()}"`);
    },
  );

  app.get(
    '/api/items',
    {
      schema: {
        tags: ['records'],
        summary:
          'Agenda items by year, with counts of meetings and decisions and the stored section languages',
        querystring: itemFilterSchema,
        response: { 200: pageResponse('agenda items'), 400: errorResponse },
      },
    },
    async (request) => listItems(db(), request.query as z.infer<typeof itemFilterSchema>),
  );

  app.get(
    '/api/items/:year/:number',
    {
      schema: {
        tags: ['records'],
        summary:
          "An agenda item's stored section: paragraphs, footnotes with citations, meetings, decisions, positions",
        params: itemParams,
        querystring: langQuery,
        response: { 200: record, 404: errorResponse },
      },
    },
    async (request, reply) => {
      const { year, number } = request.params as { year: number; number: number };
      const { lang } = request.query as { lang?: 'zh' | 'en' };
      const s = await getItemSection(db(), year, number, lang ?? 'zh');
      return s ?? notFound(reply, `agenda item ${number} of ${year}`);
    },
  );
  app.get(
    '/api/section-versions/:id',
    {
      schema: {
        tags: ['records'],
        summary:
          'One published or earlier (superseded) version of a Repertoire section (repertoire:2020:23:zh@v1), with its text, findings and provenance (file, sha256, dates)',
        params: versionParams,
        response: { 200: record, 404: errorResponse },
      },
    },
    async (request, reply) => {
      const { id } = request.params as { id: string };
      const v = await getSectionVersion(db(), id);
      // A draft is not part of the published record.
      return v && v.status !== 'draft' ? v : notFound(reply, `section version ${id}`);
    },
  );
}
