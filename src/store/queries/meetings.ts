import type { SelectQueryBuilder } from 'kysely';
import type { Db } from '../record.ts';
import type { Database } from '../schema.ts';
import { decisionsOfMeeting } from './decisions.ts';
import { agendaItemRow } from './items.ts';
import { participantsOf } from './participants.ts';
import { positionsOf } from './positions.ts';
import { footnotesCiting, type CitingFootnote } from './citations.ts';
import type { MeetingFilter } from './filters.ts';
import { fetchPage, pageWindow, toPage, type Page } from './paging.ts';
import { conflictsAbout, sourcesOf, type ConflictRef, type SourceRef } from './provenance.ts';
import { likePattern } from './like.ts';
import { whereYearAndItem } from './year-item.ts';
import {
  toAgendaItem,
  toDecision,
  toMeeting,
  toParticipant,
  toPosition,
  type AgendaItemRef,
  type DecisionSummary,
  type MeetingRow,
  type MeetingSummary,
  type Participant,
  type Position,
} from './rows.ts';
import { votesOf, type MemberVoteRow } from './votes.ts';

type MeetingQuery = SelectQueryBuilder<Database, 'meeting', object>;

function applyMeetingFilter(q: MeetingQuery, f: MeetingFilter): MeetingQuery {
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
  const base = applyMeetingFilter(db.selectFrom('meeting') as MeetingQuery, filter);
  const { rows, total } = await fetchPage(base, win, (q) =>
    q.selectAll('meeting').orderBy('meeting.date').orderBy('meeting.id'),
  );
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

export interface MeetingDetail extends MeetingSummary {
  agendaItem: AgendaItemRef | null;
  participants: Participant[];
  decisions: DecisionWithVotes[];
  positions: Position[];
  /** Repertoire footnotes that cite this meeting's record. */
  citedBy: CitingFootnote[];
  sources: SourceRef[];
  conflicts: ConflictRef[];
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
    citedBy: await footnotesCiting(db, [row.record_symbol ?? row.id]),
    sources: await sourcesOf(db, { type: 'meeting', id }),
    conflicts: await conflictsAbout(db, { type: 'meeting', id }),
  };
}

// ---- stored rows, for the web pages (which lay the columns out themselves) ----

/** One meeting's stored row; undefined when the id is unknown. */
export function meetingRow(db: Db, id: string): Promise<MeetingRow | undefined> {
  return db.selectFrom('meeting').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The meetings held under an agenda item, in date order. */
export function meetingsOfItem(db: Db, itemId: string): Promise<MeetingRow[]> {
  return db
    .selectFrom('meeting')
    .selectAll()
    .where('agenda_item_id', '=', itemId)
    .orderBy('date')
    .orderBy('id')
    .execute();
}

/** The latest videoconferences, newest first. */
export function recentVtcs(db: Db, limit: number): Promise<MeetingRow[]> {
  return db
    .selectFrom('meeting')
    .selectAll()
    .where('format', 'in', ['open_vtc', 'closed_vtc'])
    .orderBy('date', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

/** Meetings a state initiated, presided or chaired, in date order. */
export function meetingsLedBy(db: Db, iso3: string): Promise<MeetingRow[]> {
  return db
    .selectFrom('meeting')
    .selectAll()
    .where((eb) => eb.or([eb('initiative', '=', iso3), eb('chair', '=', iso3), eb('presidency', '=', iso3)]))
    .orderBy('date')
    .execute();
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
  let query = applyMeetingFilter(db.selectFrom('meeting') as MeetingQuery, f);
  if (f.q) {
    const pat = likePattern(f.q);
    query = query.where((eb) =>
      eb.or([
        eb('meeting.id', 'like', pat),
        eb('meeting.title_zh', 'like', pat),
        eb('meeting.title_en', 'like', pat),
        eb('meeting.topic', 'like', pat),
      ]),
    );
  }
  return fetchPage(query, pageWindow(f), (q) =>
    q.selectAll('meeting').orderBy('meeting.date', 'desc').orderBy('meeting.id'),
  );
}
