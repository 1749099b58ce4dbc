import type { Db } from '../record.ts';
import { decisionsOfMeeting } from './decisions.ts';
import { agendaItemRow } from './items.ts';
import { participantsOf } from './participants.ts';
import { positionsOf } from './positions.ts';
import type { FeedWindow, MeetingFilter } from './filters.ts';
import { fetchPage, pageWindow, toPage, type Page } from './paging.ts';
import { refsAbout, type RecordRefs } from './provenance.ts';
import { anyContains, anyEquals } from './any-column.ts';
import { inDateOrder, whereYearAndItem, type DatedQuery } from './year-item.ts';
import { toAgendaItem, toDecision, toMeeting, toParticipant, toPosition } from './rows.ts';
import type {
  AgendaItemRef,
  DecisionSummary,
  MeetingRow,
  MeetingSummary,
  Participant,
  Position,
} from './rows.ts';
import { votesOf, type MemberVoteRow } from './votes.ts';

function applyMeetingFilter(q: DatedQuery<'meeting'>, f: MeetingFilter): DatedQuery<'meeting'> {
  const out = whereYearAndItem(q, 'meeting', f);
  return f.format !== undefined ? out.where('meeting.format', '=', f.format) : out;
}

export interface MeetingListRow extends MeetingSummary {
  decisions: { id: string; symbol: string | null; kind: DecisionSummary['kind'] }[];
  participantCount: number;
}

/** Meetings and videoconferences in date order, filtered as on the pages. */
export async function listMeetings(db: Db, filter: MeetingFilter = {}): Promise<Page<MeetingListRow>> {
  const win = pageWindow(filter);
  const base = applyMeetingFilter(db.selectFrom('meeting') as DatedQuery<'meeting'>, filter);
  const { rows, total } = await fetchPage(base, win, (q) => inDateOrder(q.selectAll('meeting'), 'meeting'));
  const ids = rows.map((r) => r.id);
  const decisions =
    ids.length === 0
      ? []
      : await db
          .selectFrom('decision')
          .select(['id', 'symbol', 'kind', 'meeting_id'])
          .where('meeting_id', 'in', ids)
          .orderBy('id')
          .execute();
  const counts =
    ids.length === 0
      ? []
      : await db
          .selectFrom('participant')
          .select(['meeting_id', (eb) => eb.fn.countAll<number>().as('n')])
          .where('meeting_id', 'in', ids)
          .groupBy('meeting_id')
          .execute();
  const countBy = new Map(counts.map((c) => [c.meeting_id, Number(c.n)]));
  const items = rows.map((r) => ({
    ...toMeeting(r),
    decisions: decisions
      .filter((d) => d.meeting_id === r.id)
      .map((d) => ({ id: d.id, symbol: d.symbol, kind: d.kind })),
    participantCount: countBy.get(r.id) ?? 0,
  }));
  return toPage(items, total, win);
}

export interface DecisionWithVotes extends DecisionSummary {
  memberVotes: MemberVoteRow[];
}

/** A meeting with what the record knows of it (`citedBy`: footnotes that cite its record). */
export interface MeetingDetail extends MeetingSummary, RecordRefs {
  agendaItem: AgendaItemRef | null;
  participants: Participant[];
  decisions: DecisionWithVotes[];
  positions: Position[];
}

/** One meeting or videoconference with everything known about it; undefined when the id is unknown. */
export async function getMeeting(db: Db, id: string): Promise<MeetingDetail | undefined> {
  const row = await meetingRow(db, id);
  if (!row) return undefined;
  const [item, participants, decisions, positions] = await Promise.all([
    row.agenda_item_id ? agendaItemRow(db, row.agenda_item_id) : undefined,
    participantsOf(db, [id]),
    decisionsOfMeeting(db, id),
    positionsOf(db, { meetingIds: [id] }),
  ]);
  const withVotes: DecisionWithVotes[] = [];
  for (const d of decisions) withVotes.push({ ...toDecision(d), memberVotes: await votesOf(db, d.id) });
  return {
    ...toMeeting(row),
    agendaItem: item ? toAgendaItem(item) : null,
    // Participants sort by source then ordinal; the id is meeting#source#ordinal, so compare ordinals numerically.
    participants: participants
      .map(toParticipant)
      .sort((a, b) => (a.sourceId ?? '').localeCompare(b.sourceId ?? '') || a.ordinal - b.ordinal),
    decisions: withVotes,
    positions: positions.map(toPosition),
    ...(await refsAbout(db, { type: 'meeting', id }, [row.record_symbol ?? row.id])),
  };
}

