/** Writing a decision a table row gives: the shared step of the meeting tables and the veto lists. */
import type { Insertable } from 'kysely';
import { ValidationError } from '../../domain/model.ts';
import { mergeDecision, type Db, type MemberVote, type Outcome } from '../../store/record.ts';
import type { DecisionTable } from '../../store/tables/core.ts';
import type { Problem } from './report.ts';

export interface EntityOutcomes {
  meetings: Outcome[];
  decisions: Outcome[];
  problems: Problem[];
}

/**
 * Writes one decision; a decision the domain model refuses (a total over 15, an unknown state) is reported
 * against its row instead of failing the whole import.
 */
export async function mergeDecisionOrReport(
  db: Db,
  d: Insertable<DecisionTable>,
  prov: { sourceId: string; locator: string },
  votes: MemberVote[],
  out: EntityOutcomes,
  where: { file: string; line: number | undefined },
  /** How the report says what did not happen to the decision ("decision not recorded"). */
  not: 'recorded' | 'imported' = 'recorded',
): Promise<void> {
  try {
    out.decisions.push(await mergeDecision(db, d, prov, votes));
  } catch (e) {
    if (!(e instanceof ValidationError)) throw e;
    out.problems.push({
      ...where,
      locator: prov.locator,
      message: `${e.message}; decision not ${not}`,
      severity: 'error',
    });
  }
}

export function vetoVotes(vetoedBy: string[]): MemberVote[] {
  return vetoedBy.map((state) => ({ state, vote: 'N' as const }));
}
