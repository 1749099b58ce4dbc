/**
 * The one tokeniser of the search index: documents and queries, Chinese and English, SQLite and
 * PostgreSQL all go through it, so both backends index and look up exactly the same terms.
 *
 * A text becomes two streams:
 * - `words`: its surface words in order (positions matter: phrase queries match on them). Chinese runs are
 *   cut by jieba (precise mode) after traditional→simplified; other runs are split on letters/digits,
 *   lower-cased, stripped of diacritics and stemmed (Porter).
 * - `extra`: index terms that are not surface words, each carrying the position of the word where it
 *   begins: jieba's search-mode sub-words (维和 inside a longer word), whole UN symbols
 *   ("s/res/2518(2020)", "s/2020/514") and the entities named in the text (state:chn, mission:minusma,
 *   office:usg-peace-operations), so "China" finds 中国 and "S/RES/2518 (2020)" finds 第 2518(2020)号决议.
 *
 * Terms only ever hold letters, decimal digits and the characters in TERM_PUNCTUATION, which the SQLite
 * FTS5 tokenizer is told to keep inside tokens; no term contains a space or a quote.
 */
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import { stemmer } from 'stemmer';
import { hasHan, normaliseWidth, toSimplifiedSameLength } from '../domain/chinese.ts';
import { scanResolutionRefs, scanSymbols } from '../domain/symbols.ts';
import { EntityMatcher, referenceNames, type NameEntry } from './entities.ts';
import { memoised } from '../lib/memo.ts';

/** Characters (besides letters and digits) that may appear inside a term: symbols and entity prefixes. */
export const TERM_PUNCTUATION = '/.()-:';

export interface Token {
  term: string;
  /** Offsets into the original text (UTF-16 units), for snippets. */
  start: number;
  end: number;
  /** Index in the words stream (for `extra` terms: the word where the term begins). */
  pos: number;
}

export interface Tokenised {
  words: Token[];
  extra: Token[];
}

export interface TokeniseOptions {
  /** Add symbol and entity terms to `extra` (default true); 'symbols' or 'names' adds only those. */
  entities?: boolean | 'symbols' | 'names';
  /** Add jieba's search-mode sub-words to `extra` (default true). */
  subWords?: boolean;
  /**
   * Cut only the Han runs this accepts; any other becomes one word with an empty term, which equals no
   * term. For snippets, which look only for the query's words in a text: cutting is most of their cost.
   * Only without names among `entities` (a name's words could lie in a run not cut); ignored otherwise.
   */
  hanRuns?: (run: string) => boolean;
}

let jieba: Jieba | undefined;
function segmenter(): Jieba {
  jieba ??= Jieba.withDict(dict);
  return jieba;
}

// A Han run, or a run of other letters and decimal digits (superscript footnote markers are not \p{Nd}).
const RUN = /(\p{Script=Han}+)|((?:(?!\p{Script=Han})[\p{L}\p{Nd}])+)/gu;
const ASCII_LETTERS = /^[a-z]+$/;
const MARKS = /\p{M}/gu;
const MAX_TERM_LENGTH = 64;

/** Folds text for matching without changing its length, so offsets into the result are offsets into the input. */
export function foldSameLength(text: string): string {
  const w = normaliseWidth(text);
  return hasHan(w) ? toSimplifiedSameLength(w) : w;
}

/** A non-Han word as a term: lower case, no diacritics, English words stemmed. */
export function latinTerm(word: string): string {
  return word.length > MAX_TERM_LENGTH ? latinTermOf(word) : latinTermOfWord(word);
}

// Words as written are kept too: the same few thousand recur in every text, and folding and stemming
// each again was a twentieth of an uncached search's CPU (snippets tokenise their hits' text).
const latinTermOfWord = memoised(200_000, (word) => latinTermOf(word));

function latinTermOf(word: string): string {
  let t = word.toLowerCase();
  if (!/^\p{ASCII}*$/u.test(t)) t = t.normalize('NFKD').replace(MARKS, '').normalize('NFC');
  // A very long run (a pasted hash, a run of one letter) is cut: PostgreSQL refuses lexemes over 2 kB.
  if (t.length > MAX_TERM_LENGTH) t = t.slice(0, MAX_TERM_LENGTH);
  if (!ASCII_LETTERS.test(t) || t.length <= 2) return t;
  return stem(t);
}

