import { mergeMeeting, type Db } from '../../store/record.ts';
import type { AgendaMatcher } from '../common/agenda.ts';
import { mergeDecisionOrReport, vetoVotes, type EntityOutcomes } from '../common/decisions.ts';
import type { VetoList } from './parse.ts';

/**
 * Writes the vetoed drafts of one veto list: each a draft_not_adopted decision vetoed_by its permanent
 * members, with their negative votes, at its meeting. The CSV's agenda wording is its own summary
 * ("Humanitarian access to Syria"), so only the DHL list's agenda text becomes the decision title.
 */
export async function importVetoList(
  db: Db,
  list: VetoList,
  sourceId: string,
  agenda: AgendaMatcher,
  options: { titles: boolean },
  tick: () => void = () => {},
): Promise<EntityOutcomes> {
  const out: EntityOutcomes = { meetings: [], decisions: [], problems: [] };
  for (const v of list.records) {
    const prov = { sourceId, locator: v.locator };
    const vtc = v.meeting !== null && !v.meeting.startsWith('S/PV.');
    const agendaItemId = agenda.match(v.agenda, Number(v.date.slice(0, 4)));
    if (v.meeting) {
      out.meetings.push(
        await mergeMeeting(
          db,
          {
            id: v.meeting,
            date: v.date,
            format: vtc ? 'open_vtc' : 'formal_public',
            record_symbol: v.meeting,
            agenda_item_id: agendaItemId,
          },
          prov,
        ),
      );
    }
    if (!v.draft) {
      // The earliest entries name only the meeting; a decision needs a symbol, so this veto stays unrecorded.
      out.problems.push({
        file: list.file,
        line: v.line,
        locator: v.locator,
        field: 'draft',
        message: `no draft symbol (only ${v.meeting ?? 'a date'}); the veto by ${v.vetoedBy.join(', ')} on ${v.date} is not recorded as a decision`,
        severity: 'warning',
      });
      tick();
      continue;
    }
    await mergeDecisionOrReport(
      db,
      {
        id: v.id,
        kind: 'draft_not_adopted',
        symbol: null,
        draft_symbol: v.draft,
        meeting_id: v.meeting,
        agenda_item_id: agendaItemId,
        date: v.date,
        modality: vtc && v.outcomeLetter ? 'written_procedure' : 'vote',
        adopted: 0,
        written_procedure_letter: vtc ? v.outcomeLetter : null,
        record_letter: vtc ? v.meeting : null,
        title: options.titles && v.agenda ? v.agenda : null,
        vetoed_by: JSON.stringify(v.vetoedBy),
      },
      prov,
      vetoVotes(v.vetoedBy),
      out,
      { file: list.file, line: v.line },
    );
    tick();
  }
  return out;
}