// ---- stored rows, for the web pages (which lay the columns out themselves) ----

/** One meeting's stored row; undefined when the id is unknown. */
export function meetingRow(db: Db, id: string): Promise<MeetingRow | undefined> {
  return db.selectFrom('meeting').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The meetings held under an agenda item, in date order. */
export function meetingsOfItem(db: Db, itemId: string): Promise<MeetingRow[]> {
  return inDateOrder(
    db.selectFrom('meeting').selectAll().where('agenda_item_id', '=', itemId),
    'meeting',
  ).execute();
}

/** The latest videoconferences, newest first. */
export function recentVtcs(db: Db, limit: number): Promise<MeetingRow[]> {
  const vtcs = db.selectFrom('meeting').selectAll().where('format', 'in', ['open_vtc', 'closed_vtc']);
  return inDateOrder(vtcs, 'meeting', 'desc').limit(limit).execute();
}

/** Meetings a state initiated, presided or chaired, in date order. */
export function meetingsLedBy(db: Db, iso3: string): Promise<MeetingRow[]> {
  const led = anyEquals(['initiative', 'chair', 'presidency'], iso3);
  return db.selectFrom('meeting').selectAll().where(led).orderBy('date').execute();
}

export function meetingsByIds(db: Db, ids: string[]): Promise<MeetingRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('meeting')
    .selectAll()
    .where('id', 'in', [...new Set(ids)])
    .execute();
}

export type Speech = Awaited<ReturnType<typeof speechesOf>>[number];

/** The speeches of a meeting (verbatim records), in the order they were made, source by source. */
export function speechesOf(db: Db, meetingId: string) {
  return db
    .selectFrom('speech')
    .selectAll()
    .where('meeting_id', '=', meetingId)
    .orderBy('source_id')
    .orderBy('ordinal')
    .execute();
}

/** The search page's meeting list: the list filters, words in the id or titles, newest first. */
export type MeetingSearch = MeetingFilter & { q?: string | undefined };

export async function filterMeetings(
  db: Db,
  f: MeetingSearch,
): Promise<{ rows: MeetingRow[]; total: number }> {
  let query = applyMeetingFilter(db.selectFrom('meeting') as DatedQuery<'meeting'>, f);
  const words = ['meeting.id', 'meeting.title_zh', 'meeting.title_en', 'meeting.topic'];
  if (f.q) query = query.where(anyContains(words, f.q));
  return fetchPage(query, pageWindow(f), (q) =>
    q.selectAll('meeting').orderBy('meeting.date', 'desc').orderBy('meeting.id'),
  );
}

/** Every meeting with its agenda item's year and number, in date order (the open-data export). */
export function meetingsWithItems(db: Db) {
  return db
    .selectFrom('meeting as m')
    .leftJoin('agenda_item as a', 'a.id', 'm.agenda_item_id')
    .selectAll('m')
    .select(['a.year as item_year', 'a.number as item_number'])
    .orderBy('m.date')
    .orderBy('m.id')
    .execute();
}

/** A feed's meetings of the formats in its window, with their item's titles, newest first. */
export function feedMeetings(db: Db, w: FeedWindow & { formats: MeetingRow['format'][] }) {
  const { from, to, itemIds } = w;
  return db
    .selectFrom('meeting')
    .leftJoin('agenda_item as a', 'a.id', 'meeting.agenda_item_id')
    .selectAll('meeting')
    .select(['a.title_en as item_en', 'a.title_zh as item_zh'])
    .where('format', 'in', w.formats)
    .$if(from !== undefined, (q) => q.where('date', '>=', from!).where('date', '<', to!))
    .$if(itemIds !== undefined, (q) => q.where('agenda_item_id', 'in', [...itemIds!, '']))
    .orderBy('date', 'desc')
    .orderBy('id', 'desc')
    .limit(w.limit)
    .execute();
}

/** The meetings of a period (dates inclusive), in date order then by id: what the year's figures read. */
export function meetingsBetween(db: Db, from: string, to: string) {
  return db
    .selectFrom('meeting')
    .select(['id', 'format', 'record_symbol', 'agenda_item_id', 'topic'])
    .where('date', '>=', from)
    .where('date', '<=', to)
    .orderBy('date')
    .orderBy('id')
    .execute();
}
