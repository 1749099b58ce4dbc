import type { Generated } from 'kysely';
import type { Lang } from '../../domain/vocabulary.ts';

/**
 * One searchable unit of the record (a paragraph, footnote, meeting title, briefer or decision, in one
 * language), with the filter values copied from the record so a search needs no joins, and its text
 * pre-tokenised by src/search/tokenise.ts. SQLite indexes `words`/`extra` in the FTS5 table search_fts
 * (rowid = n); PostgreSQL keeps a tsvector built from the same terms in `tsv` (not typed here: written
 * and read through raw SQL only).
 */
export interface SearchDocTable {
  n: Generated<number>;
  /** `${kind}:${entity_id}:${lang}` */
  id: string;
  kind: 'paragraph' | 'footnote' | 'meeting' | 'briefer' | 'decision' | 'speech';
  entity_id: string;
  lang: Lang;
  year: number | null;
  date: string | null;
  agenda_item_id: string | null;
  item_number: number | null;
  format: string | null;
  decision_kind: string | null;
  /** ISO3 codes of the states the unit names or concerns, space-separated with a space at each end. */
  states: string;
  section_id: string | null;
  /** Where the unit is shown (a path of the web site, with the paragraph's anchor). */
  link: string;
  title: string;
  /** The text as stored in the record: snippets are cut from it. */
  body: string;
  /** Space-joined terms (see tokenise.ts). */
  words: string;
  extra: string;
  /** Number of terms in words + extra (BM25's document length). */
  length: number;
  /** The meeting the unit belongs to (a speech, a meeting title, a briefer): the `meeting` filter. */
  meeting_id: string | null;
  /** A speech's speaker's state (ISO3), not the states it names: the `speaker` filter. */
  speaker_state: string | null;
}

/** Document frequency of each term, kept in step with search_doc so both backends rank alike. */
export interface SearchTermTable {
  term: string;
  df: number;
  /** Of `df`, the units in Chinese and in English. */
  df_zh: number;
  df_en: number;
  /** Units on the term's impact list (search_posting). */
  kept: number;
  /** The most the term weighs in a unit not on its list; 0 when the list holds every unit with the term. */
  floor: number;
}

/** A term's impact list (src/search/postings.ts): units where it weighs most, with that weight. */
export interface SearchPostingTable {
  term: string;
  n: number;
  impact: number;
}

/**
 * A common term's complete postings (src/search/blocks.ts) over one span of unit numbers: every unit in
 * [start, start + span) holding the term, with its weight (`data`: offsets and weights), and `top`, the
 * heaviest. Kept for the terms whose impact list is not complete (search_term.floor > 0).
 */
export interface SearchBlockTable {
  term: string;
  start: number;
  top: number;
  data: Buffer;
}

/**
 * Index totals: 'docs' (document count), 'terms' (sum of lengths), 'version' (bumped by every write) and
 * 'avgdl' (BM25's reference length in thousandths, see src/search/bm25.ts).
 */
export interface SearchStatTable {
  key: string;
  value: number;
}

/** Tables of the full-text search index (src/search). */
export interface SearchTables {
  search_doc: SearchDocTable;
  search_term: SearchTermTable;
  search_posting: SearchPostingTable;
  search_block: SearchBlockTable;
  search_stat: SearchStatTable;
}
