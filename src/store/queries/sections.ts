import type { Db } from '../record.ts';
import { decisionsOfItem } from './decisions.ts';
import { getItem, type ItemListRow } from './items.ts';
import { meetingsOfItem } from './meetings.ts';
import { participantsOf } from './participants.ts';
import { positionsOf, positionTexts } from './positions.ts';
import { citationsOfSection } from './citations.ts';
import { sourcesOf, type SourceRef } from './provenance.ts';
import { listSectionVersions, type SectionVersionSummary } from './versions.ts';
import {
  jsonList,
  toDecision,
  toMeeting,
  toParticipant,
  toPosition,
  type DecisionSummary,
  type MeetingSummary,
  type Participant,
  type FootnoteRow,
  type ParagraphRow,
  type Position,
  type SectionRow,
} from './rows.ts';
import type { CitationRow } from './citations.ts';
import type { Lang } from '../../domain/vocabulary.ts';

export interface SectionParagraph {
  id: string;
  ordinal: number;
  text: string;
  lang: Lang;
}

export interface SectionCitation {
  ordinal: number;
  symbol: string;
  paragraphs: number[];
}

export interface SectionFootnote {
  id: string;
  /** The number printed in the source section. */
  number: number;
  text: string;
  paragraphOrdinal: number | null;
  /** Offset of the marker in its paragraph's text, in UTF-16 units; null when not known. */
  markerOffset: number | null;
  citations: SectionCitation[];
}

export interface SectionMeeting extends MeetingSummary {
  participants: Participant[];
  decisions: DecisionSummary[];
  /** Who spoke, in order (verbatim records, videoconference letters): the Repertoire's speakers column. */
  speeches: { ordinal: number; speaker: string; state: string | null; organisation: string | null }[];
}

export interface ItemSectionData {
  item: ItemListRow;
  /** The stored section in the asked language, else one in the other language, else null. */
  section: { id: string; sourceId: string; lang: Lang; title: string; year: number } | null;
  /** Languages in which the section is stored. */
  available: Lang[];
  /** The version of the shown section's text that is published (null for a section stored before versions). */
  version: SectionVersionSummary | null;
  /** The shown section's published and earlier versions (drafts are editors' own): GET /api/section-versions/:id reads one. */
  versions: SectionVersionSummary[];
  paragraphs: SectionParagraph[];
  footnotes: SectionFootnote[];
  meetings: SectionMeeting[];
  /** Decisions of the item, in date order; those of a listed meeting are also under that meeting. */
  decisions: DecisionSummary[];
  positions: Position[];
  sources: SourceRef[];
}

/**
 * Everything the record holds for an agenda item of a year, as the Repertoire section and the item page
 * need it. Undefined when the item is unknown.
 */
