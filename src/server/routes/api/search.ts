import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../app.ts';
import { DOC_KINDS } from '../../../search/documents.ts';
import { MAX_QUERY_CHARS, QueryError } from '../../../search/query.ts';
import { cachedSearch } from '../../../search/cache.ts';
import { tokenise } from '../../../search/tokenise.ts';
import { SearchParamsSchema } from '../../../search/search.ts';
import { errorResponse, objectOf } from '../../json-schema.ts';
import { z } from 'zod';

const nullable = (type: string) => [type, 'null'] as const;
const counts = { type: 'object', additionalProperties: { type: 'integer' } } as const;

const hit = objectOf({
  id: 'string',
  kind: { type: 'string', enum: [...DOC_KINDS] },
  entityId: 'string',
  lang: 'string',
  title: 'string',
  link: {
    type: 'string',
    description: 'Page of the record showing the unit, with its anchor (#p3, #fn-639)',
  },
  snippet: { type: 'string', description: 'HTML: the text escaped, matches in <mark>' },
  score: 'number',
  year: nullable('integer'),
  date: nullable('string'),
  agendaItemId: nullable('string'),
  format: nullable('string'),
  decisionKind: nullable('string'),
  states: { type: 'array', items: { type: 'string' } },
});

/** Every parameter is read strictly: a misspelt filter is a 400 naming it, not a wider search. */
const searchQuery = z.strictObject(SearchParamsSchema.shape);

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
        querystring: searchQuery,
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
                  'Ranked exactly from the impact lists alone, or from every match (the same page either way)',
              },
              facets: objectOf(
                {
                  total: 'integer',
                  kind: counts,
                  lang: counts,
                  year: counts,
                  decisionKind: counts,
                  format: counts,
                },
                {
                  type: ['object', 'null'],
                  description:
                    'With facets=true: matching units per filter value; null when too many match to count (facetsOmitted says why)',
                },
              ),
              facetsOmitted: { type: 'string' },
              hits: { type: 'array', items: hit },
              ms: { type: 'number' },
              cached: {
                type: 'boolean',
                description: 'Answered from memory: the same query was asked since the index last changed',
              },
            },
          },
          400: errorResponse,
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
