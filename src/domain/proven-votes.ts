/**
 * Which members' votes a decision's tally proves. A tally says how many members voted each way, not who:
 * only when every member's vote but those of one kind is known does the tally name the rest. So
 * - 15-0-0 (11-0-0 before the 1965 enlargement) on a full Council: every member voted in favour;
 * - 13-2-0 with both negative votes known (S/2020/654, vetoed by China and the Russian Federation):
 *   the other 13 voted in favour;
 * - 12-0-3 with no abstention known: nothing (any three of the fifteen may have abstained).
 * Anything inconsistent (a known vote by a non-member, more known votes of a kind than the tally has)
 * proves nothing: missing data is better than wrong data.
 */
export type VoteValue = 'Y' | 'N' | 'A' | 'X';

/** The counts of a vote: members in favour, against and abstaining. */
export interface VoteTally {
  for: number;
  against: number;
  abstaining: number;
}

/** A vote's counts as a source states them: any of them may be missing. */
export type StatedTally = { [K in keyof VoteTally]: number | null };

/**
 * The votes the tally proves for members whose vote is not yet known (empty when it proves none).
 * `members` are the Council's members on the date; a member that did not vote (absent, not participating)
 * counts as 'X', the seats the tally leaves unaccounted for.
 */
export function provenVotes(
  members: readonly string[],
  tally: StatedTally,
  known: ReadonlyMap<string, VoteValue>,
): { state: string; vote: VoteValue }[] {
  if (members.length === 0 || tally.for === null || tally.against === null || tally.abstaining === null)
    return [];
  const memberSet = new Set(members);
  for (const s of known.keys()) if (!memberSet.has(s)) return [];
  const cast = tally.for + tally.against + tally.abstaining;
  if (cast > members.length) return [];
  const expected: Record<VoteValue, number> = {
    Y: tally.for,
    N: tally.against,
    A: tally.abstaining,
    X: members.length - cast,
  };
  const remaining = { ...expected };
  for (const v of known.values()) {
    remaining[v] -= 1;
    if (remaining[v] < 0) return [];
  }
  const unknown = members.filter((s) => !known.has(s));
  const open = (Object.keys(remaining) as VoteValue[]).filter((k) => remaining[k] > 0);
  if (unknown.length === 0 || open.length !== 1) return [];
  const vote = open[0]!;
  if (remaining[vote] !== unknown.length) return [];
  return unknown.map((state) => ({ state, vote }));
}
