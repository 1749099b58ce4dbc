import type { DecisionSummary } from '../store/queries/rows.ts';
import type { ItemSectionData, SectionFootnote, SectionMeeting } from '../store/queries/sections.ts';
import { citationsText, classifyFootnote, statesText } from './footnote-text.ts';
import { FORMAL_MEETING_HEADINGS, formalMeetingRow, type FormalMeetingRow } from './formal-meeting.ts';
import { LABELS, decisionLabel, repertoireDate, vtcLetterTitle } from '../domain/labels.ts';
import type { Lang } from '../domain/vocabulary.ts';

/**
 * An agenda-item section laid out as the Repertoire prints it, in one language, built from the stored
 * record. Renderers (HTML, Markdown, plain text, JSON, CSV) only format this model.
 */

export interface Text {
  text: string;
  /** The language the text is in; differs from the section's when the record holds it in the other only. */
  lang: Lang;
}

export type Segment = { text: string } | { footnote: number };

export interface PublishedParagraph {
  ordinal: number;
  lang: Lang;
  segments: Segment[];
}

export interface PublishedFootnote extends Text {
  /** Number in this publication (order of appearance). */
  number: number;
  /** Number in the stored source section. */
  sourceNumber: number;
  /** Index of the paragraph holding its marker, or null when no marker was recorded. */
  paragraph: number | null;
  cites: { symbol: string; paragraphs: number[] }[];
  /** How the text was obtained: stored as is, or written from the record's citations or state list. */
  basis: 'stored' | 'citations' | 'states';
}

export interface PublishedDecision {
  symbol: string;
  label: string;
  tally: string | null;
  writtenProcedure: string | null;
  votes: { for: number | null; against: number | null; abstaining: number | null };
}

export interface PublishedRow {
  /** A formal meeting's row as the Repertoire prints it (the meetings table), else null. */
  formal: FormalMeetingRow | null;
  meetingId: string;
  date: string;
  dateLabel: string;
  notes: string[];
  record: string | null;
  title: Text | null;
  format: SectionMeeting['format'];
  decisions: PublishedDecision[];
}

export interface PublishedTable {
  kind: 'videoconferences' | 'meetings';
  title: string;
  columns: string[];
  rows: PublishedRow[];
  notes: (Text & { letter: string })[];
}

export interface PublishedSection {
  lang: Lang;
  year: number;
  item: { id: string; number: number | null; title: Text; category: string };
  categoryHeading: string;
  heading: string;
  paragraphs: PublishedParagraph[];
  footnotes: PublishedFootnote[];
  tables: PublishedTable[];
  /** Why parts are shown in the other language, if they are. */
  notices: string[];
  sourceSection: { id: string; lang: Lang; sourceId: string } | null;
}

export interface PublishOptions {
  lang: Lang;
  /**
   * The first footnote number. The Repertoire numbers footnotes through a whole volume, so by default the
   * section keeps its first stored number and renumbers from there; 1 numbers it on its own.
   */
  startAt?: number;
}

const SUPERSCRIPT = '⁰¹²³⁴⁵⁶⁷⁸⁹';
const SUPERSCRIPT_RUN = /[⁰¹²³⁴⁵⁶⁷⁸⁹]+/g;

export function superscript(n: number): string {
  return String(n)
    .split('')
    .map((d) => SUPERSCRIPT[Number(d)])
    .join('');
}

function fromSuperscript(s: string): number {
  return Number(
    s
      .split('')
      .map((c) => SUPERSCRIPT.indexOf(c))
      .join(''),
  );
}

interface Marker {
  offset: number;
  footnote: SectionFootnote;
  /** False when the record does not say where in the paragraph the marker stood. */
  known: boolean;
}

/**
 * The paragraph's text without footnote markers, and where each of its footnotes is marked. A marker
 * left in the stored text (⁶⁴⁶) wins over a stored offset; a footnote with neither is marked at the end.
 */
function locateMarkers(text: string, own: SectionFootnote[]): { text: string; markers: Marker[] } {
  const byNumber = new Map(own.map((f) => [f.number, f]));
  const markers: Marker[] = [];
  let clean = '';
  let last = 0;
  for (const m of text.matchAll(SUPERSCRIPT_RUN)) {
    const f = byNumber.get(fromSuperscript(m[0]));
    if (!f) continue;
    clean += text.slice(last, m.index);
    markers.push({ offset: clean.length, footnote: f, known: true });
    last = m.index + m[0].length;
  }
  clean += text.slice(last);
  const placed = new Set(markers.map((m) => m.footnote.id));
  for (const f of own) {
    if (placed.has(f.id)) continue;
    const known = f.markerOffset !== null && f.markerOffset <= clean.length;
    markers.push({ offset: known ? f.markerOffset! : clean.length, footnote: f, known });
  }
  markers.sort((a, b) => a.offset - b.offset || a.footnote.number - b.footnote.number);
  return { text: clean, markers };
}

