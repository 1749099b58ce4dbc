import { sql, type SelectQueryBuilder } from 'kysely';
import type { Db } from '../record.ts';
import type { Database } from '../schema.ts';
import { footnotesCiting, type CitingFootnote } from './citations.ts';
import type { DecisionFilter } from './filters.ts';
import { pageWindow, toPage, type Page } from './paging.ts';
import { conflictsOf, provenanceOf, type ConflictRef, type SourceRef } from './provenance.ts';
import {
  toAgendaItem,
  toDecision,
  toMeeting,
  type AgendaItemRef,
  type DecisionSummary,
  type MeetingSummary,
} from './rows.ts';
import { votesOf, type MemberVoteRow } from './votes.ts';

type DecisionQuery = SelectQueryBuilder<Database, 'decision', object>;

function applyDecisionFilter(q: DecisionQuery, f: DecisionFilter): DecisionQuery {
  let out = q;
  // A date range (not LIKE) so the date index serves the year filter.
  if (f.year !== undefined)
    out = out.where('decision.date', '>=', `${f.year}-01-01`).where('decision.date', '<=', `${f.year}-12-31`);
  if (f.kind !== undefined) out = out.where('decision.kind', '=', f.kind);
  if (f.modality !== undefined) out = out.where('decision.modality', '=', f.modality);
  // A draft is vetoed when the record names a permanent member that voted against it (a JSON list).
  const vetoed = sql<boolean>`(decision.vetoed_by is not null and decision.vetoed_by <> '[]')`;
  if (f.vetoed === '1') out = out.where(vetoed);
  if (f.vetoed === '0') out = out.where(sql<boolean>`not ${vetoed}`);
  if (f.item !== undefined) {
    const item = f.item;
    out = out.where('decision.agenda_item_id', 'in', (eb) => {
      let sub = eb.selectFrom('agenda_item').select('agenda_item.id').where('agenda_item.number', '=', item);
      if (f.year !== undefined) sub = sub.where('agenda_item.year', '=', f.year);
      return sub;
    });
  }
  return out;
}

/** Decisions in date order (then symbol), filtered as on the pages. */
export async function listDecisions(db: Db, filter: DecisionFilter = {}): Promise<Page<DecisionSummary>> {
  const win = pageWindow(filter);
  const base = applyDecisionFilter(db.selectFrom('decision') as DecisionQuery, filter);
  const totalRow = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await base
    .selectAll('decision')
    .orderBy('decision.date')
    .orderBy('decision.id')
    .limit(win.pageSize)
    .offset(win.offset)
    .execute();
  return toPage(rows.map(toDecision), Number(totalRow.n), win);
}

export interface DecisionDetail extends DecisionSummary {
  agendaItem: AgendaItemRef | null;
  meeting: MeetingSummary | null;
  memberVotes: MemberVoteRow[];
  /** Repertoire footnotes that cite the decision or its draft. */
  citedBy: CitingFootnote[];
  sources: SourceRef[];
  conflicts: ConflictRef[];
}

/** One decision by id (its symbol, or its draft's); undefined when unknown. */
export async function getDecision(db: Db, id: string): Promise<DecisionDetail | undefined> {
  const row = await db.selectFrom('decision').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return undefined;
  const meeting = row.meeting_id
    ? await db.selectFrom('meeting').selectAll().where('id', '=', row.meeting_id).executeTakeFirst()
    : undefined;
  const item = row.agenda_item_id
    ? await db.selectFrom('agenda_item').selectAll().where('id', '=', row.agenda_item_id).executeTakeFirst()
    : undefined;
  return {
    ...toDecision(row),
    agendaItem: item ? toAgendaItem(item) : null,
    meeting: meeting ? toMeeting(meeting) : null,
    memberVotes: await votesOf(db, id),
    citedBy: await footnotesCiting(db, [row.symbol ?? '', row.draft_symbol ?? ''].filter(Boolean)),
    sources: await provenanceOf(db, 'decision', id),
    conflicts: await conflictsOf(db, 'decision', id),
  };
}
