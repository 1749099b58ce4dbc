import { sql, type Selectable } from 'kysely';
import { inListOrder } from '../../store/queries/participant-order.ts';
import type { Store } from '../../store/db.ts';
import type {
  AgendaItemTable,
  ConflictTable,
  DecisionTable,
  FootnoteTable,
  MeetingTable,
  ParagraphTable,
  ParticipantTable,
  PositionTable,
  SectionTable,
  SourceTable,
  VoteTable,
} from '../../store/tables/core.ts';

/**
 * The reads behind the web pages. They go straight to the core tables because the publish engineer's
 * list queries (src/store/queries/) serve the JSON API's paging, while a page needs whole records joined.
 */

export type Meeting = Selectable<MeetingTable>;
export type Decision = Selectable<DecisionTable>;
export type Participant = Selectable<ParticipantTable>;
export type Position = Selectable<PositionTable>;
export type AgendaItem = Selectable<AgendaItemTable>;
export type Section = Selectable<SectionTable>;
export type Paragraph = Selectable<ParagraphTable>;
export type Footnote = Selectable<FootnoteTable>;
export type Vote = Selectable<VoteTable>;
export type Source = Selectable<SourceTable>;
export type Conflict = Selectable<ConflictTable>;
export type EntityType =
  | 'meeting'
  | 'decision'
  | 'participant'
  | 'position'
  | 'footnote'
  | 'paragraph'
  | 'document'
  | 'vote'
  | 'agenda_item';

export interface ProvenanceRow {
  entity_type: string;
  entity_id: string;
  source_id: string;
  locator: string;
  title: string | null;
  uri: string;
  kind: string;
}

const yearOf = sql<string>`substr(date, 1, 4)`;

