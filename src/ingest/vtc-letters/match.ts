/**
 * Which meeting of the record a letter records (stage 3). Reads: a letter (symbol, date, topic) and the
 * meetings already in the record around its dates (UN Library table, Repertoire sections, verbatim
 * records). Writes: the meeting it is, by the letter's symbol (the UN Library's table keys a videoconference
 * by its record letter), else by date and topic: the one meeting of that date whose topic shares a word
 * that names something ("Libya", "MINUSMA"). None, or more than one, is no match: the letter's
 * videoconference becomes a record of its own, and the report says so. Never a guess.
 */
import { nameKey } from '../../domain/states.ts';
import type { VtcLetter } from './parse.ts';

export interface MeetingCandidate {
  id: string;
  date: string;
  format: string;
  record_symbol: string | null;
  /** Topic, titles and agenda item title, whatever the record holds. */
  words: string;
}

export type LetterMatch =
  | { by: 'symbol' | 'date_topic'; meeting: MeetingCandidate }
  | { by: 'none' }
  | { by: 'ambiguous'; candidates: string[] };

// Words every topic of the period shares, which say nothing about which meeting it was.
const COMMON = new Set(
  (
    'the of and in on for to a an by its situation united nations security council reports report ' +
    'secretary general including question maintenance international peace meeting briefing'
  ).split(' '),
);

export function topicWords(text: string): Set<string> {
  return new Set(
    nameKey(text, 'en')
      .split(/[^\p{L}\p{N}]+/u)
      .filter((w) => w.length >= 3 && !COMMON.has(w)),
  );
}

export function matchLetter(
  letter: VtcLetter,
  byId: Map<string, MeetingCandidate>,
  byDate: Map<string, MeetingCandidate[]>,
  /** Meetings another letter of the file names by symbol: never matched by date to this one. */
  claimed: Set<string>,
): LetterMatch {
  const own = byId.get(letter.symbol);
  if (own) return { by: 'symbol', meeting: own };
  if (!letter.topic) return { by: 'none' };
  const want = topicWords(letter.topic);
  const hits = (byDate.get(letter.date) ?? []).filter(
    (m) => !claimed.has(m.id) && [...topicWords(m.words)].some((w) => want.has(w)),
  );
  if (hits.length === 1) return { by: 'date_topic', meeting: hits[0]! };
  if (hits.length > 1) return { by: 'ambiguous', candidates: hits.map((h) => h.id) };
  return { by: 'none' };
}
