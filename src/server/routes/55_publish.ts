import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AknUnavailableError, resolutionAkn } from '../../publish/akn.ts';
import { atomFeed } from '../../publish/atom.ts';
import { DATASETS, exportRows, toCsv, toJson } from '../../publish/exports.ts';
import {
  CONTENT_TYPES,
  SECTION_FORMATS,
  loadPublishedSection,
  renderSection,
  type SectionFormat,
} from '../../publish/index.ts';
import { popoloVotes } from '../../publish/popolo.ts';
import { parseQuery } from '../../store/queries/paging.ts';
import { feedFilterJson, feedFilterSchema, type FeedFilter } from '../../store/queries/filters.ts';
import type { AppContext } from '../app.ts';
import { setPublishRoutes } from '../web/publish-links.ts';

/**
 * Publishing the record back: Repertoire sections as downloads, bulk open-data exports (CSV, JSON,
 * Popolo), resolutions as Akoma Ntoso, and an Atom feed.
 */

const FORMAT_LABELS: Record<SectionFormat, string> = {
  html: 'HTML',
  md: 'Markdown',
  txt: 'Text',
  json: 'JSON',
  csv: 'CSV',
};

export function sectionHref(year: number, number: number, format: SectionFormat, lang: 'zh' | 'en'): string {
  return `/publish/items/${year}/${number}.${format}?lang=${lang}`;
}

const sectionQuery = z.strictObject({
  lang: z.enum(['zh', 'en']).optional(),
  startAt: z.coerce.number().int().min(1).max(1_000_000).optional(),
});

const csvQuery = z.strictObject({ bom: z.literal('1').optional() });
const noQuery = z.strictObject({});
const aknQuery = z.strictObject({ lang: z.enum(['zh', 'en']).optional() });

const errorResponse = {
  type: 'object',
  properties: { error: { type: 'string' }, code: { type: 'string' }, statusCode: { type: 'integer' } },
} as const;