function itemTitle(data: ItemSectionData, lang: Lang): Text {
  const own = lang === 'zh' ? data.item.titleZh : data.item.titleEn;
  if (own) return { text: own, lang };
  if (lang === 'en') {
    // The UN Library's English tables name the item as the meeting's topic.
    const topics = data.meetings
      .map((m) => m.topic)
      .filter((t): t is string => Boolean(t) && !/\p{Script=Han}/u.test(t!));
    const counts = new Map<string, number>();
    for (const t of topics) counts.set(t.trim(), (counts.get(t.trim()) ?? 0) + 1);
    const best = [...counts.entries()].sort((a, b) => b[1] - a[1])[0];
    if (best) return { text: best[0], lang: 'en' };
  }
  const other = lang === 'zh' ? data.item.titleEn : data.item.titleZh;
  return { text: other ?? data.item.id, lang: lang === 'zh' ? 'en' : 'zh' };
}

function publishDecision(d: DecisionSummary, lang: Lang): PublishedDecision {
  const symbol = d.symbol ?? d.draftSymbol ?? d.id;
  const { for: f, against, abstaining } = d.votes;
  const tally =
    f !== null && against !== null && abstaining !== null ? `${f}-${against}-${abstaining}` : null;
  return {
    symbol,
    label: decisionLabel(symbol, lang),
    tally,
    writtenProcedure: d.writtenProcedureLetter,
    votes: { for: f, against, abstaining },
  };
}

function meetingTitle(m: SectionMeeting, lang: Lang): Text | null {
  const own = lang === 'zh' ? m.titleZh : m.titleEn;
  if (own) return { text: own, lang };
  if (m.letterDate && (m.format === 'open_vtc' || m.format === 'closed_vtc')) {
    return { text: vtcLetterTitle(m.letterDate, lang), lang };
  }
  const other = lang === 'zh' ? m.titleEn : m.titleZh;
  return other ? { text: other, lang: lang === 'zh' ? 'en' : 'zh' } : null;
}

function noteLang(text: string): Lang {
  return /\p{Script=Han}/u.test(text) ? 'zh' : 'en';
}

function buildTable(
  kind: PublishedTable['kind'],
  meetings: SectionMeeting[],
  title: string,
  lang: Lang,
): PublishedTable {
  const labels = LABELS[lang];
  const notes: PublishedTable['notes'] = [];
  const letterOf = new Map<string, string>();
  const rows = meetings.map((m) => {
    const letters = m.notes.map((n) => {
      let letter = letterOf.get(n);
      if (!letter) {
        letter = String.fromCharCode(97 + letterOf.size);
        letterOf.set(n, letter);
        notes.push({ letter, text: n, lang: noteLang(n) });
      }
      return letter;
    });
    return {
      formal: kind === 'meetings' ? formalRow(m, lang) : null,
      meetingId: m.id,
      date: m.date,
      dateLabel: repertoireDate(m.date, lang),
      notes: letters,
      record: m.recordSymbol,
      title: meetingTitle(m, lang),
      format: m.format,
      decisions: m.decisions.map((d) => publishDecision(d, lang)),
    };
  });
  return {
    kind,
    title: kind === 'videoconferences' ? labels.vtcTable(title) : labels.meetingTable(title),
    columns: [...(kind === 'videoconferences' ? labels.vtcColumns : FORMAL_MEETING_HEADINGS[lang])],
    rows,
    notes,
  };
}

function formalRow(m: SectionMeeting, lang: Lang): FormalMeetingRow {
  return formalMeetingRow(
    {
      meeting: {
        id: m.id,
        date: m.date,
        record_symbol: m.recordSymbol,
        sub_items_en: m.subItemsEn.length > 0 ? JSON.stringify(m.subItemsEn) : null,
      },
      participants: m.participants.map((p) => ({
        kind: p.kind,
        state: p.state,
        name: p.name,
        role_en: p.roleEn,
        ordinal: p.ordinal,
      })),
      speeches: m.speeches,
      decisions: m.decisions.map((d) => ({
        kind: d.kind,
        symbol: d.symbol,
        draft_symbol: d.draftSymbol,
        adopted: d.adopted === null ? null : d.adopted ? 1 : 0,
        vote_for: d.votes.for,
        vote_against: d.votes.against,
        vote_abstaining: d.votes.abstaining,
      })),
    },
    lang,
  );
}

/**
 * The cells between a formal meeting's record-and-date cell and its decision cell, each a list of lines:
 * sub-items (empty when the record holds none: the meeting's title is not its sub-item), other documents,
 * rule 37, rule 39, speakers.
 */
