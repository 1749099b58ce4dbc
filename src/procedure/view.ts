import type { Db } from '../store/record.ts';
import type { ProcedureTable } from '../store/tables/procedure.ts';
import type { Outcome, Vote } from '../domain/article27.ts';
import { membersOn } from '../domain/membership.ts';
import type { Actor } from './actors.ts';
import type { Letter } from './letters.ts';

/**
 * What a user sees of a written procedure, and the receipt a delegation keeps of its vote. Who may see the
 * ballots follows S/2020/253 (procedureView).
 */

export interface Receipt {
  procedureId: string;
  draftSymbol: string;
  state: string;
  vote: Vote;
  receivedAt: string;
  digest: string;
  /** True when this acknowledges a vote already recorded (the same vote sent again). */
  duplicate: boolean;
  /**
   * The audit entry that recorded the vote: its number and keyed hash. Kept by the delegation, it proves
   * later that the log still holds its vote as cast (`council audit verify --receipt`).
   */
  auditSeq: number;
  auditHash: string;
}

export interface ProcedureView {
  id: string;
  draftSymbol: string;
  title: string;
  text: string | null;
  agendaItemId: string;
  procedural: boolean;
  /** A rehearsal: kept apart, never entered in the record. */
  rehearsal: boolean;
  parties: string[];
  date: string;
  openedAt: string;
  deadline: string;
  status: ProcedureTable['status'];
  closedAt: string | null;
  announcedAt: string | null;
  meetingFormat: ProcedureTable['meeting_format'];
  meetingId: string | null;
  decisionId: string | null;
  resolutionSymbol: string | null;
  members: string[];
  letters: { announcement: Letter; outcome?: Letter; votingDetails?: Letter };
  /** Shown to the Secretariat and the President; to everyone once announced. */
  ballotsReceived?: number;
  ballots?: { state: string; vote: Vote; receivedAt: string; digest: string }[];
  outcome?: Outcome;
  /** A delegation's own receipt. */
  yourBallot?: Omit<Receipt, 'duplicate'> | null;
}

/** The procedure `proc` as `actor` may see it (the ballots, the outcome and the letters when its role may). */
export async function procedureView(db: Db, actor: Actor, proc: ProcedureTable): Promise<ProcedureView> {
  const ballots = await ballotsOf(db, proc.id);
  const letters = JSON.parse(proc.letters) as ProcedureView['letters'];
  const announced = proc.status === 'announced';
  // S/2020/253: delegations send their votes to the Secretariat, and the President announces the
  // outcome once the period is over. So the Secretariat sees ballots as they arrive; the President sees
  // how many have arrived (to know when it may close early) and the ballots once the vote is closed.
  const seesBallots =
    actor.role === 'secretariat' || (actor.role === 'president' && proc.status !== 'voting') || announced;
  const view: ProcedureView = {
    id: proc.id,
    draftSymbol: proc.draft_symbol,
    title: proc.title,
    text: proc.text,
    agendaItemId: proc.agenda_item_id,
    procedural: proc.procedural === 1,
    rehearsal: proc.rehearsal === 1,
    parties: JSON.parse(proc.parties) as string[],
    date: proc.date,
    openedAt: proc.opened_at,
    deadline: proc.deadline,
    status: proc.status,
    closedAt: proc.closed_at,
    announcedAt: proc.announced_at,
    meetingFormat: proc.meeting_format,
    meetingId: proc.meeting_id,
    decisionId: proc.decision_id,
    resolutionSymbol: proc.resolution_symbol,
    members: membersOn(proc.date),
    // Outcome letters exist only once announced, so they never reveal a tally early.
    letters: announced ? letters : { announcement: letters.announcement },
  };
  if (actor.role === 'president') view.ballotsReceived = ballots.length;
  if (seesBallots) {
    view.ballotsReceived = ballots.length;
    view.ballots = ballots.map((b) => ({
      state: b.state,
      vote: b.vote,
      receivedAt: b.received_at,
      digest: b.digest,
    }));
    if (proc.outcome) view.outcome = JSON.parse(proc.outcome) as Outcome;
  }
  if (actor.role === 'delegation') {
    const mine = ballots.find((b) => b.state === actor.state);
    view.yourBallot = mine
      ? {
          procedureId: proc.id,
          draftSymbol: proc.draft_symbol,
          state: mine.state,
          vote: mine.vote,
          receivedAt: mine.received_at,
          digest: mine.digest,
          ...(await receiptEntry(db, mine.audit_seq)),
        }
      : null;
  }
  return view;
}

export async function ballotsOf(db: Db, procedureId: string) {
  return db
    .selectFrom('ballot')
    .selectAll()
    .where('procedure_id', '=', procedureId)
    .orderBy('state')
    .execute();
}

/** The number and hash of the audit entry that recorded a ballot, for its receipt. */
export async function receiptEntry(db: Db, seq: number): Promise<{ auditSeq: number; auditHash: string }> {
  const e = await db.selectFrom('audit_log').select('hash').where('seq', '=', seq).executeTakeFirst();
  return { auditSeq: seq, auditHash: e?.hash ?? '' };
}
