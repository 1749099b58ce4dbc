import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../app.ts';
import { objectOf } from '../../json-schema.ts';
import { yearStats } from '../../../stats/year.ts';

const figure = objectOf(
  {
    // null: no imported source can give the figure ("not in the sources"), never a zero.
    value: ['integer', 'null'],
    missing: { type: 'string', description: 'what a figure the sources cannot give is missing' },
    breakdown: { type: 'object', additionalProperties: { type: 'integer' } },
    records: { type: 'array', items: { type: 'string' } },
    sources: { type: 'array', items: { type: 'string' } },
    complete: 'boolean',
    note: 'string',
  },
  { additionalProperties: true },
);
const open = { type: 'object', additionalProperties: true } as const;

const statsQuery = z.strictObject({
  year: z.coerce.number().int().min(1946).max(2100).describe('calendar year'),
});

/** GET /api/stats?year=2020: the yearly figures, each with its records, sources and completeness. */
export default async function stats(app: FastifyInstance, ctx: AppContext): Promise<void> {
  app.get<{ Querystring: { year: number } }>(
    '/api/stats',
    {
      schema: {
        tags: ['stats'],
        summary: 'Yearly statistics (like the UN Highlights) with the records and sources behind each figure',
        querystring: statsQuery,
        response: {
          200: objectOf(
            {
              year: 'integer',
              meetings: figure,
              videoconferences: figure,
              resolutions: figure,
              presidentialStatements: figure,
              agendaItems: figure,
              draftsNotAdopted: figure,
              vetoedDrafts: figure,
              vetoesCast: figure,
              writtenProcedure: figure,
              sources: { type: 'array', items: open },
              coverage: open,
            },
            { additionalProperties: true },
          ),
        },
      },
    },
    async (req) => yearStats(ctx.readStore, req.query.year),
  );
}
