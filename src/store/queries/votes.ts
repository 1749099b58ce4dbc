import { isPermanent } from '../../domain/membership.ts';
import type { Db } from '../record.ts';

export interface MemberVoteRow {
  state: string;
  vote: 'Y' | 'N' | 'A' | 'X';
  permanent: boolean;
  /** 'recorded': a source gives the vote (sourceId); 'tally': proven from the tally and the other known votes. */
  basis: 'recorded' | 'tally' | null;
  sourceId: string | null;
}

/** Every member's vote on one decision, permanent members first, then by code. */
export async function votesOf(db: Db, decisionId: string): Promise<MemberVoteRow[]> {
  const rows = await db
    .selectFrom('vote')
    .select(['state', 'vote', 'basis', 'source_id'])
    .where('decision_id', '=', decisionId)
    .execute();
  return rows
    .map((r) => ({
      state: r.state,
      vote: r.vote,
      permanent: isPermanent(r.state),
      basis: r.basis,
      sourceId: r.source_id,
    }))
    .sort((a, b) => Number(b.permanent) - Number(a.permanent) || a.state.localeCompare(b.state));
}
