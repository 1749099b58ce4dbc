/**
 * The record's core tables. Ids are natural keys chosen by the domain (symbols, dates) so that the same
 * event reached by two sources lands on one row; JSON-valued columns are stored as text so that SQLite
 * and PostgreSQL read them alike. Booleans are 0/1 integers for the same reason.
 */
import type { AgendaCategory, DecisionKind, Lang, MeetingFormat, Modality } from '../../domain/vocabulary.ts';
export interface SourceTable {
  /** e.g. "repertoire:zh:2020:23", "dhl:scact2020_covid_table_en.html". */
  id: string;
  kind:
    | 'repertoire'
    | 'dhl_table'
    | 'veto_list'
    | 'undl_voting'
    | 'voting_sheet'
    | 'procedure'
    | 'manual'
    | 'verbatim_record'
    | 'vtc_letters';
  uri: string;
  title: string | null;
  lang: string | null;
  sha256: string;
  imported_at: string;
}

export interface AgendaItemTable {
  /** "2020-23" */
  id: string;
  year: number;
  number: number | null;
  title_zh: string | null;
  title_en: string | null;
  category: AgendaCategory;
}

export interface MeetingTable {
  /** The record symbol when known ("S/PV.8743", "S/2020/268"), else "date:format:item". */
  id: string;
  date: string;
  format: MeetingFormat;
  record_symbol: string | null;
  letter_date: string | null;
  title_zh: string | null;
  title_en: string | null;
  agenda_item_id: string | null;
  topic: string | null;
  presidency: string | null;
  initiative: string | null;
  chair: string | null;
  notes: string | null; // JSON array of strings
  /** The agenda item's sub-items as the verbatim record's cover prints them, JSON array (migration 015). */
  sub_items_en: string | null;
  /** Fields resting on an inference, JSON object field → note (migration 018); null when all were stated. */
  inferred: string | null;
}

export interface ParticipantTable {
  id: string;
  meeting_id: string;
  /** `member` and `invited` (rule 37) come from the cover and invitations of a verbatim record. */
  kind: 'briefer' | 'speaker' | 'chair' | 'member' | 'invited';
  role_zh: string | null;
  role_en: string | null;
  office: string | null; // office key from data/reference/offices.json
  organisation: string | null;
  mission: string | null; // acronym from data/reference/missions.json
  state: string | null; // ISO3
  name: string | null;
  gender: 'female' | 'male' | null;
  ordinal: number;
  /** The name as printed, when the source's names are checked against the reference data (migration 011). */
  name_printed: string | null;
  name_check: 'matched' | 'corrected' | 'unresolved' | null;
}

export interface DocumentTable {
  symbol: string;
  kind: string;
  date: string | null;
  title_zh: string | null;
  title_en: string | null;
}

export interface DecisionTable {
  /** The decision's symbol ("S/RES/2518 (2020)", "S/PRST/2020/1") or the draft's for a draft not adopted. */
  id: string;
  kind: DecisionKind;
  symbol: string | null;
  draft_symbol: string | null;
  meeting_id: string | null;
  agenda_item_id: string | null;
  date: string | null;
  modality: Modality | null;
  adopted: number | null;
  vote_for: number | null;
  vote_against: number | null;
  vote_abstaining: number | null;
  vote_absent: number | null;
  written_procedure_letter: string | null;
  record_letter: string | null;
  title: string | null;
  vetoed_by: string | null; // JSON array of ISO3
}

export interface VoteTable {
  decision_id: string;
  state: string; // ISO3
  vote: 'Y' | 'N' | 'A' | 'X';
  /** 'recorded': a source gives it; 'tally': proven from the tally and the other known votes; null: older row. */
  basis: 'recorded' | 'tally' | null;
  /** The source of a recorded vote. */
  source_id: string | null;
}

export interface SectionTable {
  /** "repertoire:2020:23:zh" */
  id: string;
  source_id: string;
  agenda_item_id: string;
  year: number;
  lang: Lang;
  title: string;
}

export interface ParagraphTable {
  id: string; // `${section_id}:p${ordinal}`
  section_id: string;
  ordinal: number;
  text: string;
  lang: Lang;
}

export interface FootnoteTable {
  id: string; // `${section_id}:fn${number}`
  section_id: string;
  number: number;
  text: string;
  paragraph_ordinal: number | null;
  marker_offset: number | null;
}

export interface CitationTable {
  id: string; // `${footnote_id}:c${ordinal}`
  footnote_id: string;
  ordinal: number;
  symbol: string;
  paragraphs: string | null; // JSON array of numbers
}

export interface PositionTable {
  id: string;
  meeting_id: string | null;
  agenda_item_id: string | null;
  paragraph_id: string | null;
  footnote_id: string | null;
  summary: string;
  lang: Lang;
  states: string; // JSON array of ISO3
}

/** A turn of a verbatim record: who spoke, in which order, what was said (the source's own rows). */
export interface SpeechTable {
  id: string; // `${meeting_id}#${source_id}#${ordinal}`
  meeting_id: string;
  source_id: string;
  ordinal: number;
  /** The speaker as printed: "Mr. Zhang Jun", "The President". */
  speaker: string;
  state: string | null; // ISO3
  organisation: string | null;
  language: string | null; // ISO 639-1 for the six official languages
  page: number | null;
  text: string;
}

/** Where each fact came from: one row per (record, source, locator). */
export interface ProvenanceTable {
  entity_type:
    | 'meeting'
    | 'decision'
    | 'participant'
    | 'position'
    | 'footnote'
    | 'paragraph'
    | 'document'
    | 'vote'
    | 'speech'
    | 'agenda_item';
  entity_id: string;
  source_id: string;
  locator: string; // "paragraph 3", "footnote 646", "table row 2"
}

/** Two sources disagree on one field: both values are kept and shown. */
export interface ConflictTable {
  entity_type: string;
  entity_id: string;
  field: string;
  value: string;
  source_id: string;
  locator: string;
}

export interface CoreTables {
  source: SourceTable;
  agenda_item: AgendaItemTable;
  meeting: MeetingTable;
  participant: ParticipantTable;
  document: DocumentTable;
  decision: DecisionTable;
  vote: VoteTable;
  section: SectionTable;
  paragraph: ParagraphTable;
  footnote: FootnoteTable;
  citation: CitationTable;
  position: PositionTable;
  provenance: ProvenanceTable;
  conflict: ConflictTable;
  speech: SpeechTable;
}