export async function getItemSection(
  db: Db,
  year: number,
  number: number,
  lang: Lang = 'zh',
): Promise<ItemSectionData | undefined> {
  const item = await getItem(db, year, number);
  if (!item) return undefined;
  const sections = await db
    .selectFrom('section')
    .selectAll()
    .where('agenda_item_id', '=', item.id)
    .orderBy('id')
    .execute();
  const section = sections.find((s) => s.lang === lang) ?? sections[0] ?? null;

  const { paragraphs, footnotes, citations } = section
    ? await sectionText(db, section)
    : { paragraphs: [], footnotes: [], citations: [] };

  const meetingRows = await meetingsOfItem(db, item.id);
  const meetingIds = meetingRows.map((m) => m.id);
  const participants = await participantsOf(db, meetingIds);
  const speeches =
    meetingIds.length === 0
      ? []
      : await db
          .selectFrom('speech')
          .select(['meeting_id', 'ordinal', 'speaker', 'state', 'organisation'])
          .where('meeting_id', 'in', meetingIds)
          .orderBy('meeting_id')
          .orderBy('source_id')
          .orderBy('ordinal')
          .execute();
  const decisionRows = await decisionsOfItem(db, item.id, meetingIds);
  const positions = await positionsOf(db, { meetingIds, itemId: item.id });

  const decisions = decisionRows.map(toDecision);
  const versions = section
    ? (await listSectionVersions(db, item.id)).filter(
        (v) => v.sectionId === section.id && v.status !== 'draft',
      )
    : [];
  return {
    item,
    section: section
      ? {
          id: section.id,
          sourceId: section.source_id,
          lang: section.lang,
          title: section.title,
          year: section.year,
        }
      : null,
    available: [...new Set(sections.map((s) => s.lang))],
    version: versions.find((v) => v.status === 'published') ?? null,
    versions,
    paragraphs: paragraphs.map((p) => ({ id: p.id, ordinal: p.ordinal, text: p.text, lang: p.lang })),
    footnotes: footnotes.map((f) => ({
      id: f.id,
      number: f.number,
      text: f.text,
      paragraphOrdinal: f.paragraph_ordinal,
      markerOffset: f.marker_offset,
      citations: citations
        .filter((c) => c.footnote_id === f.id)
        .map((c) => ({
          ordinal: c.ordinal,
          symbol: c.symbol,
          paragraphs: jsonList(c.paragraphs, `citation ${c.id}`).map(Number),
        })),
    })),
    meetings: meetingRows.map((m) => ({
      ...toMeeting(m),
      participants: participants
        .filter((p) => p.meeting_id === m.id)
        .map(toParticipant)
        .sort((a, b) => (a.sourceId ?? '').localeCompare(b.sourceId ?? '') || a.ordinal - b.ordinal),
      decisions: decisions.filter((d) => d.meetingId === m.id),
      speeches: speeches
        .filter((x) => x.meeting_id === m.id)
        .map(({ ordinal, speaker, state, organisation }) => ({ ordinal, speaker, state, organisation })),
    })),
    decisions,
    positions: await inLanguage(db, positions.map(toPosition), section?.lang ?? lang),
    sources: section ? await sourcesOf(db, { type: 'agenda_item', id: item.id }) : [],
  };
}

/**
 * Positions as the edition in `lang` states them: a position the zh and en editions share is one row
 * (the first edition's text), and each edition's summary, paragraph and footnote are in position_text.
 */
export async function inLanguage(db: Db, positions: Position[], lang: Lang): Promise<Position[]> {
  const texts = await positionTexts(
    db,
    positions.map((p) => p.id),
    lang,
  );
  return positions.map((p) => {
    const t = texts.get(p.id);
    return t
      ? { ...p, summary: t.summary, lang: t.lang, paragraphId: t.paragraph_id, footnoteId: t.footnote_id }
      : p;
  });
}

/** A stored section's text: paragraphs in order, footnotes by number, and the footnotes' citations. */
export interface SectionText {
  section: SectionRow;
  paragraphs: ParagraphRow[];
  footnotes: FootnoteRow[];
  citations: CitationRow[];
}

export async function sectionText(db: Db, section: SectionRow): Promise<SectionText> {
  const [paragraphs, footnotes, citations] = await Promise.all([
    db.selectFrom('paragraph').selectAll().where('section_id', '=', section.id).orderBy('ordinal').execute(),
    db.selectFrom('footnote').selectAll().where('section_id', '=', section.id).orderBy('number').execute(),
    citationsOfSection(db, section.id),
  ]);
  return { section, paragraphs, footnotes, citations };
}

/** The stored sections of an agenda item, one per language. */
export function sectionsOfItem(db: Db, itemId: string): Promise<SectionRow[]> {
  return db.selectFrom('section').selectAll().where('agenda_item_id', '=', itemId).orderBy('lang').execute();
}

/** Paragraphs whose text contains one of the numbers (the caller keeps those that really cite the symbol). */
export async function paragraphsContaining(
  db: Db,
  numbers: string[],
): Promise<{ id: string; ordinal: number; text: string; lang: string; agenda_item_id: string }[]> {
  if (numbers.length === 0) return [];
  return db
    .selectFrom('paragraph')
    .innerJoin('section', 'section.id', 'paragraph.section_id')
    .select([
      'paragraph.id',
      'paragraph.ordinal',
      'paragraph.text',
      'paragraph.lang',
      'section.agenda_item_id',
    ])
    .where((eb) => eb.or(numbers.map((n) => eb('paragraph.text', 'like', `%${n.replace(/[^0-9]/g, '')}%`))))
    .orderBy('section.agenda_item_id')
    .orderBy('paragraph.ordinal')
    .execute();
}
