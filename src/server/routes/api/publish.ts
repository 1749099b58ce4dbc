import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AknUnavailableError, resolutionAkn } from '../../../publish/akn.ts';
import { atomFeed } from '../../../publish/atom.ts';
import { DATASETS, exportRows, toCsv, toJson } from '../../../publish/exports.ts';
import {
  CONTENT_TYPES,
  SECTION_FORMATS,
  loadPublishedSection,
  renderSection,
  type SectionFormat,
} from '../../../publish/index.ts';
import { popoloVotes } from '../../../publish/popolo.ts';
import { feedFilterSchema, type FeedFilter } from '../../../store/queries/filters.ts';
import type { AppContext } from '../../app.ts';
import { SECTION_ROUTE } from '../../plugins/publish-links.ts';
import { errorResponses } from '../../json-schema.ts';

/**
 * Publishing the record back: Repertoire sections as downloads, bulk open-data exports (CSV, JSON,
 * Popolo), resolutions as Akoma Ntoso, and an Atom feed.
 */

const lang = z.enum(['zh', 'en']);
const sectionQuery = z.strictObject({
  lang: lang.optional().describe('language of the edition (default zh)'),
  startAt: z.coerce.number().int().min(1).max(1_000_000).optional().describe('number of the first footnote'),
});
const sectionParams = z.object({
  year: z.coerce.number().int().min(1946).max(2100),
  file: z
    .string()
    .regex(
      new RegExp(`^[0-9]{1,5}\\.(${SECTION_FORMATS.join('|')})$`),
      'expected an item number and a format',
    )
    .describe('item number and format, e.g. 23.html'),
});
const csvQuery = z.strictObject({
  bom: z.literal('1').optional().describe('bom=1 adds a UTF-8 byte-order mark (for spreadsheet programs)'),
});
const noQuery = z.strictObject({});
const aknQuery = z.strictObject({ lang: lang.optional() });
const aknParams = z.object({
  '*': z
    .string()
    .max(200)
    .regex(/\.xml$/, 'expected a symbol ending in .xml'),
});
const errors = errorResponses(400, 404);

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

  app.get(
    SECTION_ROUTE,
    {
      schema: {
        tags: ['publish'],
        summary:
          "An agenda item's Repertoire section rendered from the record (e.g. /publish/items/2020/23.html?lang=zh)",
        description:
          'Footnotes are numbered in order of appearance, from the stored first number (startAt changes it); ' +
          'the table is in the Repertoire columns. Formats: html, md (Markdown), txt (the printed layout), json, csv (the tables).',
        params: sectionParams,
        querystring: sectionQuery,
        response: errors,
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
          schema: {
            tags: ['open data'],
            summary: `Every ${dataset === 'briefers' ? 'briefer' : dataset.slice(0, -1)} in the record, as ${format.toUpperCase()}`,
            description: 'Columns are documented in docs/open-data.md.',
            querystring: format === 'csv' ? csvQuery : noQuery,
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
      schema: {
        tags: ['open data'],
        summary:
          'A resolution as Akoma Ntoso (AKN4UN) XML: its metadata and the operative paragraphs the Repertoire cites',
        description:
          'e.g. /export/akn/S/RES/2518%20(2020).xml. The record holds no resolution texts: paragraph bodies are marked omissis.',
        params: aknParams,
        querystring: aknQuery,
        response: errors,
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
      schema: {
        tags: ['open data'],
        summary: 'Atom feed of the newest decisions and videoconferences, with the list pages’ filters',
        querystring: feedFilterSchema,
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
