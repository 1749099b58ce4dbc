/**
 * A user's query → terms, through the same tokeniser as the documents, then → an FTS5 MATCH expression
 * or a PostgreSQL tsquery. Nothing the user types reaches either query language unquoted: every term is
 * a quoted string built from tokeniser output, so quotes, brackets, operators, regex or SQL characters
 * in the query are only ever text.
 */
import { tokenise, type Token } from './tokenise.ts';

/** A query longer than this is refused with a 400: no real search is that long. */
export const MAX_QUERY_CHARS = 1000;
/** At most this many terms are used (the rest are reported as ignored): bounds the work of one query. */
export const MAX_TERMS = 16;
/** At most this many words in one phrase. */
export const MAX_PHRASE_WORDS = 24;

export class QueryError extends Error {
  constructor(
    message: string,
    readonly code: 'empty_query' | 'query_too_long' | 'invalid_filter',
  ) {
    super(message);
    this.name = 'QueryError';
  }
}

/** One condition of the query: any of its alternatives (each a word sequence, matched as a phrase). */
export interface QueryTerm {
  alternatives: string[][];
  /** What the user wrote for it. */
  text: string;
  /** A Chinese run cut into several words, matched as a phrase until the query is relaxed. */
  splittable: boolean;
  quoted: boolean;
  /**
   * The word alternatives match surface words only, not jieba's sub-words: set for names, so 印度 (India)
   * does not find 印度尼西亚 (Indonesia), whose sub-words include 印度.
   */
  wordsOnly?: boolean;
}

export interface ParsedQuery {
  terms: QueryTerm[];
  /** Terms beyond MAX_TERMS that were left out. */
  ignored: string[];
}

