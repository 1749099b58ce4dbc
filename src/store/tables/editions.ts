/** A position's summary in one edition (zh or en) of a section; see migration 012. */
import type { Lang } from '../../domain/vocabulary.ts';
export interface PositionTextTable {
  position_id: string;
  lang: Lang;
  source_id: string;
  section_id: string;
  paragraph_id: string | null;
  footnote_id: string | null;
  summary: string;
}

/**
 * One version of a section's text: a draft an editor checked, the published one, or an earlier published
 * one (superseded). `number` counts the versions of the section from 1.
 */
export interface SectionVersionTable {
  /** `${section_id}@v${number}` */
  id: string;
  section_id: string;
  agenda_item_id: string;
  lang: Lang;
  number: number;
  status: 'draft' | 'published' | 'superseded';
  uri: string;
  sha256: string;
  text: string;
  /** JSON array of the extract's findings. */
  findings: string;
  created_at: string;
  published_at: string | null;
  superseded_at: string | null;
  /** Who checked the text (migration 014); null before, or when not known. */
  created_by: string | null;
  /** Who made it the published version (migration 014). */
  published_by: string | null;
}

export interface EditionTables {
  position_text: PositionTextTable;
  section_version: SectionVersionTable;
}
