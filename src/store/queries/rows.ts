import type { Selectable } from 'kysely';
import type {
  AgendaItemTable,
  DecisionTable,
  FootnoteTable,
  MeetingTable,
  ParagraphTable,
  ParticipantTable,
  PositionTable,
  SectionTable,
  SourceTable,
  VoteTable,
} from '../tables/core.ts';

/** The record's rows as stored (snake_case columns), for readers that lay the columns out themselves. */
export type MeetingRow = Selectable<MeetingTable>;
export type DecisionRow = Selectable<DecisionTable>;
export type ParticipantRow = Selectable<ParticipantTable>;
export type PositionRow = Selectable<PositionTable>;
export type AgendaItemRow = Selectable<AgendaItemTable>;
export type SectionRow = Selectable<SectionTable>;
export type ParagraphRow = Selectable<ParagraphTable>;
export type FootnoteRow = Selectable<FootnoteTable>;
export type VoteRow = Selectable<VoteTable>;
export type SourceRow = Selectable<SourceTable>;

/** The record's rows as the API and the pages show them: camelCase, JSON columns parsed. */

export interface AgendaItemRef {
  id: string;
  year: number;
  number: number | null;
  titleZh: string | null;
  titleEn: string | null;
  category: AgendaItemTable['category'];
}

export interface MeetingSummary {
  id: string;
  date: string;
  format: MeetingTable['format'];
  recordSymbol: string | null;
  letterDate: string | null;
  titleZh: string | null;
  titleEn: string | null;
  agendaItemId: string | null;
  topic: string | null;
  presidency: string | null;
  initiative: string | null;
  chair: string | null;
  notes: string[];
  /** The agenda item's sub-items as the verbatim record's cover prints them (English). */
  subItemsEn: string[];
}

export interface DecisionSummary {
  id: string;
  kind: DecisionTable['kind'];
  symbol: string | null;
  draftSymbol: string | null;
  meetingId: string | null;
  agendaItemId: string | null;
  date: string | null;
  modality: DecisionTable['modality'];
  adopted: boolean | null;
  votes: { for: number | null; against: number | null; abstaining: number | null; absent: number | null };
  writtenProcedureLetter: string | null;
  recordLetter: string | null;
  title: string | null;
  vetoedBy: string[];
}

export interface Participant {
  id: string;
  /** The source that named this participant (participant ids are meeting#source#ordinal). */
  sourceId: string | null;
  kind: ParticipantTable['kind'];
  roleZh: string | null;
  roleEn: string | null;
  office: string | null;
  organisation: string | null;
  mission: string | null;
  state: string | null;
  name: string | null;
  gender: ParticipantTable['gender'];
  ordinal: number;
}

export interface Position {
  id: string;
  meetingId: string | null;
  agendaItemId: string | null;
  paragraphId: string | null;
  footnoteId: string | null;
  summary: string;
  lang: PositionTable['lang'];
  states: string[];
}

export function jsonList(text: string | null, where: string): string[] {
  if (text === null || text === '') return [];
  try {
    const v: unknown = JSON.parse(text);
    if (Array.isArray(v)) return v.map(String);
  } catch {
    // fall through to the error below
  }
  throw new Error(`${where}: expected a JSON array of strings, found ${JSON.stringify(text.slice(0, 80))}`);
}

export function toAgendaItem(r: Selectable<AgendaItemTable>): AgendaItemRef {
  return {
    id: r.id,
    year: r.year,
    number: r.number,
    titleZh: r.title_zh,
    titleEn: r.title_en,
    category: r.category,
  };
}

export function toMeeting(r: Selectable<MeetingTable>): MeetingSummary {
  return {
    id: r.id,
    date: r.date,
    format: r.format,
    recordSymbol: r.record_symbol,
    letterDate: r.letter_date,
    titleZh: r.title_zh,
    titleEn: r.title_en,
    agendaItemId: r.agenda_item_id,
    topic: r.topic,
    presidency: r.presidency,
    initiative: r.initiative,
    chair: r.chair,
    notes: jsonList(r.notes, `meeting ${r.id} notes`),
    subItemsEn: jsonList(r.sub_items_en, `meeting ${r.id} sub_items_en`),
  };
}

export function toDecision(r: Selectable<DecisionTable>): DecisionSummary {
  return {
    id: r.id,
    kind: r.kind,
    symbol: r.symbol,
    draftSymbol: r.draft_symbol,
    meetingId: r.meeting_id,
    agendaItemId: r.agenda_item_id,
    date: r.date,
    modality: r.modality,
    adopted: r.adopted === null ? null : Boolean(r.adopted),
    votes: { for: r.vote_for, against: r.vote_against, abstaining: r.vote_abstaining, absent: r.vote_absent },
    writtenProcedureLetter: r.written_procedure_letter,
    recordLetter: r.record_letter,
    title: r.title,
    vetoedBy: jsonList(r.vetoed_by, `decision ${r.id} vetoed_by`),
  };
}

/** The source that named a participant: its id is meeting#source#ordinal (a source id may hold '#'). */
export function participantSourceId(participantId: string): string | null {
  const parts = participantId.split('#');
  return parts.length >= 3 ? parts.slice(1, -1).join('#') : null;
}

export function toParticipant(r: Selectable<ParticipantTable>): Participant {
  return {
    id: r.id,
    sourceId: participantSourceId(r.id),
    kind: r.kind,
    roleZh: r.role_zh,
    roleEn: r.role_en,
    office: r.office,
    organisation: r.organisation,
    mission: r.mission,
    state: r.state,
    name: r.name,
    gender: r.gender,
    ordinal: r.ordinal,
  };
}

export function toPosition(r: Selectable<PositionTable>): Position {
  return {
    id: r.id,
    meetingId: r.meeting_id,
    agendaItemId: r.agenda_item_id,
    paragraphId: r.paragraph_id,
    footnoteId: r.footnote_id,
    summary: r.summary,
    lang: r.lang,
    states: jsonList(r.states, `position ${r.id} states`),
  };
}
