import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../app.ts';
import { yearStats } from '../../stats/year.ts';

const figure = {
  type: 'object',
  additionalProperties: true,
  properties: {
    // null: no imported source can give the figure ("not in the sources"), never a zero.
    value: { type: ['integer', 'null'] },
    missing: { type: 'string', description: 'what a figure the sources cannot give is missing' },
    breakdown: { type: 'object', additionalProperties: { type: 'integer' } },
    records: { type: 'array', items: { type: 'string' } },
    sources: { type: 'array', items: { type: 'string' } },
    complete: { type: 'boolean' },
    note: { type: 'string' },
  },
} as const;

/** GET /api/stats?year=2020: the yearly figures, each with its records, sources and completeness. */
export default async function stats(app: FastifyInstance, ctx: AppContext): Promise<void> {
  app.get<{ Querystring: { year: number } }>(
    '/api/stats',
    {
      schema: {
        tags: ['stats'],
        summary: 'Yearly statistics (like the UN Highlights) with the records and sources behind each figure',
        querystring: {
          type: 'object',
          required: ['year'],
          properties: {
            year: { type: 'integer', minimum: 1946, maximum: 2100, description: 'calendar year' },
          },
        },
        response: {
          200: {
            type: 'object',
            additionalProperties: true,
            properties: {
              year: { type: 'integer' },
              meetings: figure,
              videoconferences: figure,
              resolutions: figure,
              presidentialStatements: figure,
              agendaItems: figure,
              draftsNotAdopted: figure,
              vetoedDrafts: figure,
              vetoesCast: figure,
              writtenProcedure: figure,
              sources: { type: 'array', items: { type: 'object', additionalProperties: true } },
              coverage: { type: 'object', additionalProperties: true },
            },
          },
        },
      },
    },
    async (req) => yearStats(ctx.readStore, req.query.year),
  );
}
