import type { Db } from '../record.ts';
import { inListOrder } from './participant-order.ts';
import { getItem, type ItemListRow } from './items.ts';
import { provenanceOf, type SourceRef } from './provenance.ts';
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
  type Position,
} from './rows.ts';

export interface SectionParagraph {
  id: string;
  ordinal: number;
  text: string;
  lang: 'zh' | 'en';
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
  section: { id: string; sourceId: string; lang: 'zh' | 'en'; title: string; year: number } | null;
  /** Languages in which the section is stored. */
  available: ('zh' | 'en')[];
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
  lang: 'zh' | 'en' = 'zh',
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

  const paragraphs = section
    ? await db
        .selectFrom('paragraph')
        .selectAll()
        .where('section_id', '=', section.id)
        .orderBy('ordinal')
        .execute()
    : [];
  const footnotes = section
    ? await db
        .selectFrom('footnote')
        .selectAll()
        .where('section_id', '=', section.id)
        .orderBy('number')
        .execute()
    : [];
  const citations =
    footnotes.length === 0
      ? []
      : await db
          .selectFrom('citation')
          .selectAll()
          .where(
            'footnote_id',
            'in',
            footnotes.map((f) => f.id),
          )
          .orderBy('footnote_id')
          .orderBy('ordinal')
          .execute();

  const meetingRows = await db
    .selectFrom('meeting')
    .selectAll()
    .where('agenda_item_id', '=', item.id)
    .orderBy('date')
    .orderBy('id')
    .execute();
  const meetingIds = meetingRows.map((m) => m.id);
  const participants =
    meetingIds.length === 0
      ? []
      : inListOrder(
          await db.selectFrom('participant').selectAll().where('meeting_id', 'in', meetingIds).execute(),
        );
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
  const decisionRows = await db
    .selectFrom('decision')
    .selectAll()
    .where((eb) =>
      meetingIds.length === 0
        ? eb('agenda_item_id', '=', item.id)
        : eb.or([eb('agenda_item_id', '=', item.id), eb('meeting_id', 'in', meetingIds)]),
    )
    .orderBy('date')
    .orderBy('id')
    .execute();
  const positions = await db
    .selectFrom('position')
    .selectAll()
    .where((eb) =>
      meetingIds.length === 0
        ? eb('agenda_item_id', '=', item.id)
        : eb.or([eb('agenda_item_id', '=', item.id), eb('meeting_id', 'in', meetingIds)]),
    )
    .orderBy('id')
    .execute();

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
    sources: section ? await provenanceOf(db, 'agenda_item', item.id) : [],
  };
}

/**
 * Positions as the edition in `lang` states them: a position the zh and en editions share is one row
 * (the first edition's text), and each edition's summary, paragraph and footnote are in position_text.
 */
export async function inLanguage(db: Db, positions: Position[], lang: 'zh' | 'en'): Promise<Position[]> {
  if (positions.length === 0) return positions;
  const texts = await db
    .selectFrom('position_text')
    .selectAll()
    .where('lang', '=', lang)
    .where(
      'position_id',
      'in',
      positions.map((p) => p.id),
    )
    .execute();
  const byId = new Map(texts.map((t) => [t.position_id, t]));
  return positions.map((p) => {
    const t = byId.get(p.id);
    return t
      ? { ...p, summary: t.summary, lang: t.lang, paragraphId: t.paragraph_id, footnoteId: t.footnote_id }
      : p;
  });
}
