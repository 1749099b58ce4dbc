import type { Selectable } from 'kysely';
import type { Db } from '../record.ts';
import type { CitationTable } from '../tables/core.ts';
import { jsonList } from './rows.ts';
import type { Lang } from '../../domain/vocabulary.ts';

/** A footnote of a stored Repertoire section that cites a document. */
export interface CitingFootnote {
  footnoteId: string;
  number: number;
  text: string;
  sectionId: string;
  lang: Lang;
  year: number;
  agendaItemId: string;
  /** Operative paragraphs of the cited document named in the footnote, if any. */
  paragraphs: number[];
}

/**
 * The footnotes that cite any of `symbols`, each once (with the paragraphs of every matching citation), in
 * section and footnote order. The one query behind "cited in the Repertoire" on pages, API and exports.
 */
export async function footnotesCiting(db: Db, symbols: string[]): Promise<CitingFootnote[]> {
  const wanted = [...new Set(symbols.filter(Boolean))];
  if (wanted.length === 0) return [];
  const rows = await db
    .selectFrom('citation as c')
    .innerJoin('footnote as f', 'f.id', 'c.footnote_id')
    .innerJoin('section as s', 's.id', 'f.section_id')
    .select([
      'f.id',
      'f.number',
      'f.text',
      's.id as section_id',
      's.lang',
      's.year',
      's.agenda_item_id',
      'c.paragraphs',
    ])
    .where('c.symbol', 'in', wanted)
    .orderBy('s.id')
    .orderBy('f.number')
    .orderBy('c.ordinal')
    .execute();
  const byId = new Map<string, CitingFootnote>();
  for (const r of rows) {
    const paragraphs = jsonList(r.paragraphs, `citation of footnote ${r.id}`).map(Number);
    const seen = byId.get(r.id);
    if (seen) seen.paragraphs = [...new Set([...seen.paragraphs, ...paragraphs])];
    else
      byId.set(r.id, {
        footnoteId: r.id,
        number: r.number,
        text: r.text,
        sectionId: r.section_id,
        lang: r.lang,
        year: r.year,
        agendaItemId: r.agenda_item_id,
        paragraphs,
      });
  }
  return [...byId.values()];
}

export type CitationRow = Selectable<CitationTable>;

/** The citations of a section's footnotes, footnote by footnote in the order they are made. */
export function citationsOfSection(db: Db, sectionId: string): Promise<CitationRow[]> {
  return db
    .selectFrom('citation')
    .innerJoin('footnote', 'footnote.id', 'citation.footnote_id')
    .selectAll('citation')
    .where('footnote.section_id', '=', sectionId)
    .orderBy('citation.footnote_id')
    .orderBy('citation.ordinal')
    .execute();
}