export function formalMiddleCells(r: PublishedRow): string[][] {
  const f = r.formal!;
  return [f.subItem ? [f.subItem] : [], f.otherDocuments, f.rule37 ? [f.rule37] : [], f.rule39, f.speakers];
}

/** Lays out the stored section of an agenda item in `lang`. */
export function publishSection(data: ItemSectionData, opts: PublishOptions): PublishedSection {
  const lang = opts.lang;
  const notices: string[] = [];
  const textLang: Lang = data.section?.lang ?? lang;
  if (data.section && textLang !== lang) notices.push(LABELS[lang].notInLanguage);

  // Order of appearance: paragraph by paragraph, marker by marker; unmarked footnotes last, by number.
  const byParagraph = new Map<number, SectionFootnote[]>();
  for (const f of data.footnotes) {
    if (f.paragraphOrdinal === null) continue;
    const list = byParagraph.get(f.paragraphOrdinal) ?? [];
    list.push(f);
    byParagraph.set(f.paragraphOrdinal, list);
  }
  const located = data.paragraphs.map((p) => ({
    p,
    ...locateMarkers(p.text, byParagraph.get(p.ordinal) ?? []),
  }));
  const order: SectionFootnote[] = located.flatMap((l) => l.markers.map((m) => m.footnote));
  if (located.some((l) => l.markers.some((m) => !m.known))) notices.push(LABELS[lang].markersAtEnd);
  const unplaced = data.footnotes.filter((f) => !order.includes(f));
  order.push(...unplaced);
  const start =
    opts.startAt ?? data.footnotes.reduce((min, f) => Math.min(min, f.number), Number.POSITIVE_INFINITY);
  const first = Number.isFinite(start) ? start : 1;
  const newNumber = new Map(order.map((f, i) => [f.id, first + i]));

  const paragraphs: PublishedParagraph[] = located.map(({ p, text, markers }) => {
    const segments: Segment[] = [];
    let at = 0;
    for (const m of markers) {
      if (m.offset > at) segments.push({ text: text.slice(at, m.offset) });
      segments.push({ footnote: newNumber.get(m.footnote.id)! });
      at = m.offset;
    }
    if (at < text.length || segments.length === 0) segments.push({ text: text.slice(at) });
    return { ordinal: p.ordinal, lang: p.lang, segments };
  });

  const bySourceNumber = new Map(data.footnotes.map((f) => [f.number, f]));
  const paragraphIndex = new Map(data.paragraphs.map((p, i) => [p.ordinal, i]));
  const footnotes: PublishedFootnote[] = order.map((f, i) => {
    // "Ibid." follows the footnote before it: in the source that is number - 1, here the previous in order.
    const sourcePrev = bySourceNumber.get(f.number - 1)?.citations.at(-1)?.symbol ?? null;
    const newPrev = i > 0 ? (order[i - 1]!.citations.at(-1)?.symbol ?? null) : null;
    const kind = classifyFootnote(f.text, textLang, f.citations, sourcePrev);
    let text: Text = { text: f.text, lang: textLang };
    let basis: PublishedFootnote['basis'] = 'stored';
    if (kind.kind === 'citations' && (lang !== textLang || sourcePrev !== newPrev)) {
      text = { text: citationsText(f.citations, kind.explicit ? null : newPrev, lang), lang };
      basis = 'citations';
    } else if (kind.kind === 'states' && lang !== textLang) {
      text = { text: statesText(kind.states, lang), lang };
      basis = 'states';
    }
    return {
      ...text,
      number: newNumber.get(f.id)!,
      sourceNumber: f.number,
      paragraph: f.paragraphOrdinal === null ? null : (paragraphIndex.get(f.paragraphOrdinal) ?? null),
      cites: f.citations.map((c) => ({ symbol: c.symbol, paragraphs: c.paragraphs })),
      basis,
    };
  });

  const title = itemTitle(data, lang);
  const vtcs = data.meetings.filter((m) => m.format === 'open_vtc' || m.format === 'closed_vtc');
  const meetings = data.meetings.filter((m) => m.format !== 'open_vtc' && m.format !== 'closed_vtc');
  const tables: PublishedTable[] = [];
  if (meetings.length > 0) tables.push(buildTable('meetings', meetings, title.text, lang));
  if (vtcs.length > 0) tables.push(buildTable('videoconferences', vtcs, title.text, lang));

  const category = data.item.category;
  return {
    lang,
    year: data.item.year,
    item: { id: data.item.id, number: data.item.number, title, category },
    categoryHeading: LABELS[lang][category],
    heading: data.item.number === null ? title.text : `${data.item.number}. ${title.text}`,
    paragraphs,
    footnotes,
    tables,
    notices,
    sourceSection: data.section
      ? { id: data.section.id, lang: data.section.lang, sourceId: data.section.sourceId }
      : null,
  };
}
