import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { SectionFormat } from '../../publish/index.ts';
import type { Lang } from '../web/lang.ts';

/**
 * Where the published Repertoire section of an item can be downloaded. The route belongs to the publish
 * capability (routes/api/publish.ts); pages ask `app.sectionDownloads`, which offers the downloads only
 * when that route is served, so a page never links to a download that is not there.
 */
export interface Download {
  href: string;
  label: string;
  format: string;
}

export type SectionDownloads = (year: number, number: number, lang: Lang) => Download[];

/** The route of a published section: /publish/items/2020/23.html?lang=zh. */
export const SECTION_ROUTE = '/publish/items/:year/:file';

export function sectionHref(year: number, number: number, format: SectionFormat, lang: Lang): string {
  return `/publish/items/${year}/${number}.${format}?lang=${lang}`;
}

/** The formats an item page offers, with their labels. */
const OFFERED: [SectionFormat, string][] = [
  ['html', 'HTML'],
  ['md', 'Markdown'],
  ['json', 'JSON'],
  ['csv', 'CSV'],
];

declare module 'fastify' {
  interface FastifyInstance {
    sectionDownloads: SectionDownloads;
  }
}

async function publishLinks(app: FastifyInstance): Promise<void> {
  let served: boolean | undefined;
  app.decorate('sectionDownloads', (year: number, number: number, lang: Lang) => {
    // Asked of the router once the routes are in: every route module has been registered by then.
    served ??= app.hasRoute({ method: 'GET', url: SECTION_ROUTE });
    return served
      ? OFFERED.map(([format, label]) => ({ href: sectionHref(year, number, format, lang), label, format }))
      : [];
  });
}

export default fp(publishLinks, { name: 'publish-links' });
