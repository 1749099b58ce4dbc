import { sql } from 'kysely';
import type { Db } from '../record.ts';
import { agendaItemRow } from './items.ts';
import type { DecisionFilter, FeedWindow } from './filters.ts';
import { fetchPage, pageWindow, toPage, type Page } from './paging.ts';
import { refsAbout, type RecordRefs } from './provenance.ts';
import { anyContains, anyEquals } from './any-column.ts';
import { inDateOrder, whereYearAndItem, type DatedQuery } from './year-item.ts';
import { toAgendaItem, toDecision, toMeeting } from './rows.ts';
import type { AgendaItemRef, DecisionRow, DecisionSummary, MeetingRow, MeetingSummary } from './rows.ts';
import { votesOf, type MemberVoteRow } from './votes.ts';

function applyDecisionFilter(q: DatedQuery<'decision'>, f: DecisionFilter): DatedQuery<'decision'> {
  let out = whereYearAndItem(q, 'decision', f);
  if (f.kind !== undefined) out = out.where('decision.kind', '=', f.kind);
  if (f.modality !== undefined) out = out.where('decision.modality', '=', f.modality);
  // A draft is vetoed when the record names a permanent member that voted against it (a JSON list).
  const vetoed = sql<boolean>`(decision.vetoed_by is not null and decision.vetoed_by <> '[]')`;
  if (f.vetoed === '1') out = out.where(vetoed);
  if (f.vetoed === '0') out = out.where(sql<boolean>`not ${vetoed}`);
  return out;
}

/** Decisions in date order (then symbol), filtered as on the pages. */
export async function listDecisions(db: Db, filter: DecisionFilter = {}): Promise<Page<DecisionSummary>> {
  const win = pageWindow(filter);
  const base = applyDecisionFilter(db.selectFrom('decision') as DatedQuery<'decision'>, filter);
  const { rows, total } = await fetchPage(base, win, (q) => inDateOrder(q.selectAll('decision'), 'decision'));
  return toPage(rows.map(toDecision), total, win);
}

/** A decision with what the record knows of it (`citedBy`: footnotes that cite it or its draft). */
export interface DecisionDetail extends DecisionSummary, RecordRefs {
  agendaItem: AgendaItemRef | null;
  meeting: MeetingSummary | null;
  memberVotes: MemberVoteRow[];
}

/** One decision by id (its symbol, or its draft's); undefined when unknown. */
export async function getDecision(db: Db, id: string): Promise<DecisionDetail | undefined> {
  const row = await db.selectFrom('decision').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return undefined;
  const [meeting, item] = await Promise.all([
    row.meeting_id
      ? db.selectFrom('meeting').selectAll().where('id', '=', row.meeting_id).executeTakeFirst()
      : undefined,
    row.agenda_item_id ? agendaItemRow(db, row.agenda_item_id) : undefined,
  ]);
  return {
    ...toDecision(row),
    agendaItem: item ? toAgendaItem(item) : null,
    meeting: meeting ? toMeeting(meeting) : null,
    memberVotes: await votesOf(db, id),
    ...(await refsAbout(
      db,
      { type: 'decision', id },
      [row.symbol ?? '', row.draft_symbol ?? ''].filter(Boolean),
    )),
  };
}

// ---- stored rows, for the web pages (which lay the columns out themselves) ----

/** One decision's stored row, found by id, symbol or draft symbol; undefined when unknown. */
export function decisionRow(db: Db, id: string): Promise<DecisionRow | undefined> {
  const named = anyEquals(['id', 'symbol', 'draft_symbol'], id);
  return db.selectFrom('decision').selectAll().where(named).orderBy('id').executeTakeFirst();
}

/** The latest dated decisions, newest first. */
export function recentDecisions(db: Db, limit: number): Promise<DecisionRow[]> {
  const dated = db.selectFrom('decision').selectAll().where('date', 'is not', null);
  return inDateOrder(dated, 'decision', 'desc').limit(limit).execute();
}

/** Decisions of an agenda item: those filed under it and those taken at its meetings, in date order. */
export function decisionsOfItem(db: Db, itemId: string, meetingIds: string[]): Promise<DecisionRow[]> {
  const ofItem = db
    .selectFrom('decision')
    .selectAll()
    .where((eb) =>
      meetingIds.length > 0
        ? eb.or([eb('agenda_item_id', '=', itemId), eb('meeting_id', 'in', meetingIds)])
        : eb('agenda_item_id', '=', itemId),
    );
  return inDateOrder(ofItem, 'decision').execute();
}

