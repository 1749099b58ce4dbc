import { isPermanent } from '../../domain/membership.ts';
import type { Db } from '../record.ts';

export interface MemberVoteRow {
  state: string;
  vote: 'Y' | 'N' | 'A' | 'X';
  permanent: boolean;
}

/** Every member's vote on one decision, permanent members first, then by code. */
export async function votesOf(db: Db, decisionId: string): Promise<MemberVoteRow[]> {
  const rows = await db
    .selectFrom('vote')
    .select(['state', 'vote'])
    .where('decision_id', '=', decisionId)
    .execute();
  return rows
    .map((r) => ({ state: r.state, vote: r.vote, permanent: isPermanent(r.state) }))
    .sort((a, b) => Number(b.permanent) - Number(a.permanent) || a.state.localeCompare(b.state));
}
