/**
 * What the search index holds: one document per paragraph, footnote, meeting title, briefer and decision
 * (per language), built from the record's tables with the values the filters need copied onto it.
 */
import { sql, type Kysely, type RawBuilder, type SqlBool, type Transaction } from 'kysely';
import { participantAnchor } from '../domain/anchors.ts';
import { hasHan } from '../domain/chinese.ts';
import { sectionText } from '../store/queries/sections.ts';
import type { Database } from '../store/schema.ts';
import { entityTerm, symbolTerm, tokenise } from './tokenise.ts';
import type { Lang } from '../domain/vocabulary.ts';

type Db = Kysely<Database> | Transaction<Database>;

export type DocKind = 'paragraph' | 'footnote' | 'meeting' | 'briefer' | 'decision' | 'speech';
export const DOC_KINDS: readonly DocKind[] = [
  'paragraph',
  'footnote',
  'meeting',
  'briefer',
  'decision',
  'speech',
];

/** A unit to index, before tokenising. */
export interface DocInput {
  id: string;
  kind: DocKind;
  entityId: string;
  lang: Lang;
  year: number | null;
  date: string | null;
  agendaItemId: string | null;
  itemNumber: number | null;
  format: string | null;
  decisionKind: string | null;
  /** ISO3 codes the record itself links to the unit (a briefer's state, a veto); names in the text are added. */
  states: string[];
  sectionId: string | null;
  link: string;
  title: string;
  body: string;
  /** Entity terms the record states outright (a briefer's office), added to the unit's index terms. */
  terms?: string[];
  /** The meeting the unit belongs to, for the `meeting` filter. */
  meetingId?: string | null;
  /** A speech's speaker's state, for the `speaker` filter. */
  speakerState?: string | null;
}

const enc = encodeURIComponent;

/**
 * What a decision is and what became of it, as words in both languages, so `veto`, `否决`, `resolution`,
 * `主席声明` or `not adopted` find decisions of that kind or outcome whatever their text says.
 */
const DECISION_WORDS: Record<string, string> = {
  resolution: 'resolution 决议',
  presidential_statement: 'presidential statement 主席声明',
  press_statement: 'press statement 新闻谈话',
  draft_not_adopted: 'draft resolution not adopted 决议草案 未通过',
  other: '',
};
const OUTCOME_WORDS = { adopted: 'adopted 通过', vetoed: 'veto vetoed 否决' };

function decisionTerms(kind: string, adopted: number | null, vetoedBy: string[]): string[] {
  const words = [DECISION_WORDS[kind] ?? '', adopted === 1 ? OUTCOME_WORDS.adopted : ''];
  if (vetoedBy.length > 0) words.push(OUTCOME_WORDS.vetoed);
  return tokenise(words.join(' '), { entities: false }).words.map((w) => w.term);
}

export function yearOf(date: string | null | undefined): number | null {
  const m = date ? /^(\d{4})/.exec(date) : null;
  return m ? Number(m[1]) : null;
}

function langOf(text: string): Lang {
  return hasHan(text) ? 'zh' : 'en';
}

