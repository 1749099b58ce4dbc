import { checkDate, membersOn, permanentOn } from './membership.ts';

/**
 * Article 27 of the Charter: each member has one vote; procedural matters need nine affirmative votes
 * (seven before the 1963 amendment took effect for the enlarged Council: see requiredMajority);
 * all other matters need as many affirmative votes including the concurring votes of the permanent members,
 * a party to a dispute abstaining in decisions under Chapter VI and Article 52(3).
 *
 * Established practice read into "concurring votes": an abstention or absence of a permanent member is not
 * a veto; and a negative vote of a permanent member is counted (and listed) as a veto only when the draft
 * otherwise had the affirmative votes it needed, as in the official list of vetoes (A/58/47, annex III),
 * which omits drafts that failed for want of votes although a permanent member voted against.
 */

export type Vote = 'Y' | 'N' | 'A' | 'X';
export const VOTES: readonly Vote[] = ['Y', 'N', 'A', 'X'];

export interface Ballot {
  state: string;
  vote: Vote;
}

export interface Outcome {
  adopted: boolean;
  for: number;
  against: number;
  abstaining: number;
  absent: number;
  vetoedBy: string[];
  reason: string;
}

export interface Rules {
  /** Affirmative votes needed: 9 since the Council grew to 15 (1 January 1966), 7 before. */
  required: number;
  /** The permanent seats; a negative vote from one of them is a veto on a non-procedural matter. */
  permanent: ReadonlySet<string>;
  procedural?: boolean;
  /** Members that are parties to a dispute (Chapter VI, Art. 52(3)) and so must abstain. */
  parties?: readonly string[];
}

export class Article27Error extends Error {
  constructor(
    message: string,
    readonly code:
      'not_member' | 'missing_member' | 'duplicate' | 'unknown_vote' | 'unknown_state' | 'invalid_date',
  ) {
    super(message);
    this.name = 'Article27Error';
  }
}

/**
 * Seven affirmative votes of eleven members until the Council sat with fifteen on 1 January 1966; nine
 * since. The amendments to Articles 23 and 27 (GA resolution 1991 A (XVIII) of 17 December 1963) came
 * into force on 31 August 1965, but the Council kept its eleven members to the end of 1965 and went on
 * applying seven: resolution 218 (1965) of 22 November 1965 was adopted by 7 votes to none with 4
 * abstentions (S/PV.1267; the UN Library's 1965 meetings table), and the Council treated it as adopted.
 */
export function requiredMajority(date: string): number {
  return date < '1966-01-01' ? 7 : 9;
}

/** The outcome of a complete set of ballots under the given rules (no membership check: see decide()). */
export function outcomeOf(ballots: readonly Ballot[], rules: Rules): Outcome {
  const count = (v: Vote) => ballots.filter((b) => b.vote === v).length;
  const tally = { for: count('Y'), against: count('N'), abstaining: count('A'), absent: count('X') };
  const parties = new Set(rules.parties ?? []);
  const notAbstaining = rules.procedural
    ? []
    : ballots.filter((b) => parties.has(b.state) && (b.vote === 'Y' || b.vote === 'N')).map((b) => b.state);
  if (notAbstaining.length > 0) {
    return {
      adopted: false,
      ...tally,
      vetoedBy: [],
      reason:
        `${notAbstaining.sort().join(', ')} must abstain as ${notAbstaining.length > 1 ? 'parties' : 'a party'} ` +
        'to the dispute (Article 27(3)); the vote is irregular',
    };
  }
  if (tally.for < rules.required) {
    return {
      adopted: false,
      ...tally,
      vetoedBy: [],
      reason: `only ${tally.for} affirmative vote${tally.for === 1 ? '' : 's'} (${rules.required} needed)`,
    };
  }
  if (rules.procedural) {
    return {
      adopted: true,
      ...tally,
      vetoedBy: [],
      reason: `procedural matter: ${tally.for} affirmative votes (${rules.required} needed; Article 27(2))`,
    };
  }
  const vetoedBy = ballots
    .filter((b) => b.vote === 'N' && rules.permanent.has(b.state))
    .map((b) => b.state)
    .sort();
  if (vetoedBy.length > 0) {
    return {
      adopted: false,
      ...tally,
      vetoedBy,
      reason: `vetoed by ${vetoedBy.join(', ')} (negative vote of a permanent member; ${tally.for} affirmative votes)`,
    };
  }
  const silentPermanent = ballots.filter((b) => rules.permanent.has(b.state) && b.vote !== 'Y').length;
  return {
    adopted: true,
    ...tally,
    vetoedBy: [],
    reason:
      `adopted: ${tally.for} affirmative votes (${rules.required} needed), no negative vote of a permanent member` +
      (silentPermanent > 0 ? ' (an abstention or absence of a permanent member is not a veto)' : ''),
  };
}

