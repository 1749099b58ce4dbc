/**
 * The record's closed vocabularies, written once: the two languages, meeting formats, decision kinds,
 * how a decision was taken (its modality) and agenda categories. The schema's column types, the zod
 * schemas of the boundary, the API's filters, the pages and the charts all take their lists from here, in
 * this order (the order tables and charts show them in). The words for them in zh and en live in
 * `labels.ts`.
 */

export const LANGS = ['zh', 'en'] as const;
/** The record's two languages: Chinese (simplified) and English. */
export type Lang = (typeof LANGS)[number];

export function isLang(value: unknown): value is Lang {
  return value === 'zh' || value === 'en';
}

/** The other of the two languages (where a text exists in one only). */
export function otherLang(lang: Lang): Lang {
  return lang === 'zh' ? 'en' : 'zh';
}

/** Formal meetings (public or private), the 2020 videoconferences (open or closed), informal meetings. */
export const MEETING_FORMATS = [
  'formal_public',
  'formal_private',
  'open_vtc',
  'closed_vtc',
  'informal',
] as const;
export type MeetingFormat = (typeof MEETING_FORMATS)[number];

/** The videoconferences of 2020–2021, which were not formal meetings of the Council. */
export const VTC_FORMATS = ['open_vtc', 'closed_vtc'] as const satisfies readonly MeetingFormat[];
export type VtcFormat = (typeof VTC_FORMATS)[number];

export const DECISION_KINDS = [
  'resolution',
  'presidential_statement',
  'press_statement',
  'draft_not_adopted',
  'other',
] as const;
export type DecisionKind = (typeof DECISION_KINDS)[number];

/** How a decision was taken: by a vote, without one, or by the written procedure of 2020 (S/2020/253). */
export const MODALITIES = ['vote', 'without_vote', 'written_procedure'] as const;
export type Modality = (typeof MODALITIES)[number];

/** The Repertoire's grouping of agenda items. */
export const AGENDA_CATEGORIES = ['thematic', 'regional', 'other'] as const;
export type AgendaCategory = (typeof AGENDA_CATEGORIES)[number];