// Control and format characters (NUL, bidi overrides, zero-width joiners) are never part of a search.
const CONTROL = /[\p{Cc}\p{Cf}]/gu;
const QUOTES = /["“”„«»「」『』＂]/g;

export function cleanQuery(raw: string): string {
  return raw.replace(CONTROL, ' ').replace(/\s+/g, ' ').trim();
}

export function parseQuery(raw: string): ParsedQuery {
  if (raw.length > MAX_QUERY_CHARS * 4) {
    throw new QueryError(
      `the query is ${raw.length} characters long; at most ${MAX_QUERY_CHARS} are allowed`,
      'query_too_long',
    );
  }
  const q = cleanQuery(raw);
  if (q.length > MAX_QUERY_CHARS) {
    throw new QueryError(
      `the query is ${q.length} characters long; at most ${MAX_QUERY_CHARS} are allowed`,
      'query_too_long',
    );
  }
  // Quotes pair up left to right; an unpaired last quote is just dropped.
  const pieces = q.split(QUOTES);
  const terms: QueryTerm[] = [];
  pieces.forEach((piece, i) => {
    const quoted = i % 2 === 1 && i < pieces.length - 1;
    if (quoted) {
      const words = tokenise(piece, { entities: false }).words.slice(0, MAX_PHRASE_WORDS);
      if (words.length > 0) {
        terms.push({
          alternatives: [words.map((w) => w.term)],
          text: piece.trim(),
          splittable: false,
          quoted: true,
        });
      }
    } else terms.push(...plainTerms(piece));
  });
  if (terms.length === 0) {
    throw new QueryError(
      q === ''
        ? 'the query is empty: give some words, a phrase in quotes or a symbol such as S/2020/514'
        : `the query "${q.slice(0, 80)}" has no words to search for (only punctuation or symbols)`,
      'empty_query',
    );
  }
  return { terms: terms.slice(0, MAX_TERMS), ignored: terms.slice(MAX_TERMS).map((t) => t.text) };
}

const HAN = /^\p{Script=Han}/u;

function plainTerms(text: string): QueryTerm[] {
  const { words, extra } = tokenise(text);
  if (words.length === 0) return [];
  // A symbol or an entity name covers words; sub-words of Chinese words (also in `extra`) are not needed:
  // a query word matches them in the documents' `extra` stream.
  const cover: { from: number; to: number; term: string; symbol: boolean }[] = [];
  for (const e of extra) {
    const symbol = e.term.includes('/');
    if (!symbol && !/^(state|mission|office):/.test(e.term)) continue;
    let to = e.pos;
    while (to < words.length && words[to]!.start < e.end) to++;
    cover.push({ from: e.pos, to: Math.max(to, e.pos + 1), term: e.term, symbol });
  }
  const out: QueryTerm[] = [];
  let run: Token[] = [];
  const flush = (): void => {
    if (run.length === 0) return;
    out.push({
      alternatives: [run.slice(0, MAX_PHRASE_WORDS).map((w) => w.term)],
      text: text.slice(run[0]!.start, run[run.length - 1]!.end),
      splittable: run.length > 1,
      quoted: false,
    });
    run = [];
  };
  for (let i = 0; i < words.length;) {
    const c = cover.filter((x) => x.from === i);
    if (c.length > 0) {
      flush();
      const to = Math.max(...c.map((x) => x.to));
      const phrase = words.slice(i, to).map((w) => w.term);
      const sym = c.find((x) => x.symbol);
      out.push({
        // A symbol is searched exactly; a name also as the words written.
        alternatives: sym ? [[sym.term]] : [...c.map((x) => [x.term]), phrase],
        text: text.slice(words[i]!.start, words[to - 1]!.end),
        splittable: false,
        quoted: false,
        wordsOnly: !sym,
      });
      i = to;
      continue;
    }
    const w = words[i]!;
    const prev = run[run.length - 1];
    // Consecutive Chinese words written without a space form one phrase; other words stand alone.
    if (HAN.test(w.term) && prev && HAN.test(prev.term) && prev.end === w.start) run.push(w);
    else {
      flush();
      if (HAN.test(w.term)) run.push(w);
      else
        out.push({
          alternatives: [[w.term]],
          text: text.slice(w.start, w.end),
          splittable: false,
          quoted: false,
        });
    }
    i++;
  }
  flush();
  return out;
}

export type Strictness = 'phrase' | 'and' | 'or';

/** The terms at a strictness: 'and' splits unquoted Chinese phrases into words; 'or' also needs any one term. */
export function relax(terms: QueryTerm[], level: Strictness): QueryTerm[] {
  if (level === 'phrase') return terms;
  return terms.flatMap((t) => {
    if (!t.splittable) return [t];
    // Single characters (和, 性) are where jieba's cut most often differs between a query and a text
    // (对性剥削 vs 性 剥削): loosened, a phrase needs only its longer words.
    const words = t.alternatives[0]!;
    const long = words.filter((w) => w.length > 1);
    return (long.length > 0 ? long : words).map((w) => ({
      alternatives: [[w]],
      text: w,
      splittable: false,
      quoted: false,
    }));
  });
}

const ENTITY = /^(state|mission|office):/;

function ftsString(words: string[], wordsOnly: boolean): string {
  const quoted = `"${words.join(' ').replace(/"/g, '""')}"`;
  return wordsOnly && !ENTITY.test(words[0]!) ? `words : ${quoted}` : quoted;
}

/** An FTS5 MATCH expression. */
export function toFts5(terms: QueryTerm[], level: Strictness): string {
  const parts = relax(terms, level).map((t) => {
    const alts = t.alternatives.map((a) => ftsString(a, t.wordsOnly === true));
    return alts.length === 1 ? alts[0]! : `(${alts.join(' OR ')})`;
  });
  return parts.join(level === 'or' ? ' OR ' : ' AND ');
}

/** A lexeme; `:A` restricts it to surface words (the index gives words weight A, other terms D). */
function tsLexeme(word: string, wordsOnly = false): string {
  const lexeme = `'${word.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
  return wordsOnly && !ENTITY.test(word) ? `${lexeme}:A` : lexeme;
}

/** A PostgreSQL tsquery literal (cast with ::tsquery, so no parser or dictionary touches the terms). */
export function toTsquery(terms: QueryTerm[], level: Strictness): string {
  const parts = relax(terms, level).map((t) => {
    const only = t.wordsOnly === true;
    const alts = t.alternatives.map((a) =>
      a.length === 1 ? tsLexeme(a[0]!, only) : `(${a.map((w) => tsLexeme(w, only)).join(' <-> ')})`,
    );
    return alts.length === 1 ? alts[0]! : `(${alts.join(' | ')})`;
  });
  return parts.join(level === 'or' ? ' | ' : ' & ');
}