// English vocabulary is small: stems are kept.
const stem = memoised(100_000, (word) => stemmer(word));

/** The index term of a UN symbol: its canonical form, lower case, without spaces. */
export function symbolTerm(canonical: string): string {
  return canonical.toLowerCase().replace(/\s+/g, '');
}

export function entityTerm(kind: 'state' | 'mission' | 'office', key: string): string {
  return `${kind}:${key.toLowerCase().replace(/[^\p{L}\p{Nd}-]+/gu, '-')}`;
}

export function tokenise(text: string, options: TokeniseOptions = {}): Tokenised {
  const folded = foldSameLength(text);
  const words: Token[] = [];
  const extra: Token[] = [];
  const entities = options.entities ?? true;
  const cut = entities === false || entities === 'symbols' ? options.hanRuns : undefined;
  for (const m of folded.matchAll(RUN)) {
    const at = m.index;
    if (m[1] !== undefined) {
      if (cut && !cut(m[1])) words.push({ term: '', start: at, end: at + m[1].length, pos: words.length });
      else cutHan(m[1], at, words, options.subWords === false ? null : extra);
    } else words.push({ term: latinTerm(m[0]), start: at, end: at + m[0].length, pos: words.length });
  }
  if (entities !== false) addEntities(text, folded, words, extra, entities);
  return { words, extra };
}

// Search-mode sub-words of a word (维和 and 人员 inside 维和人员), kept: a vocabulary is small.
const subWords = memoised(200_000, (word) =>
  segmenter()
    .cutForSearch(word, true)
    .filter((p) => p !== word && p.length > 1),
);

function cutHan(run: string, at: number, words: Token[], extra: Token[] | null): void {
  let offset = 0;
  for (const word of segmenter().cut(run, true)) {
    const pos = words.length;
    const start = at + offset;
    words.push({ term: word, start, end: start + word.length, pos });
    if (extra && word.length > 2) {
      for (const sub of subWords(word)) {
        const s = start + Math.max(0, word.indexOf(sub));
        extra.push({ term: sub, start: s, end: s + sub.length, pos });
      }
    }
    offset += word.length;
  }
}

/** The position of the first word that ends after `offset` (the word a span starting there belongs to). */
function wordAt(words: Token[], offset: number): number {
  let lo = 0;
  let hi = words.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (words[mid]!.end <= offset) lo = mid + 1;
    else hi = mid;
  }
  return Math.min(lo, Math.max(0, words.length - 1));
}

let matcher: EntityMatcher | undefined;
function entityMatcher(): EntityMatcher {
  if (matcher) return matcher;
  const entries: NameEntry[] = [];
  for (const { kind, key, names } of referenceNames()) {
    for (const name of names) {
      if (!name.trim()) continue;
      const terms = tokenise(name, { entities: false }).words.map((w) => w.term);
      const capitalsOnly = /^[A-Z.]{2,6}$/.test(name.trim());
      entries.push({ term: entityTerm(kind, key), terms, capitalsOnly });
    }
  }
  matcher = new EntityMatcher(entries);
  return matcher;
}

function addEntities(
  text: string,
  folded: string,
  words: Token[],
  extra: Token[],
  only: true | 'symbols' | 'names',
): void {
  if (words.length === 0) return;
  const add = (term: string, start: number, end: number): void => {
    extra.push({ term, start, end, pos: wordAt(words, start) });
  };
  if (only !== 'names') {
    const seen = new Set<number>();
    for (const s of scanSymbols(folded)) {
      add(symbolTerm(s.symbol), s.start, s.end);
      seen.add(s.start);
    }
    for (const r of scanResolutionRefs(folded)) {
      if (!seen.has(r.start)) add(symbolTerm(r.symbol), r.start, r.end);
    }
  }
  if (only !== 'symbols') {
    const terms = words.map((w) => w.term);
    for (const m of entityMatcher().match(terms, (i) => text.slice(words[i]!.start, words[i]!.end))) {
      add(m.term, words[m.from]!.start, words[m.to - 1]!.end);
    }
  }
  extra.sort((a, b) => a.pos - b.pos || a.start - b.start);
}

/** The space-joined terms of a stream: what the index stores. */
export function joinTerms(tokens: Token[]): string {
  return tokens.map((t) => t.term).join(' ');
}
