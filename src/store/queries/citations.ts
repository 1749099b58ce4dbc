import type { Db } from '../record.ts';
import { jsonList } from './rows.ts';

/** A footnote of a stored Repertoire section that cites a document. */
export interface CitingFootnote {
  footnoteId: string;
  number: number;
  text: string;
  sectionId: string;
  lang: 'zh' | 'en';
  year: number;
  agendaItemId: string;
  /** Operative paragraphs of the cited document named in the footnote, if any. */
  paragraphs: number[];
}

/** The footnotes that cite any of `symbols`, in section and footnote order. */
export async function footnotesCiting(db: Db, symbols: string[]): Promise<CitingFootnote[]> {
  const wanted = symbols.filter(Boolean);
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
  return rows.map((r) => ({
    footnoteId: r.id,
    number: r.number,
    text: r.text,
    sectionId: r.section_id,
    lang: r.lang,
    year: r.year,
    agendaItemId: r.agenda_item_id,
    paragraphs: jsonList(r.paragraphs, `citation of footnote ${r.id}`).map(Number),
  }));
}
