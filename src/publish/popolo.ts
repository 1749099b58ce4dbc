import { isPermanent } from '../domain/membership.ts';
import { getState } from '../domain/states.ts';
import { decisionsPutToVote } from '../store/queries/decisions.ts';
import { votesByDecision } from '../store/queries/votes.ts';
import type { Db } from '../store/record.ts';
import { ATTRIBUTION } from './exports.ts';

/**
 * Council votes in the Popolo data specification's shape (https://www.popoloproject.com/specs/):
 * a motion per draft put to the vote, a vote event per vote, its counts, and each member's vote when the
 * record holds it. Members are states, so voters are organizations (classification "member state").
 */

const OPTION = { Y: 'yes', N: 'no', A: 'abstain', X: 'absent' } as const;

export interface PopoloExport {
  attribution: string;
  organizations: {
    id: string;
    name: string;
    classification: string;
    other_names?: { name: string; lang: string }[];
  }[];
  motions: {
    id: string;
    organization_id: 'unsc';
    text: string;
    classification: string;
    date: string | null;
    requirement: string;
    result: 'pass' | 'fail' | null;
    sources: { url: string; note: string }[];
  }[];
  vote_events: {
    id: string;
    motion_id: string;
    organization_id: 'unsc';
    identifier: string;
    start_date: string | null;
    result: 'pass' | 'fail' | null;
    counts: { option: 'yes' | 'no' | 'abstain' | 'absent'; value: number }[];
    votes: { voter_id: string; option: 'yes' | 'no' | 'abstain' | 'absent'; role?: 'permanent member' }[];
    extras: { modality: string | null; written_procedure_letter: string | null; vetoed_by: string[] };
  }[];
}

export async function popoloVotes(db: Db): Promise<PopoloExport> {
  const decisions = await decisionsPutToVote(db);
  const votes = await votesByDecision(db);
  const byDecision = new Map<string, typeof votes>();
  for (const v of votes) byDecision.set(v.decision_id, [...(byDecision.get(v.decision_id) ?? []), v]);

  const voters = new Set<string>();
  const motions: PopoloExport['motions'] = [];
  const events: PopoloExport['vote_events'] = [];
  for (const d of decisions) {
    const motionId = d.draft_symbol ?? d.id;
    const result = d.adopted === null ? null : d.adopted ? 'pass' : 'fail';
    motions.push({
      id: motionId,
      organization_id: 'unsc',
      text: d.title ?? (d.symbol ? `Draft adopted as ${d.symbol}` : `Draft resolution ${motionId}`),
      classification: d.kind,
      date: d.date,
      requirement:
        'Charter of the United Nations, Article 27 (nine affirmative votes, no negative vote of a permanent member)',
      result,
      sources: [{ url: `https://undocs.org/${encodeURI(motionId)}`, note: 'UN Official Document System' }],
    });
    const counts: PopoloExport['vote_events'][number]['counts'] = [];
    if (d.vote_for !== null) counts.push({ option: 'yes', value: d.vote_for });
    if (d.vote_against !== null) counts.push({ option: 'no', value: d.vote_against });
    if (d.vote_abstaining !== null) counts.push({ option: 'abstain', value: d.vote_abstaining });
    if (d.vote_absent !== null) counts.push({ option: 'absent', value: d.vote_absent });
    const memberVotes = (byDecision.get(d.id) ?? []).map((v) => {
      voters.add(v.state);
      return {
        voter_id: v.state,
        option: OPTION[v.vote],
        ...(isPermanent(v.state) ? { role: 'permanent member' as const } : {}),
      };
    });
    events.push({
      id: `vote:${d.id}`,
      motion_id: motionId,
      organization_id: 'unsc',
      identifier: d.symbol ?? motionId,
      start_date: d.date,
      result,
      counts,
      votes: memberVotes,
      extras: {
        modality: d.modality,
        written_procedure_letter: d.written_procedure_letter,
        vetoed_by: d.vetoed_by ? (JSON.parse(d.vetoed_by) as string[]) : [],
      },
    });
  }
  const organizations: PopoloExport['organizations'] = [
    {
      id: 'unsc',
      name: 'United Nations Security Council',
      classification: 'legislature',
      other_names: [{ name: '安全理事会', lang: 'zh' }],
    },
    ...[...voters].sort().map((iso3) => {
      const s = getState(iso3);
      return {
        id: iso3,
        name: s?.displayEn ?? iso3,
        classification: 'member state',
        ...(s ? { other_names: [{ name: s.displayZh, lang: 'zh' }] } : {}),
      };
    }),
  ];
  return { attribution: ATTRIBUTION, organizations, motions, vote_events: events };
}
