/**
 * Vote tallies: "15-0-0", "以15票赞成", "11票赞成,0票反对,4票弃权", "以十三票赞成、两票弃权",
 * "by 13 votes in favour, 2 against", "13 in favour to 2 against, with no abstentions". A tally
 * that adds up to more than the Council's 15 members is not a vote.
 */
import { allMatches } from '../../lib/matches.ts';
import { NUMBER_SOURCE, readNumber } from './numbers.ts';
import { foldText, type Lang } from './text.ts';

export interface Vote {
  for: number;
  against: number;
  abstaining: number;
}

export interface VoteMention extends Vote {
  start: number;
  end: number;
  text: string;
}

const COUNCIL_SIZE = 15;
const N = `(${NUMBER_SOURCE})`;
const DASHED = /(?<![\d/.-])(\d{1,2})\s*[-–]\s*(\d{1,2})\s*[-–]\s*(\d{1,2})(?![\d/-])/g;
const ZH = new RegExp(
  `(?:以\\s*)?${N}\\s*票\\s*赞成(?:\\s*[、,，]?\\s*${N}\\s*票\\s*反对)?(?:\\s*[、,，]?\\s*${N}\\s*票\\s*弃权)?`,
  'g',
);
const EN = new RegExp(
  String.raw`\b${N}\s+(?:votes?\s+)?in\s+favour(?:\s*(?:,|to)\s*${N}\s+(?:votes?\s+)?against)?(?:\s*,?\s*(?:and|with)?\s*${N}\s+abstentions?)?`,
  'gi',
);

export function scanVoteMentions(text: string, lang: Lang, alreadyFolded = false): VoteMention[] {
  const folded = alreadyFolded ? text : foldText(text, lang);
  const out: VoteMention[] = [];
  const add = (start: number, end: number, f?: number, a?: number, s?: number) => {
    if (f === undefined || a === undefined || s === undefined) return;
    if (f + a + s > COUNCIL_SIZE) return;
    if (out.some((v) => start < v.end && v.start < end)) return;
    out.push({ for: f, against: a, abstaining: s, start, end, text: text.slice(start, end) });
  };
  for (const m of allMatches(DASHED, folded)) {
    add(m.index, m.index + m[0].length, Number(m[1]), Number(m[2]), Number(m[3]));
  }
  const words = lang === 'zh' ? ZH : EN;
  for (const m of allMatches(words, folded)) {
    // An omitted count is zero: "以13票赞成、2票弃权" has no vote against.
    add(
      m.index,
      m.index + m[0].length,
      readNumber(m[1]!),
      m[2] === undefined ? 0 : readNumber(m[2]),
      m[3] === undefined ? 0 : readNumber(m[3]),
    );
  }
  return out.sort((a, b) => a.start - b.start);
}

export function scanVotes(text: string, lang: Lang): Vote[] {
  const seen = new Set<string>();
  const out: Vote[] = [];
  for (const v of scanVoteMentions(text, lang)) {
    const key = `${v.for}-${v.against}-${v.abstaining}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ for: v.for, against: v.against, abstaining: v.abstaining });
  }
  return out;
}
