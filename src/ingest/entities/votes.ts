/**
 * Vote tallies: "15-0-0", "以15票赞成", "11票赞成,0票反对,4票弃权", "以十三票赞成、两票弃权",
 * "by 13 votes in favour, 2 against", "13 in favour to 2 against, with no abstentions", the parts in any
 * order ("9 votes against … to 2 votes in favour", "12 affirmative votes, 2 negative votes and 1
 * abstention"), and the members named with each part: "4 in favour (China, …) to 7 against (Belgium, …),
 * with 4 abstentions (…)", "以4票赞成(中国、…)", or the lists of a verbatim record ("In favour: Belgium,
 * China, … Against: … Abstaining: …", "赞成：…"). A tally that adds up to more than the Council's 15
 * members is not a vote; a list that does not name as many members as its count gives no member votes.
 */
import { parseStateList } from '../../domain/states.ts';
import { allMatches } from '../../lib/matches.ts';
import { NUMBER_SOURCE, readNumber } from './numbers.ts';
import { foldText, type Lang } from './text.ts';

export type MemberVoteValue = 'Y' | 'N' | 'A';

export interface MemberVote {
  state: string;
  vote: MemberVoteValue;
}

export interface Vote {
  for: number;
  against: number;
  abstaining: number;
  /** Each member's vote, when the text names them (in the order named). */
  members?: MemberVote[];
}

export interface VoteMention extends Vote {
  start: number;
  end: number;
  text: string;
}

const COUNCIL_SIZE = 15;
const N = `(${NUMBER_SOURCE})`;
const DASHED = /(?<![\d/.-])(\d{1,2})\s*[-–]\s*(\d{1,2})\s*[-–]\s*(\d{1,2})(?![\d/-])/g;
/** The members named in brackets after a part of a tally. */
const LIST = String.raw`(?:\s*[(（]([^()（）]{2,400})[)）])?`;
// One part of a tally, with the members named in brackets: "13票赞成", "2票反对(中国、俄罗斯联邦)", "4 in
// favour (China, …)", "2 negative votes", "5 abstaining". Group 2, 3 or 4 says which kind it is.
const PART: Record<Lang, RegExp> = {
  zh: new RegExp(`${N}\\s*票\\s*(?:(赞成)|(反对)|(弃权))${LIST}`, 'g'),
  en: new RegExp(
    String.raw`\b${N}\s+(?:(in\s+favour|affirmative\s+votes?|votes?\s+in\s+favour|voting\s+in\s+favour)|(against|negative\s+votes?|votes?\s+against|voting\s+against)|(abstentions?|abstaining|votes?\s+abstaining))\b${LIST}`,
    'gi',
  ),
};
/** What may stand between two parts of one tally ("13票赞成、2票反对和2票弃权", "4 in favour … to 7 against, with"). */
const PART_GLUE: Record<Lang, RegExp> = {
  zh: /^\s*(?:[、,，;；]|和|及|以及)?\s*$/,
  en: /^\s*(?:,|;)?\s*(?:(?:to|and|with)\s+)?(?:,\s*)?$/i,
};
/** A word every tally of the language holds: texts without it are not scanned for parts. */
const FAVOUR: Record<Lang, RegExp> = { zh: /赞成/, en: /favour|affirmative/i };
// The lists of a verbatim record: "In favour:" then names, up to the next heading of the three.
const RECORD_LISTS: Record<Lang, RegExp> = {
  en: /(?:^|\n)[ \t]*In favour:\s*([^]*?)(?:\n[ \t]*Against:\s*([^]*?))?(?:\n[ \t]*Abstaining:\s*([^]*?))?(?=\n[ \t]*(?:The President|Mr\.|Ms\.|Mrs\.)|\n\s*\n|$)/g,
  zh: /(?:^|\n)[ \t]*赞成\s*[:：]\s*([^]*?)(?:\n[ \t]*反对\s*[:：]\s*([^]*?))?(?:\n[ \t]*弃权\s*[:：]\s*([^]*?))?(?=\n[ \t]*(?:主席|.{1,12}先生|.{1,12}女士)|\n\s*\n|$)/g,
};

type Kind = 0 | 1 | 2;
const VOTE_OF: MemberVoteValue[] = ['Y', 'N', 'A'];

/** The members a list names, when it names exactly `count` states and nothing else. */
function listMembers(list: string | undefined, count: number, lang: Lang): string[] | undefined {
  if (list === undefined) return undefined;
  const { states, unknown } = parseStateList(list.replace(/\s+/g, lang === 'zh' ? '' : ' '), lang);
  return unknown.length === 0 && states.length === count ? states : undefined;
}

