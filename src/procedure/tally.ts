import { decide, type Ballot, type Outcome, type Vote } from '../domain/article27.ts';
import { membersOn } from '../domain/membership.ts';
import type { ProcedureTable } from '../store/tables/procedure.ts';

/** Every member of the date with its ballot; a member that sent none is absent (X), as the procedure says. */
export function fullBallot(date: string, ballots: { state: string; vote: Vote }[]): Ballot[] {
  const byState = new Map(ballots.map((b) => [b.state, b.vote]));
  return membersOn(date).map((state) => ({ state, vote: byState.get(state) ?? 'X' }));
}

/** The outcome of a closed procedure: Article 27 applied to its ballots. */
export function outcomeOf(
  proc: Pick<ProcedureTable, 'date' | 'procedural' | 'parties'>,
  ballots: { state: string; vote: Vote }[],
): Outcome {
  return decide({
    date: proc.date,
    votes: fullBallot(proc.date, ballots),
    procedural: proc.procedural === 1,
    parties: JSON.parse(proc.parties) as string[],
  });
}
