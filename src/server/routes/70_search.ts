import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../app.ts';
import { DOC_KINDS } from '../../search/documents.ts';
import { MAX_QUERY_CHARS, QueryError } from '../../search/query.ts';
import { cachedSearch } from '../../search/cache.ts';
import { tokenise } from '../../search/tokenise.ts';
import { DECISION_KINDS, MEETING_FORMATS } from '../../store/queries/filters.ts';

const hit = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    kind: { type: 'string', enum: [...DOC_KINDS] },
    entityId: { type: 'string' },
    lang: { type: 'string' },
    title: { type: 'string' },
    link: {
      type: 'string',
      description: 'Page of the record showing the unit, with its anchor (#p3, #fn-639)',
    },
    snippet: { type: 'string', description: 'HTML: the text escaped, matches in <mark>' },
    score: { type: 'number' },
    year: { type: ['integer', 'null'] },
    date: { type: ['string', 'null'] },
    agendaItemId: { type: ['string', 'null'] },
    format: { type: ['string', 'null'] },
    decisionKind: { type: ['string', 'null'] },
    states: { type: 'array', items: { type: 'string' } },
  },
} as const;

/** GET /api/search: full-text search over the record, served from the read store (a replica when set). */
export default async function searchRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  // Load the segmenter's dictionary and the names of states, missions and offices now, not on the first query.
  tokenise('联合国 United Nations');
  app.get(
    '/api/search',
    {
      schema: {
        tags: ['search'],
        summary: 'Search paragraphs, footnotes, meetings, briefers and decisions (Chinese and English)',
        description:
          'Words are matched in any form (stemmed English, segmented Chinese, traditional or simplified); ' +
          '"quoted text" is a phrase; symbols (S/2020/514, S/RES/2518 (2020)) match exactly; state, mission ' +
          'and office names match across languages (China finds 中国). Ranked by BM25. ' +
          `An empty query or one over ${MAX_QUERY_CHARS} characters is a 400.`,
        querystring: {
          type: 'object',
          required: ['q'],
          properties: {
            q: { type: 'string', description: 'The query' },
            lang: { type: 'string', enum: ['zh', 'en'] },
            year: { type: 'integer', minimum: 1946, maximum: 2100 },
            item: { type: 'string', description: 'Agenda item number (23) or id (2020-23)' },
            format: { type: 'string', enum: [...MEETING_FORMATS] },
            decisionKind: { type: 'string', enum: [...DECISION_KINDS] },
            state: { type: 'string', description: 'ISO3 code or state name (English or Chinese)' },
            kind: { type: 'string', enum: [...DOC_KINDS] },
            meeting: {
              type: 'string',
              description: 'A meeting id, e.g. S/PV.8699: its title, briefers and speeches',
            },
            speaker: {
              type: 'string',
              description: "Speeches by a state's speakers: ISO3 code or state name",
            },
            limit: { type: 'integer', minimum: 1, maximum: 100, default: 10 },
            offset: { type: 'integer', minimum: 0, maximum: 1000, default: 0 },
            facets: {
              type: 'boolean',
              description:
                'Also count the matches per kind, language, year, decision kind and meeting format',
            },
          },
        },
        response: {
          200: {
            type: 'object',
            properties: {
              query: { type: 'string' },
              terms: { type: 'array', items: { type: 'string' } },
              ignored: { type: 'array', items: { type: 'string' } },
              matched: { type: 'string', enum: ['phrase', 'and', 'or'] },
              count: {
                type: 'integer',
                description: 'Units ranked: this page, the pages before it, and one more when `more`',
              },
              more: { type: 'boolean', description: 'There are hits beyond this page' },
              rankedFrom: {
                type: 'string',
                enum: ['lists', 'blocks', 'matches'],
                description:
                  'Ranked exactly from the impact lists alone, from the blocks of common words, or from every match (the same page either way)',
              },
              facets: {
                type: ['object', 'null'],
                description:
                  'With facets=true: matching units per filter value; null when too many match to count (facetsOmitted says why)',
                properties: {
                  total: { type: 'integer' },
                  ...Object.fromEntries(
                    ['kind', 'lang', 'year', 'decisionKind', 'format'].map((k) => [
                      k,
                      { type: 'object', additionalProperties: { type: 'integer' } },
                    ]),
                  ),
                },
              },
              facetsOmitted: { type: 'string' },
              hits: { type: 'array', items: hit },
              ms: { type: 'number' },
              cached: {
                type: 'boolean',
                description: 'Answered from memory: the same query was asked since the index last changed',
              },
            },
          },
          400: {
            type: 'object',
            properties: {
              error: { type: 'string' },
              code: { type: 'string' },
              statusCode: { type: 'integer' },
            },
          },
        },
      },
    },
    async (request, reply) => {
      try {
        return await cachedSearch(ctx.readStore, request.query as Record<string, unknown> as { q: string });
      } catch (e) {
        if (e instanceof QueryError) {
          return reply.status(400).send({ error: e.message, code: e.code, statusCode: 400 });
        }
        throw e;
      }
    },
  );
}
