import type { Insertable } from 'kysely';
import { requiredMajority } from '../../domain/article27.ts';
import { councilSizeOn } from '../../domain/membership.ts';
import { addProvenance, keepConflict, mergeMeeting, meetingId, type Db } from '../../store/record.ts';
import type { DecisionTable, MeetingTable } from '../../store/tables/core.ts';
import type { AgendaMatcher } from '../common/agenda.ts';
import { mergeDecisionOrReport, vetoVotes, type EntityOutcomes } from '../common/decisions.ts';
import type { VoteTally } from '../../domain/proven-votes.ts';
import type { DhlMeetingRow, DhlMeetingTable, DhlOutcome } from './meetings.ts';

function formatOf(r: DhlMeetingRow): MeetingTable['format'] {
  if (r.kind === 'vtc') return r.closed ? 'closed_vtc' : 'open_vtc';
  return r.closed ? 'formal_private' : 'formal_public';
}

/** Members not voting: what the tally does not account for of the Council's seats (11 before 1966, 15 since). */
export function absentOf(t: VoteTally, date: string): number | null {
  const cast = t.for + t.against + t.abstaining;
  const size = councilSizeOn(date);
  return cast <= size ? size - cast : null;
}

/**
 * The vetoes of a draft not adopted as far as its row proves them: the members it names; none when its
 * tally has no vote against or fell short of the majority anyway; unknown (null) when a negative vote on
 * a draft with the majority is not attributed (2017: "S/2017/1060 not adopted 14-1-0"): a veto list says.
 */
function vetoedByOf(o: DhlOutcome, date: string): string | null {
  if (o.vetoedBy.length > 0) return JSON.stringify([...o.vetoedBy].sort());
  if (o.tally && (o.tally.against === 0 || o.tally.for < requiredMajority(date))) return '[]';
  return null;
}

function decisionOf(
  o: DhlOutcome,
  r: DhlMeetingRow,
  meeting: string,
  agendaItemId: string | null,
): Insertable<DecisionTable> {
  const writtenProcedure =
    r.kind === 'vtc' && r.outcomeLetter !== null && o.kind !== 'presidential_statement';
  const voted = o.kind !== 'presidential_statement';
  return {
    id: o.symbol,
    kind: o.kind,
    symbol: o.kind === 'draft_not_adopted' ? null : o.symbol,
    draft_symbol: o.kind === 'draft_not_adopted' ? o.symbol : null,
    meeting_id: meeting,
    agenda_item_id: agendaItemId,
    date: r.date,
    modality: writtenProcedure ? 'written_procedure' : voted ? 'vote' : 'without_vote',
    adopted: o.kind === 'draft_not_adopted' ? 0 : 1,
    vote_for: o.tally?.for ?? null,
    vote_against: o.tally?.against ?? null,
    vote_abstaining: o.tally?.abstaining ?? null,
    vote_absent: o.tally ? absentOf(o.tally, r.date) : null,
    written_procedure_letter: writtenProcedure ? r.outcomeLetter : null,
    record_letter: r.kind === 'vtc' ? r.recordLetter : null,
    vetoed_by: o.kind === 'draft_not_adopted' ? vetoedByOf(o, r.date) : null,
  };
}

/**
 * Writes the rows of one meeting table. Rows go in date order so that a "[resumed meeting]" row finds the
 * meeting it continues and adds to it instead of restating its date.
 */
export async function importMeetingTable(
  db: Db,
  table: DhlMeetingTable,
  sourceId: string,
  agenda: AgendaMatcher,
  tick: () => void = () => {},
): Promise<EntityOutcomes> {
  const out: EntityOutcomes = { meetings: [], decisions: [], problems: [] };
  const rows = [...table.rows].sort((a, b) => a.date.localeCompare(b.date));
  for (const r of rows) {
    const prov = { sourceId, locator: r.locator };
    const format = formatOf(r);
    const agendaItemId = agenda.match(r.topic, Number(r.date.slice(0, 4)));
    const id = meetingId({ recordSymbol: r.record ?? r.recordLetter, date: r.date, format, agendaItemId });
    const existing = await db
      .selectFrom('meeting')
      .select(['id', 'date'])
      .where('id', '=', id)
      .executeTakeFirst();
    if (r.resumed && existing && existing.date !== r.date) {
      const added = await addProvenance(db, 'meeting', id, prov);
      out.meetings.push(added ? 'update' : 'noop');
    } else {
      const notes: string[] = [...r.notes];
      if (r.communique) notes.push('communiqué issued (closed meeting)');
      if (r.kind === 'formal' && r.recordLetter)
        notes.push(`letter with briefings/vote procedure: ${r.recordLetter}`);
      out.meetings.push(
        await mergeMeeting(
          db,
          {
            id,
            date: r.date,
            format,
            record_symbol: r.record ?? r.recordLetter,
            agenda_item_id: agendaItemId,
            topic: r.topic || null,
            notes: notes.length > 0 ? JSON.stringify(notes) : null,
          },
          prov,
        ),
      );
    }
    for (const o of r.outcomes) {
      const d = decisionOf(o, r, id, agendaItemId);
      await mergeDecisionOrReport(db, d, prov, vetoVotes(o.vetoedBy), out, {
        file: table.file,
        line: r.line,
      });
      for (const c of o.conflicts ?? []) {
        // The value recorded (none, for a tally that contradicted itself) beside the other reading.
        const kept = String((d as Record<string, unknown>)[c.field] ?? 'not recorded');
        const wrote = await keepConflict(
          db,
          'decision',
          d.id,
          c.field,
          { value: kept, prov },
          { value: c.value, prov: { sourceId, locator: c.locator } },
        );
        if (wrote && out.decisions.at(-1) === 'noop') out.decisions[out.decisions.length - 1] = 'update';
      }
    }
    tick();
  }
  return out;
}