function membersOf(lists: (string | undefined)[], counts: number[], lang: Lang): MemberVote[] | undefined {
  const members: MemberVote[] = [];
  lists.forEach((list, k) => {
    for (const state of listMembers(list, counts[k]!, lang) ?? []) members.push({ state, vote: VOTE_OF[k]! });
  });
  return members.length > 0 ? members : undefined;
}

export function scanVoteMentions(text: string, lang: Lang, alreadyFolded = false): VoteMention[] {
  const folded = alreadyFolded ? text : foldText(text, lang);
  const out: VoteMention[] = [];
  const add = (start: number, end: number, counts: (number | undefined)[], members?: MemberVote[]) => {
    const [f, a, s] = counts;
    if (f === undefined || a === undefined || s === undefined) return;
    if (f + a + s > COUNCIL_SIZE) return;
    if (out.some((v) => start < v.end && v.start < end)) return;
    const vote: VoteMention = { for: f, against: a, abstaining: s, start, end, text: text.slice(start, end) };
    if (members) vote.members = members;
    out.push(vote);
  };
  // The lists of a verbatim record first: their counts are the lists' lengths.
  const heading = lang === 'zh' ? '赞成' : 'In favour:';
  if (folded.includes(heading)) {
    for (const m of allMatches(RECORD_LISTS[lang], folded)) {
      const lists = [m[1], m[2], m[3]];
      const found = lists.map((l) => (l === undefined ? [] : readList(l, lang)));
      if (found.some((f) => f === undefined)) continue;
      const counts = found.map((f) => f!.length);
      if (counts[0] === 0 && counts[1] === 0) continue;
      const members = found.flatMap((f, k) => f!.map((state) => ({ state, vote: VOTE_OF[k]! })));
      const start = m.index + (m[0].startsWith('\n') ? 1 : 0);
      add(start, m.index + m[0].length, counts, members);
    }
  }
  for (const m of allMatches(DASHED, folded)) {
    add(m.index, m.index + m[0].length, [Number(m[1]), Number(m[2]), Number(m[3])]);
  }
  scanTallies(folded, lang, add);
  return out.sort((a, b) => a.start - b.start);
}

/** A verbatim record's list of members, or undefined when it holds something that is not a state. */
function readList(list: string, lang: Lang): string[] | undefined {
  const { states, unknown } = parseStateList(list.replace(/\s+/g, lang === 'zh' ? '' : ' ').trim(), lang);
  return unknown.length === 0 && states.length > 0 ? states : undefined;
}

/**
 * Tallies written in words: runs of parts (at most one of each kind, one of them in favour, in any order)
 * glued by "、", "和", "to", "with", ",". An omitted count is zero: "以13票赞成、2票弃权" has no vote against.
 */
function scanTallies(
  folded: string,
  lang: Lang,
  add: (start: number, end: number, counts: (number | undefined)[], members?: MemberVote[]) => void,
): void {
  if (!FAVOUR[lang].test(folded)) return;
  const parts = allMatches(PART[lang], folded).map((m) => ({
    start: m.index,
    end: m.index + m[0].length,
    kind: (m[2] ? 0 : m[3] ? 1 : 2) as Kind,
    count: readNumber(m[1]!),
    list: m[5],
  }));
  for (let i = 0; i < parts.length;) {
    const run = [parts[i]!];
    let j = i + 1;
    while (
      j < parts.length &&
      !run.some((p) => p.kind === parts[j]!.kind) &&
      PART_GLUE[lang].test(folded.slice(run.at(-1)!.end, parts[j]!.start))
    ) {
      run.push(parts[j]!);
      j++;
    }
    i = j;
    if (!run.some((p) => p.kind === 0)) continue;
    const counts: (number | undefined)[] = [0, 0, 0];
    const lists: (string | undefined)[] = [undefined, undefined, undefined];
    for (const p of run) {
      counts[p.kind] = p.count;
      lists[p.kind] = p.list;
    }
    const members = counts.every((c) => c !== undefined)
      ? membersOf(lists, counts as number[], lang)
      : undefined;
    // "以15票赞成": the tally's span takes the 以 before it, as written.
    const start = lang === 'zh' && folded[run[0]!.start - 1] === '以' ? run[0]!.start - 1 : run[0]!.start;
    add(start, run.at(-1)!.end, counts, members);
  }
}

/** Tallies in order of first appearance; the same tally twice is one, with the members either names. */
export function scanVotes(text: string, lang: Lang): Vote[] {
  const by = new Map<string, Vote>();
  for (const v of scanVoteMentions(text, lang)) {
    const key = `${v.for}-${v.against}-${v.abstaining}`;
    const cur = by.get(key);
    if (!cur) {
      const vote: Vote = { for: v.for, against: v.against, abstaining: v.abstaining };
      if (v.members) vote.members = v.members;
      by.set(key, vote);
    } else if (!cur.members && v.members) cur.members = v.members;
  }
  return [...by.values()];
}
