import type { Db } from '../store/record.ts';
import { getItemSection } from '../store/queries/sections.ts';
import type { Lang } from '../domain/vocabulary.ts';
import { renderCsv, renderJson } from './render-data.ts';
import { renderHtmlDocument, type HtmlOptions } from './render-html.ts';
import { renderMarkdown } from './render-markdown.ts';
import { renderText } from './render-text.ts';
import { publishSection, type PublishedSection } from './section.ts';

export { publishSection, type PublishedSection } from './section.ts';
export { renderHtmlDocument, renderHtmlFragment, type HtmlOptions } from './render-html.ts';
export { renderMarkdown } from './render-markdown.ts';
export { renderText } from './render-text.ts';
export { renderCsv, renderJson } from './render-data.ts';

export const SECTION_FORMATS = ['html', 'md', 'txt', 'json', 'csv'] as const;
export type SectionFormat = (typeof SECTION_FORMATS)[number];

export const CONTENT_TYPES: Record<SectionFormat, string> = {
  html: 'text/html; charset=utf-8',
  md: 'text/markdown; charset=utf-8',
  txt: 'text/plain; charset=utf-8',
  json: 'application/json; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
};

/** The agenda item's section laid out in `lang`; undefined when the record has no such item. */
export async function loadPublishedSection(
  db: Db,
  year: number,
  number: number,
  lang: Lang,
  startAt?: number,
): Promise<PublishedSection | undefined> {
  const data = await getItemSection(db, year, number, lang);
  if (!data) return undefined;
  return publishSection(data, { lang, ...(startAt !== undefined ? { startAt } : {}) });
}

export function renderSection(s: PublishedSection, format: SectionFormat, html: HtmlOptions = {}): string {
  switch (format) {
    case 'html':
      return renderHtmlDocument(s, html);
    case 'md':
      return renderMarkdown(s);
    case 'txt':
      return renderText(s);
    case 'json':
      return renderJson(s);
    case 'csv':
      return renderCsv(s);
  }
}