export async function countsByYear(store: Store): Promise<{
  meetings: { year: string; format: Meeting['format']; n: number }[];
  decisions: { year: string; kind: Decision['kind']; n: number }[];
}> {
  const meetings = await store.db
    .selectFrom('meeting')
    .select([yearOf.as('year'), 'format', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy([yearOf, 'format'])
    .orderBy(yearOf)
    .execute();
  const decisions = await store.db
    .selectFrom('decision')
    .select([
      sql<string>`coalesce(substr(date, 1, 4), '')`.as('year'),
      'kind',
      (eb) => eb.fn.countAll<number>().as('n'),
    ])
    .groupBy([sql`coalesce(substr(date, 1, 4), '')`, 'kind'])
    .orderBy(sql`coalesce(substr(date, 1, 4), '')`)
    .execute();
  return {
    meetings: meetings.map((r) => ({ ...r, n: Number(r.n) })),
    decisions: decisions.map((r) => ({ ...r, n: Number(r.n) })),
  };
}

export function recentDecisions(store: Store, limit: number): Promise<Decision[]> {
  return store.db
    .selectFrom('decision')
    .selectAll()
    .where('date', 'is not', null)
    .orderBy('date', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

export function recentVtcs(store: Store, limit: number): Promise<Meeting[]> {
  return store.db
    .selectFrom('meeting')
    .selectAll()
    .where('format', 'in', ['open_vtc', 'closed_vtc'])
    .orderBy('date', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

/** Agenda items whose Repertoire text is in the record (the sections a reader can open whole). */
export async function itemsWithSections(store: Store): Promise<(AgendaItem & { langs: string })[]> {
  const rows = await store.db
    .selectFrom('agenda_item')
    .innerJoin('section', 'section.agenda_item_id', 'agenda_item.id')
    .selectAll('agenda_item')
    .select('section.lang')
    .orderBy('agenda_item.year', 'desc')
    .orderBy('agenda_item.number')
    .execute();
  const byId = new Map<string, AgendaItem & { langs: string }>();
  for (const r of rows) {
    const { lang, ...item } = r;
    const seen = byId.get(item.id);
    if (seen) seen.langs = [...new Set([...seen.langs.split(','), lang])].sort().join(',');
    else byId.set(item.id, { ...item, langs: lang });
  }
  return [...byId.values()];
}

export function agendaItem(store: Store, id: string): Promise<AgendaItem | undefined> {
  return store.db.selectFrom('agenda_item').selectAll().where('id', '=', id).executeTakeFirst();
}

export function agendaItemsOfYear(store: Store, year: number): Promise<AgendaItem[]> {
  return store.db.selectFrom('agenda_item').selectAll().where('year', '=', year).orderBy('number').execute();
}

export function meetingsOfItem(store: Store, itemId: string): Promise<Meeting[]> {
  return store.db
    .selectFrom('meeting')
    .selectAll()
    .where('agenda_item_id', '=', itemId)
    .orderBy('date')
    .orderBy('id')
    .execute();
}

export function decisionsOfItem(store: Store, itemId: string, meetingIds: string[]): Promise<Decision[]> {
  return store.db
    .selectFrom('decision')
    .selectAll()
    .where((eb) =>
      meetingIds.length > 0
        ? eb.or([eb('agenda_item_id', '=', itemId), eb('meeting_id', 'in', meetingIds)])
        : eb('agenda_item_id', '=', itemId),
    )
    .orderBy('date')
    .orderBy('id')
    .execute();
}

export function decisionsOfMeeting(store: Store, meetingId: string): Promise<Decision[]> {
  return store.db
    .selectFrom('decision')
    .selectAll()
    .where('meeting_id', '=', meetingId)
    .orderBy('id')
    .execute();
}

/** The participants of meetings, as their sources list them (inListOrder). */
export async function participantsOf(store: Store, meetingIds: string[]): Promise<Participant[]> {
  if (meetingIds.length === 0) return [];
  return inListOrder(
    await store.db.selectFrom('participant').selectAll().where('meeting_id', 'in', meetingIds).execute(),
  );
}

export type Speech = Awaited<ReturnType<typeof speechesOf>>[number];

/** The speeches of a meeting (verbatim records), in the order they were made, source by source. */
export function speechesOf(store: Store, meetingId: string) {
  return store.db
    .selectFrom('speech')
    .selectAll()
    .where('meeting_id', '=', meetingId)
    .orderBy('source_id')
    .orderBy('ordinal')
    .execute();
}

export async function positionsOf(
  store: Store,
  by: { meetingIds?: string[]; itemId?: string; lang?: 'zh' | 'en' },
): Promise<Position[]> {
  const ids = by.meetingIds ?? [];
  if (ids.length === 0 && !by.itemId) return [];
  const rows = await store.db
    .selectFrom('position')
    .selectAll()
    .where((eb) => {
      const ors = [];
      if (ids.length > 0) ors.push(eb('meeting_id', 'in', ids));
      if (by.itemId) ors.push(eb('agenda_item_id', '=', by.itemId));
      return eb.or(ors);
    })
    .orderBy('id')
    .execute();
  if (!by.lang || rows.length === 0) return rows;
  // The zh and en editions share a position; each edition's own summary is in position_text.
  const texts = await store.db
    .selectFrom('position_text')
    .selectAll()
    .where('lang', '=', by.lang)
    .where(
      'position_id',
      'in',
      rows.map((r) => r.id),
    )
    .execute();
  const byId = new Map(texts.map((t) => [t.position_id, t]));
  return rows.map((r) => {
    const t = byId.get(r.id);
    return t
      ? { ...r, summary: t.summary, lang: t.lang, paragraph_id: t.paragraph_id, footnote_id: t.footnote_id }
      : r;
  });
}

export function sectionsOfItem(store: Store, itemId: string): Promise<Section[]> {
  return store.db
    .selectFrom('section')
    .selectAll()
    .where('agenda_item_id', '=', itemId)
    .orderBy('lang')
    .execute();
}

export interface SectionText {
  section: Section;
  paragraphs: Paragraph[];
  footnotes: Footnote[];
  citations: { footnote_id: string; ordinal: number; symbol: string }[];
}

export async function sectionText(store: Store, section: Section): Promise<SectionText> {
  const [paragraphs, footnotes, citations] = await Promise.all([
    store.db
      .selectFrom('paragraph')
      .selectAll()
      .where('section_id', '=', section.id)
      .orderBy('ordinal')
      .execute(),
    store.db
      .selectFrom('footnote')
      .selectAll()
      .where('section_id', '=', section.id)
      .orderBy('number')
      .execute(),
    store.db
      .selectFrom('citation')
      .innerJoin('footnote', 'footnote.id', 'citation.footnote_id')
      .select(['citation.footnote_id', 'citation.ordinal', 'citation.symbol'])
      .where('footnote.section_id', '=', section.id)
      .orderBy('citation.footnote_id')
      .orderBy('citation.ordinal')
      .execute(),
  ]);
  return { section, paragraphs, footnotes, citations };
}

export function meeting(store: Store, id: string): Promise<Meeting | undefined> {
  return store.db.selectFrom('meeting').selectAll().where('id', '=', id).executeTakeFirst();
}

export function decision(store: Store, id: string): Promise<Decision | undefined> {
  return store.db
    .selectFrom('decision')
    .selectAll()
    .where((eb) => eb.or([eb('id', '=', id), eb('symbol', '=', id), eb('draft_symbol', '=', id)]))
    .orderBy('id')
    .executeTakeFirst();
}

export function votesOf(store: Store, decisionId: string): Promise<Vote[]> {
  return store.db
    .selectFrom('vote')
    .selectAll()
    .where('decision_id', '=', decisionId)
    .orderBy('state')
    .execute();
}

/** Footnotes (with their section and item) that cite any of the symbols. */
export async function citingFootnotes(
  store: Store,
  symbols: string[],
): Promise<
  {
    footnote_id: string;
    number: number;
    text: string;
    section_id: string;
    agenda_item_id: string;
    year: number;
    lang: string;
  }[]
> {
  if (symbols.length === 0) return [];
  return store.db
    .selectFrom('citation')
    .innerJoin('footnote', 'footnote.id', 'citation.footnote_id')
    .innerJoin('section', 'section.id', 'footnote.section_id')
    .select([
      'footnote.id as footnote_id',
      'footnote.number',
      'footnote.text',
      'section.id as section_id',
      'section.agenda_item_id',
      'section.year',
      'section.lang',
    ])
    .where('citation.symbol', 'in', symbols)
    .distinct()
    .orderBy('section.id')
    .orderBy('footnote.number')
    .execute();
}

/** Paragraphs whose text contains one of the numbers (the caller keeps those that really cite the symbol). */
export async function paragraphsContaining(
  store: Store,
  numbers: string[],
): Promise<{ id: string; ordinal: number; text: string; lang: string; agenda_item_id: string }[]> {
  if (numbers.length === 0) return [];
  return store.db
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

export async function provenanceOf(
  store: Store,
  entities: { type: EntityType; id: string }[],
): Promise<ProvenanceRow[]> {
  if (entities.length === 0) return [];
  return store.db
    .selectFrom('provenance')
    .innerJoin('source', 'source.id', 'provenance.source_id')
    .select([
      'provenance.entity_type',
      'provenance.entity_id',
      'provenance.source_id',
      'provenance.locator',
      'source.title',
      'source.uri',
      'source.kind',
    ])
    .where((eb) =>
      eb.or(
        entities.map((e) =>
          eb.and([eb('provenance.entity_type', '=', e.type), eb('provenance.entity_id', '=', e.id)]),
        ),
      ),
    )
    .orderBy('provenance.source_id')
    .orderBy('provenance.locator')
    .execute();
}

export async function conflictsOf(
  store: Store,
  entities: { type: EntityType; id: string }[],
): Promise<Conflict[]> {
  if (entities.length === 0) return [];
  return store.db
    .selectFrom('conflict')
    .selectAll()
    .where((eb) =>
      eb.or(entities.map((e) => eb.and([eb('entity_type', '=', e.type), eb('entity_id', '=', e.id)]))),
    )
    .orderBy('field')
    .orderBy('source_id')
    .execute();
}

export function source(store: Store, id: string): Promise<Source | undefined> {
  return store.db.selectFrom('source').selectAll().where('id', '=', id).executeTakeFirst();
}

export function sources(store: Store): Promise<Source[]> {
  return store.db.selectFrom('source').selectAll().orderBy('id').execute();
}

export async function sourceCounts(store: Store, id: string): Promise<{ entity_type: string; n: number }[]> {
  const rows = await store.db
    .selectFrom('provenance')
    .select(['entity_type', (eb) => eb.fn.countAll<number>().as('n')])
    .where('source_id', '=', id)
    .groupBy('entity_type')
    .orderBy('entity_type')
    .execute();
  return rows.map((r) => ({ ...r, n: Number(r.n) }));
}

/** Which of these ids are meetings or decisions in the record, to link a symbol inside the site. */
/** What the last import of a source refused: counts by reason, and the first rows of the list. */
export async function refusalsOf(
  store: Store,
  sourceId: string,
  limit = 200,
): Promise<{
  byReason: { reason: string; n: number }[];
  rows: { reason: string; locator: string; subject: string | null; message: string }[];
  total: number;
}> {
  const byReason = await store.db
    .selectFrom('import_refusal')
    .select(['reason', (eb) => eb.fn.countAll<number>().as('n')])
    .where('source_id', '=', sourceId)
    .groupBy('reason')
    .orderBy('n', 'desc')
    .execute();
  const rows = await store.db
    .selectFrom('import_refusal')
    .select(['reason', 'locator', 'subject', 'message'])
    .where('source_id', '=', sourceId)
    .where('reason', '!=', 'not_in_record')
    .orderBy('ordinal')
    .limit(limit)
    .execute();
  return {
    byReason: byReason.map((r) => ({ reason: r.reason, n: Number(r.n) })),
    rows,
    total: byReason.reduce((a, r) => a + Number(r.n), 0),
  };
}

export async function knownIds(
  store: Store,
  symbols: string[],
): Promise<{ meetings: Set<string>; decisions: Set<string> }> {
  const unique = [...new Set(symbols)];
  if (unique.length === 0) return { meetings: new Set(), decisions: new Set() };
  const [m, d] = await Promise.all([
    store.db.selectFrom('meeting').select('id').where('id', 'in', unique).execute(),
    store.db.selectFrom('decision').select('id').where('id', 'in', unique).execute(),
  ]);
  return { meetings: new Set(m.map((r) => r.id)), decisions: new Set(d.map((r) => r.id)) };
}

// ---- member states ----

export function votesByState(
  store: Store,
  iso3: string,
): Promise<
  (Vote & {
    date: string | null;
    kind: string;
    symbol: string | null;
    draft_symbol: string | null;
    title: string | null;
  })[]
> {
  return store.db
    .selectFrom('vote')
    .innerJoin('decision', 'decision.id', 'vote.decision_id')
    .select([
      'vote.decision_id',
      'vote.state',
      'vote.vote',
      'vote.basis',
      'vote.source_id',
      'decision.date',
      'decision.kind',
      'decision.symbol',
      'decision.draft_symbol',
      'decision.title',
    ])
    .where('vote.state', '=', iso3)
    .orderBy('decision.date', 'desc')
    .orderBy('vote.decision_id')
    .execute();
}

/** Positions whose `states` JSON array names the state (ISO3 codes are quoted in it). */
export function positionsOfState(store: Store, iso3: string): Promise<Position[]> {
  return store.db
    .selectFrom('position')
    .selectAll()
    .where('states', 'like', `%"${iso3.replace(/[^A-Z]/g, '')}"%`)
    .orderBy('id')
    .execute();
}

export function meetingsLedBy(store: Store, iso3: string): Promise<Meeting[]> {
  return store.db
    .selectFrom('meeting')
    .selectAll()
    .where((eb) => eb.or([eb('initiative', '=', iso3), eb('chair', '=', iso3), eb('presidency', '=', iso3)]))
    .orderBy('date')
    .execute();
}

export async function briefingsOnMissions(
  store: Store,
  missions: string[],
): Promise<(Participant & { date: string })[]> {
  if (missions.length === 0) return [];
  return store.db
    .selectFrom('participant')
    .innerJoin('meeting', 'meeting.id', 'participant.meeting_id')
    .selectAll('participant')
    .select('meeting.date')
    .where('participant.mission', 'in', missions)
    .orderBy('meeting.date')
    .orderBy('participant.id')
    .execute();
}

export function meetingsByIds(store: Store, ids: string[]): Promise<Meeting[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return store.db
    .selectFrom('meeting')
    .selectAll()
    .where('id', 'in', [...new Set(ids)])
    .execute();
}

// ---- filter (search until src/search lands) ----

export interface Filter {
  q?: string | undefined;
  year?: number | undefined;
  item?: number | undefined;
  format?: Meeting['format'] | undefined;
  kind?: Decision['kind'] | undefined;
  /** '1': only vetoed drafts; '0': only decisions no permanent member vetoed. */
  vetoed?: '0' | '1' | undefined;
  page: number;
  pageSize: number;
}

function likeText(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export async function filterMeetings(store: Store, f: Filter): Promise<{ rows: Meeting[]; total: number }> {
  let query = store.db.selectFrom('meeting');
  if (f.year !== undefined) query = query.where('date', 'like', `${f.year}-%`);
  if (f.item !== undefined) {
    const item = f.year !== undefined ? `${f.year}-${f.item}` : `%-${f.item}`;
    query = query.where('agenda_item_id', 'like', item);
  }
  if (f.format) query = query.where('format', '=', f.format);
  if (f.q) {
    const pat = likeText(f.q);
    query = query.where((eb) =>
      eb.or([
        eb('id', 'like', sql<string>`${pat} escape '\\'`),
        eb('title_zh', 'like', sql<string>`${pat} escape '\\'`),
        eb('title_en', 'like', sql<string>`${pat} escape '\\'`),
        eb('topic', 'like', sql<string>`${pat} escape '\\'`),
      ]),
    );
  }
  const total = await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await query
    .selectAll()
    .orderBy('date', 'desc')
    .orderBy('id')
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize)
    .execute();
  return { rows, total: Number(total.n) };
}

/** A draft is vetoed when the record names a permanent member that voted against it (vetoed_by, a JSON list). */
export const VETOED = sql<boolean>`(vetoed_by is not null and vetoed_by <> '[]')`;

export function isVetoed(d: { vetoed_by: string | null }): boolean {
  return !!d.vetoed_by && d.vetoed_by !== '[]';
}

export async function filterDecisions(store: Store, f: Filter): Promise<{ rows: Decision[]; total: number }> {
  let query = store.db.selectFrom('decision');
  if (f.year !== undefined) query = query.where('date', 'like', `${f.year}-%`);
  if (f.item !== undefined) {
    const item = f.year !== undefined ? `${f.year}-${f.item}` : `%-${f.item}`;
    query = query.where('agenda_item_id', 'like', item);
  }
  if (f.kind) query = query.where('kind', '=', f.kind);
  if (f.vetoed === '1') query = query.where(VETOED);
  if (f.vetoed === '0') query = query.where(sql<boolean>`not (${VETOED})`);
  if (f.format) {
    const format = f.format;
    query = query.where('meeting_id', 'in', (eb) =>
      eb.selectFrom('meeting').select('id').where('format', '=', format),
    );
  }
  if (f.q) {
    const pat = likeText(f.q);
    query = query.where((eb) =>
      eb.or([
        eb('id', 'like', sql<string>`${pat} escape '\\'`),
        eb('draft_symbol', 'like', sql<string>`${pat} escape '\\'`),
        eb('title', 'like', sql<string>`${pat} escape '\\'`),
      ]),
    );
  }
  const total = await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await query
    .selectAll()
    .orderBy('date', 'desc')
    .orderBy('id')
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize)
    .execute();
  return { rows, total: Number(total.n) };
}

/** Ids close to one that was not found: same symbol series and year, or sharing its longest number. */
export async function suggestIds(
  store: Store,
  wanted: string,
  table: 'meeting' | 'decision',
  limit = 5,
): Promise<string[]> {
  const numbers = wanted.match(/\d+/g) ?? [];
  const longest = [...numbers].sort((a, b) => b.length - a.length)[0];
  const prefix = wanted.replace(/\d+[^/]*$/, '');
  const found = new Set<string>();
  if (longest) {
    const rows = await store.db
      .selectFrom(table)
      .select('id')
      .where('id', 'like', likeText(longest))
      .orderBy('id')
      .limit(limit)
      .execute();
    rows.forEach((r) => found.add(r.id));
  }
  if (found.size < limit && prefix.length >= 2) {
    const rows = await store.db
      .selectFrom(table)
      .select('id')
      .where('id', 'like', `${prefix.replace(/[\\%_]/g, '')}%`)
      .orderBy('id')
      .limit(limit - found.size)
      .execute();
    rows.forEach((r) => found.add(r.id));
  }
  return [...found].slice(0, limit);
}

/** The first and last years of the record's meetings and decisions (read from the date indexes). */
export async function yearSpan(store: Store): Promise<{ first: number; last: number } | undefined> {
  // One end per query: SQLite answers a lone min() or max() from the index, not both in one statement.
  const end = (table: 'meeting' | 'decision', dir: 'asc' | 'desc') =>
    store.db
      .selectFrom(table)
      .select('date')
      .where('date', 'is not', null)
      .orderBy('date', dir)
      .limit(1)
      .executeTakeFirst()
      .then((r) => r?.date ?? undefined);
  const dates = await Promise.all([
    end('meeting', 'asc'),
    end('decision', 'asc'),
    end('meeting', 'desc'),
    end('decision', 'desc'),
  ]);
  const firsts = dates.slice(0, 2).filter((x): x is string => !!x);
  const lasts = dates.slice(2).filter((x): x is string => !!x);
  if (firsts.length === 0) return undefined;
  return {
    first: Number(firsts.sort()[0]!.slice(0, 4)),
    last: Number(lasts.sort().at(-1)!.slice(0, 4)),
  };
}

export async function yearsInRecord(store: Store): Promise<number[]> {
  const rows = await store.db
    .selectFrom('meeting')
    .select(yearOf.as('year'))
    .distinct()
    .orderBy('year')
    .execute();
  return rows.map((r) => Number(r.year)).filter((y) => Number.isInteger(y));
}