export function decisionsOfMeeting(db: Db, meetingId: string): Promise<DecisionRow[]> {
  return db.selectFrom('decision').selectAll().where('meeting_id', '=', meetingId).orderBy('id').execute();
}

export function isVetoed(d: { vetoed_by: string | null }): boolean {
  return !!d.vetoed_by && d.vetoed_by !== '[]';
}

/**
 * The search page's decision list: the list filters, the format of the meeting it was taken at, words in
 * the symbols or title; newest first.
 */
export type DecisionSearch = DecisionFilter & {
  q?: string | undefined;
  format?: MeetingRow['format'] | undefined;
};

export async function filterDecisions(
  db: Db,
  f: DecisionSearch,
): Promise<{ rows: DecisionRow[]; total: number }> {
  let query = applyDecisionFilter(db.selectFrom('decision') as DatedQuery<'decision'>, f);
  if (f.format) {
    const format = f.format;
    query = query.where('decision.meeting_id', 'in', (eb) =>
      eb.selectFrom('meeting').select('meeting.id').where('meeting.format', '=', format),
    );
  }
  if (f.q) query = query.where(anyContains(['decision.id', 'decision.draft_symbol', 'decision.title'], f.q));
  return fetchPage(query, pageWindow(f), (q) =>
    q.selectAll('decision').orderBy('decision.date', 'desc').orderBy('decision.id'),
  );
}

/** Every decision in date order, then by id (the open-data export). */
export function allDecisions(db: Db): Promise<DecisionRow[]> {
  return db.selectFrom('decision').selectAll().orderBy('date').orderBy('id').execute();
}

/** Every decision's id and the meeting it was taken at, by id. */
export function decisionMeetingIds(db: Db): Promise<{ id: string; meeting_id: string | null }[]> {
  return db.selectFrom('decision').select(['id', 'meeting_id']).orderBy('id').execute();
}

/** A feed's dated decisions in its window (of one kind when given), newest first. */
export function feedDecisions(
  db: Db,
  w: FeedWindow & { kind?: DecisionRow['kind'] | undefined },
): Promise<DecisionRow[]> {
  const { from, to, itemIds, kind } = w;
  return db
    .selectFrom('decision')
    .selectAll()
    .where('date', 'is not', null)
    .$if(from !== undefined, (q) => q.where('date', '>=', from!).where('date', '<', to!))
    .$if(itemIds !== undefined, (q) => q.where('agenda_item_id', 'in', [...itemIds!, '']))
    .$if(kind !== undefined, (q) => q.where('kind', '=', kind!))
    .orderBy('date', 'desc')
    .orderBy('id', 'desc')
    .limit(w.limit)
    .execute();
}

/** Decisions put to the vote (a tally or the vote modality), in date order then by id. */
export function decisionsPutToVote(db: Db): Promise<DecisionRow[]> {
  return db
    .selectFrom('decision')
    .selectAll()
    .where((eb) => eb.or([eb('vote_for', 'is not', null), eb('modality', '=', 'vote')]))
    .orderBy('date')
    .orderBy('id')
    .execute();
}

/** The date and vetoers of every draft not adopted that names any (in no particular order). */
export function vetoedDrafts(db: Db): Promise<{ date: string | null; vetoed_by: string | null }[]> {
  return db
    .selectFrom('decision')
    .select(['date', 'vetoed_by'])
    .where('kind', '=', 'draft_not_adopted')
    .where('vetoed_by', 'is not', null)
    .execute();
}

/** The dates of the drafts a permanent member vetoed (in no particular order). */
export function draftsVetoedBy(db: Db, iso3: string): Promise<{ date: string | null }[]> {
  return db
    .selectFrom('decision')
    .select(['date'])
    .where('kind', '=', 'draft_not_adopted')
    .where('vetoed_by', 'like', `%"${iso3.replace(/[^A-Z]/g, '')}"%`)
    .execute();
}

/** The decisions of a period (dates inclusive) with their tallies, in date order. */
export function decisionsBetween(db: Db, from: string, to: string) {
  return db
    .selectFrom('decision')
    .select(['id', 'date', 'kind', 'vote_for', 'vote_against', 'vote_abstaining', 'modality'])
    .where('date', '>=', from)
    .where('date', '<=', to)
    .orderBy('date')
    .execute();
}

/** The decisions of a period (dates inclusive) with their tallies and vetoers, by id. */
export function decisionTalliesBetween(db: Db, from: string, to: string) {
  return db
    .selectFrom('decision')
    .select(['id', 'kind', 'symbol', 'modality', 'vote_for', 'vote_against', 'vote_abstaining', 'vetoed_by'])
    .where('date', '>=', from)
    .where('date', '<=', to)
    .orderBy('id')
    .execute();
}