function parseJsonList(value: string | null): string[] {
  if (!value) return [];
  try {
    const v: unknown = JSON.parse(value);
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

const ISO3 = /^[A-Z]{3}$/;

/** The rows whose `column` is one of `ids` (none for no ids); every row when `ids` is undefined (a rebuild). */
function among(column: string, ids: string[] | undefined): RawBuilder<SqlBool> {
  if (ids === undefined) return sql<SqlBool>`1 = 1`;
  return ids.length === 0 ? sql<SqlBool>`1 = 0` : sql<SqlBool>`${sql.ref(column)} in (${sql.join(ids)})`;
}

/** The filter values a unit takes from its meeting (or decision) and that one's agenda item. */
function heldAt(r: {
  date: string | null;
  agenda_item_id: string | null;
  number: number | null;
  format: string | null;
}) {
  return {
    year: yearOf(r.date),
    date: r.date,
    agendaItemId: r.agenda_item_id,
    itemNumber: r.number,
    format: r.format,
    decisionKind: null,
    sectionId: null,
  };
}

/** Paragraphs and footnotes of one section. */
export async function sectionDocs(db: Db, sectionId: string): Promise<DocInput[]> {
  const section = await db
    .selectFrom('section')
    .leftJoin('agenda_item', 'agenda_item.id', 'section.agenda_item_id')
    .selectAll('section')
    .select('agenda_item.number')
    .where('section.id', '=', sectionId)
    .executeTakeFirst();
  if (!section) return [];
  // Each edition's paragraph and footnote of a position (the zh and en editions share the position).
  const positions = await db
    .selectFrom('position_text')
    .innerJoin('position', 'position.id', 'position_text.position_id')
    .select(['position_text.paragraph_id', 'position_text.footnote_id', 'position.states'])
    .where('position_text.section_id', '=', sectionId)
    .execute();
  const statesOf = new Map<string, string[]>();
  for (const p of positions) {
    for (const key of [p.paragraph_id, p.footnote_id]) {
      if (key) statesOf.set(key, [...(statesOf.get(key) ?? []), ...parseJsonList(p.states)]);
    }
  }
  // The web page of the agenda item shows the section's paragraphs (id="p3") and footnotes (id="fn-639").
  const itemPath =
    section.number !== null && section.number !== undefined
      ? `/items/${section.year}/${section.number}`
      : `/items?year=${section.year}`;
  const base = {
    year: section.year,
    date: null,
    agendaItemId: section.agenda_item_id,
    itemNumber: section.number ?? null,
    format: null,
    decisionKind: null,
    sectionId,
  };
  const { paragraphs, footnotes, citations } = await sectionText(db, section);
  // A footnote's citations (with 同上/ibid. resolved by the ingester) make it, and the paragraph holding its
  // marker, findable by the symbols it cites.
  const cited = new Map<string, string[]>();
  for (const c of citations)
    cited.set(c.footnote_id, [...(cited.get(c.footnote_id) ?? []), symbolTerm(c.symbol)]);
  const citedByParagraph = new Map<number, string[]>();
  for (const f of footnotes) {
    if (f.paragraph_ordinal === null) continue;
    citedByParagraph.set(f.paragraph_ordinal, [
      ...(citedByParagraph.get(f.paragraph_ordinal) ?? []),
      ...(cited.get(f.id) ?? []),
    ]);
  }
  const doc = (
    kind: 'paragraph' | 'footnote',
    id: string,
    unit: Pick<DocInput, 'lang' | 'link' | 'title' | 'body' | 'terms'>,
  ): DocInput => ({
    ...base,
    id: `${kind}:${id}`,
    kind,
    entityId: id,
    states: statesOf.get(id) ?? [],
    ...unit,
  });
  return [
    ...paragraphs.map((p) =>
      doc('paragraph', p.id, {
        lang: p.lang,
        link: `${itemPath}#p${p.ordinal}`,
        title: section.title,
        body: p.text,
        terms: [...new Set(citedByParagraph.get(p.ordinal) ?? [])],
      }),
    ),
    ...footnotes.map((f) =>
      doc('footnote', f.id, {
        lang: section.lang,
        link: `${itemPath}#fn-${f.number}`,
        title: `${section.title} — ${section.lang === 'zh' ? `脚注 ${f.number}` : `footnote ${f.number}`}`,
        body: f.text,
        terms: [...new Set(cited.get(f.id) ?? [])],
      }),
    ),
  ];
}

/** Meetings with their agenda item's number (what heldAt reads), by id; all of them for a rebuild. */
function meetingsHeld(db: Db, meetingIds: string[] | undefined) {
  return db
    .selectFrom('meeting')
    .leftJoin('agenda_item', 'agenda_item.id', 'meeting.agenda_item_id')
    .selectAll('meeting')
    .select('agenda_item.number')
    .where(among('meeting.id', meetingIds))
    .orderBy('meeting.id')
    .execute();
}

/** A meeting's titles (one document per language) and its briefers. */
export async function meetingDocs(db: Db, meetingIds?: string[]): Promise<DocInput[]> {
  const meetings = await meetingsHeld(db, meetingIds);
  const docs: DocInput[] = [];
  const byId = new Map(meetings.map((m) => [m.id, m]));
  for (const m of meetings) {
    const base = {
      ...heldAt(m),
      entityId: m.id,
      states: [m.initiative, m.chair, m.presidency].filter((s): s is string => !!s && ISO3.test(s)),
      link: `/meetings/${enc(m.id)}`,
    };
    const symbol = m.record_symbol ?? (m.id.includes(':') ? '' : m.id);
    const titles: { lang: Lang; title: string }[] = [];
    if (m.title_zh) titles.push({ lang: 'zh', title: m.title_zh });
    const en = [m.title_en, m.topic].filter((t): t is string => !!t && !hasHan(t));
    if (en.length > 0) titles.push({ lang: 'en', title: [...new Set(en)].join(' — ') });
    for (const { lang, title } of titles) {
      docs.push({
        ...base,
        id: `meeting:${m.id}:${lang}`,
        kind: 'meeting',
        meetingId: m.id,
        lang,
        title: symbol ? `${symbol} (${m.date})` : m.date,
        body: symbol ? `${title} ${symbol}` : title,
      });
    }
  }
  // Members and the states invited under rule 37 (from verbatim records) are not briefers.
  const participants = await db
    .selectFrom('participant')
    .selectAll()
    .where('kind', 'not in', ['member', 'invited'])
    .where(among('meeting_id', meetingIds))
    .orderBy('meeting_id')
    .orderBy('ordinal')
    .execute();
  for (const p of participants) {
    const m = byId.get(p.meeting_id);
    if (!m) continue;
    const roles: { lang: Lang; role: string }[] = [];
    if (p.role_zh) roles.push({ lang: 'zh', role: p.role_zh });
    if (p.role_en) roles.push({ lang: 'en', role: p.role_en });
    if (roles.length === 0 && (p.name || p.organisation)) roles.push({ lang: 'en', role: '' });
    const terms = [
      p.office ? entityTerm('office', p.office) : null,
      p.mission ? entityTerm('mission', p.mission) : null,
      p.state ? entityTerm('state', p.state) : null,
    ].filter((t): t is string => t !== null);
    for (const { lang, role } of roles) {
      const parts: string[] = [];
      for (const x of [role, p.name, p.organisation, p.mission]) {
        if (x && !parts.some((y) => y.includes(x))) parts.push(x);
      }
      const body = parts.join(', ');
      docs.push({
        ...heldAt(m),
        id: `briefer:${p.id}:${lang}`,
        kind: 'briefer',
        meetingId: m.id,
        entityId: p.id,
        lang,
        states: p.state ? [p.state] : [],
        link: `/meetings/${enc(m.id)}#${participantAnchor(m.id, p.id)}`,
        title: `${m.record_symbol ?? m.id} (${m.date})`,
        body,
        terms,
      });
    }
  }
  return docs;
}

/** Decisions: symbol, draft, title, letters; vetoes and the states voting against or abstaining as states. */
export async function decisionDocs(db: Db, decisionIds?: string[]): Promise<DocInput[]> {
  const decisions = await db
    .selectFrom('decision')
    .leftJoin('meeting', 'meeting.id', 'decision.meeting_id')
    .leftJoin('agenda_item', 'agenda_item.id', 'decision.agenda_item_id')
    .selectAll('decision')
    .select(['meeting.format', 'meeting.date as meeting_date', 'agenda_item.number'])
    .select(['meeting.title_en as meeting_title_en', 'meeting.topic as meeting_topic'])
    .where(among('decision.id', decisionIds))
    .orderBy('decision.id')
    .execute();
  const votes = await db
    .selectFrom('vote')
    .select(['decision_id', 'state', 'vote'])
    .where('vote', 'in', ['N', 'A'])
    .where(among('decision_id', decisionIds))
    .execute();
  const dissent = new Map<string, string[]>();
  for (const v of votes) dissent.set(v.decision_id, [...(dissent.get(v.decision_id) ?? []), v.state]);
  return decisions.map((d) => {
    const date = d.date ?? d.meeting_date ?? null;
    const subject = d.title ?? d.meeting_title_en ?? d.meeting_topic ?? '';
    const tally =
      d.vote_for !== null && d.vote_against !== null && d.vote_abstaining !== null
        ? `${d.vote_for}-${d.vote_against}-${d.vote_abstaining}`
        : '';
    const body = [
      d.symbol,
      d.draft_symbol && d.draft_symbol !== d.symbol ? d.draft_symbol : null,
      subject,
      tally,
      d.written_procedure_letter,
      d.record_letter,
    ]
      .filter(Boolean)
      .join(' ');
    return {
      ...heldAt({ ...d, date }),
      decisionKind: d.kind,
      id: `decision:${d.id}`,
      kind: 'decision' as const,
      entityId: d.id,
      lang: langOf(subject),
      states: [...parseJsonList(d.vetoed_by), ...(dissent.get(d.id) ?? [])],
      link: `/decisions/${enc(d.id)}`,
      title: d.symbol ?? d.draft_symbol ?? d.id,
      body,
      terms: decisionTerms(d.kind, d.adopted, parseJsonList(d.vetoed_by)),
    };
  });
}

/** Speeches of the verbatim records: one unit per turn, with its meeting and its speaker's state. */
export async function speechDocs(db: Db, meetingIds?: string[]): Promise<DocInput[]> {
  const held = new Map((await meetingsHeld(db, meetingIds)).map((m) => [m.id, m]));
  const speeches = await db
    .selectFrom('speech')
    .selectAll()
    .where(among('meeting_id', meetingIds))
    .orderBy('meeting_id')
    .orderBy('ordinal')
    .execute();
  return speeches.flatMap((s) => {
    const m = held.get(s.meeting_id);
    if (!m) return [];
    const who = [s.speaker, s.state ? `(${s.state})` : s.organisation ? `(${s.organisation})` : '']
      .filter(Boolean)
      .join(' ');
    return {
      ...heldAt(m),
      id: `speech:${s.id}:en`,
      kind: 'speech' as const,
      entityId: s.id,
      lang: langOf(s.text),
      states: s.state ? [s.state] : [],
      link: `/meetings/${enc(s.meeting_id)}#speech-${s.ordinal}`,
      title: `${who}, ${m.record_symbol ?? s.meeting_id} (${m.date})`,
      body: s.text,
      meetingId: s.meeting_id,
      speakerState: s.state,
    };
  });
}