export interface DecideInput {
  date: string;
  votes: readonly Ballot[];
  procedural?: boolean;
  parties?: readonly string[];
}

/**
 * The outcome of a vote of the Council as composed on `date`: every member must have exactly one ballot
 * (X for absent or not participating) and no one else may have one.
 */
export function decide(input: DecideInput): Outcome {
  try {
    checkDate(input.date, 'date');
  } catch (e) {
    throw new Article27Error((e as Error).message, 'invalid_date');
  }
  let members: string[];
  try {
    members = membersOn(input.date);
  } catch (e) {
    throw new Article27Error((e as Error).message, 'invalid_date');
  }
  const memberSet = new Set(members);
  const seen = new Set<string>();
  for (const b of input.votes) {
    if (!VOTES.includes(b.vote)) {
      throw new Article27Error(
        `vote of ${b.state}: "${String(b.vote)}" is not one of Y, N, A, X`,
        'unknown_vote',
      );
    }
    if (seen.has(b.state)) throw new Article27Error(`${b.state} has more than one vote`, 'duplicate');
    seen.add(b.state);
    if (!memberSet.has(b.state)) {
      throw new Article27Error(
        `${b.state} is not a member of the Security Council on ${input.date} (members: ${members.join(', ')})`,
        'not_member',
      );
    }
  }
  const missing = members.filter((m) => !seen.has(m));
  if (missing.length > 0) {
    throw new Article27Error(
      `no vote given for ${missing.join(', ')} (a member on ${input.date}; use X for absent or not participating)`,
      'missing_member',
    );
  }
  for (const p of input.parties ?? []) {
    if (!memberSet.has(p)) {
      throw new Article27Error(
        `party ${p} is not a member of the Security Council on ${input.date}`,
        'not_member',
      );
    }
  }
  return outcomeOf(input.votes, {
    required: requiredMajority(input.date),
    permanent: new Set(permanentOn(input.date)),
    procedural: input.procedural ?? false,
    parties: input.parties ?? [],
  });
}

/** "BEL=Y,CHN=N,..." → ballots; codes are upper-cased, anything else malformed is an error naming the item. */
export function parseVoteList(text: string): Ballot[] {
  const items = text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  return items.map((item) => {
    const m = /^([A-Za-z]{3})\s*=\s*([A-Za-z])$/.exec(item);
    if (!m) {
      throw new Article27Error(
        `vote "${item}": expected ISO3=VOTE such as BEL=Y (votes Y, N, A, X)`,
        'unknown_vote',
      );
    }
    const vote = m[2]!.toUpperCase();
    if (!VOTES.includes(vote as Vote)) {
      throw new Article27Error(`vote "${item}": "${m[2]}" is not one of Y, N, A, X`, 'unknown_vote');
    }
    return { state: m[1]!.toUpperCase(), vote: vote as Vote };
  });
}

/**
 * The permanent member a name in veto lists refers to. The USSR (SUN) held its seat to 23 December 1991
 * and is recorded as itself (the Russian Federation continues the seat, not the USSR's votes). China's
 * seat keeps one key (CHN) whoever held it: the Republic of China until 25 October 1971 (names shown for
 * the date: seatHolderName in states.ts).
 */
export function permanentSeat(name: string): string | undefined {
  const key = name
    .toLowerCase()
    .replace(/[^a-z ]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const seats: Record<string, string> = {
    china: 'CHN',
    'people s republic of china': 'CHN',
    'republic of china': 'CHN',
    france: 'FRA',
    russia: 'RUS',
    'russian federation': 'RUS',
    ussr: 'SUN',
    'soviet union': 'SUN',
    'union of soviet socialist republics': 'SUN',
    uk: 'GBR',
    'united kingdom': 'GBR',
    'united kingdom of great britain and northern ireland': 'GBR',
    usa: 'USA',
    us: 'USA',
    'united states': 'USA',
    'united states of america': 'USA',
  };
  return seats[key];
}