function baseUrl(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}`;
}

function send(reply: FastifyReply, type: string, body: string, filename?: string, attachment = true) {
  void reply.header('content-type', type);
  if (filename)
    void reply.header(
      'content-disposition',
      `${attachment ? 'attachment' : 'inline'}; filename="${filename}"`,
    );
  return reply.send(body);
}

export default async function publish(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const db = () => ctx.readStore.db;

  setPublishRoutes((year, number, lang) =>
    (['html', 'md', 'json', 'csv'] as const).map((format) => ({
      href: sectionHref(year, number, format, lang),
      label: FORMAT_LABELS[format],
      format,
    })),
  );

  app.get(
    '/publish/items/:year/:file',
    {
      preValidation: async (request) => {
        request.query = parseQuery(sectionQuery, request.query);
      },
      schema: {
        tags: ['publish'],
        summary:
          "An agenda item's Repertoire section rendered from the record (e.g. /publish/items/2020/23.html?lang=zh)",
        description:
          'Footnotes are numbered in order of appearance, from the stored first number (startAt changes it); ' +
          'the table is in the Repertoire columns. Formats: html, md (Markdown), txt (the printed layout), json, csv (the tables).',
        params: {
          type: 'object',
          required: ['year', 'file'],
          properties: {
            year: { type: 'integer', minimum: 1946, maximum: 2100 },
            file: {
              type: 'string',
              pattern: `^[0-9]{1,5}\\.(${SECTION_FORMATS.join('|')})$`,
              description: 'item number and format, e.g. 23.html',
            },
          },
        },
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            lang: { type: 'string', enum: ['zh', 'en'], description: 'language of the edition (default zh)' },
            startAt: {
              type: 'integer',
              minimum: 1,
              maximum: 1_000_000,
              description: 'number of the first footnote',
            },
          },
        },
        response: { 404: errorResponse, 400: errorResponse },
      },
    },
    async (request, reply) => {
      const { year, file } = request.params as { year: number; file: string };
      const { lang = 'zh', startAt } = request.query as z.infer<typeof sectionQuery>;
      const [num, format] = file.split('.') as [string, SectionFormat];
      const number = Number(num);
      const section = await loadPublishedSection(db(), year, number, lang, startAt);
      if (!section) {
        return reply.status(404).send({
          error: `no agenda item ${number} of ${year} in the record`,
          code: 'not_found',
          statusCode: 404,
        });
      }
      const body = renderSection(section, format);
      return send(
        reply,
        CONTENT_TYPES[format],
        body,
        `repertoire-${year}-${number}-${lang}.${format}`,
        format !== 'html',
      );
    },
  );

  for (const dataset of DATASETS) {
    for (const format of ['csv', 'json'] as const) {
      app.get(
        `/export/${dataset}.${format}`,
        {
          preValidation: async (request) => {
            request.query = parseQuery(format === 'csv' ? csvQuery : noQuery, request.query);
          },
          schema: {
            tags: ['open data'],
            summary: `Every ${dataset === 'briefers' ? 'briefer' : dataset.slice(0, -1)} in the record, as ${format.toUpperCase()}`,
            description: 'Columns are documented in docs/open-data.md.',
            ...(format === 'csv'
              ? {
                  querystring: {
                    type: 'object',
                    additionalProperties: false,
                    properties: {
                      bom: {
                        type: 'string',
                        enum: ['1'],
                        description: 'bom=1 adds a UTF-8 byte-order mark (for spreadsheet programs)',
                      },
                    },
                  },
                }
              : {}),
          },
        },
        async (request, reply) => {
          const rows = await exportRows(db(), dataset);
          const { bom } = request.query as { bom?: '1' };
          const body = format === 'csv' ? toCsv(dataset, rows, { bom: bom === '1' }) : toJson(dataset, rows);
          return send(reply, CONTENT_TYPES[format], body, `council-record-${dataset}.${format}`);
        },
      );
    }
  }

  app.get(
    '/export/votes.popolo.json',
    {
      schema: {
        tags: ['open data'],
        summary: 'Votes as Popolo motions and vote events (counts, and each member’s vote where known)',
      },
    },
    async (_request, reply) =>
      send(
        reply,
        CONTENT_TYPES.json,
        `${JSON.stringify(await popoloVotes(db()), null, 1)}\n`,
        'council-record-votes.popolo.json',
      ),
  );

  app.get(
    '/export/akn/*',
    {
      preValidation: async (request) => {
        request.query = parseQuery(aknQuery, request.query);
      },
      schema: {
        tags: ['open data'],
        summary:
          'A resolution as Akoma Ntoso (AKN4UN) XML: its metadata and the operative paragraphs the Repertoire cites',
        description:
          'e.g. /export/akn/S/RES/2518%20(2020).xml. The record holds no resolution texts: paragraph bodies are marked omissis.',
        params: {
          type: 'object',
          required: ['*'],
          properties: { '*': { type: 'string', pattern: '\\.xml$', maxLength: 200 } },
        },
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { lang: { type: 'string', enum: ['zh', 'en'] } },
        },
        response: { 404: errorResponse, 400: errorResponse },
      },
    },
    async (request, reply) => {
      const symbol = (request.params as { '*': string })['*'].replace(/\.xml$/, '');
      const { lang } = request.query as { lang?: 'zh' | 'en' };
      try {
        const xml = await resolutionAkn(db(), symbol, lang ?? 'en');
        return send(reply, 'application/akn+xml; charset=utf-8', xml);
      } catch (e) {
        if (e instanceof AknUnavailableError) {
          return reply.status(404).send({ error: e.message, code: 'not_found', statusCode: 404 });
        }
        throw e;
      }
    },
  );

  app.get(
    '/feed.atom',
    {
      preValidation: async (request) => {
        request.query = parseQuery(feedFilterSchema, request.query);
      },
      schema: {
        tags: ['open data'],
        summary: 'Atom feed of the newest decisions and videoconferences, with the list pages’ filters',
        querystring: feedFilterJson,
      },
    },
    async (request, reply) =>
      send(
        reply,
        'application/atom+xml; charset=utf-8',
        await atomFeed(db(), { baseUrl: baseUrl(request), filter: request.query as FeedFilter }),
      ),
  );
}
