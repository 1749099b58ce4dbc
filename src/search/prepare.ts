/**
 * A document → what the index stores: its terms (tokenise.ts), length, states and, for PostgreSQL, the
 * tsvector literal. Pure and synchronous, so it runs on worker threads too (prepare-pool.ts).
 */
import type { Dialect } from '../store/db.ts';
import type { DocInput } from './documents.ts';
import { tokenise, type Token } from './tokenise.ts';

/** A document ready to store: plain data, so it can be prepared on a worker thread (prepare-pool.ts). */
export interface IndexedDoc {
  input: DocInput;
  words: string;
  extra: string;
  length: number;
  states: string;
  /** Distinct terms, for document frequencies and impact lists. */
  distinct: string[];
  /** Occurrences of each distinct term (words and extra terms together), in the order of `distinct`. */
  tf: number[];
  /** PostgreSQL tsvector literal (only when preparing for PostgreSQL). */
  tsv?: string;
}

// PostgreSQL keeps positions 1..16383 and at most 256 positions per lexeme.
const PG_MAX_POS = 16383;
const PG_MAX_POSITIONS = 256;

/** Surface words get weight A, other terms D, so a query can ask for a word as written (tsquery 'x':A). */
function tsvectorLiteral(words: Token[], extra: Token[]): string {
  const positions = new Map<string, string[]>();
  const add = (t: Token, weight: string) => {
    const list = positions.get(t.term);
    const pos = `${Math.min(t.pos + 1, PG_MAX_POS)}${weight}`;
    if (!list) positions.set(t.term, [pos]);
    else if (list.length < PG_MAX_POSITIONS && !list.includes(pos)) list.push(pos);
  };
  for (const t of words) add(t, 'A');
  for (const t of extra) add(t, '');
  const parts: string[] = [];
  for (const [term, list] of positions) {
    parts.push(`'${term.replace(/\\/g, '\\\\').replace(/'/g, "''")}':${list.join(',')}`);
  }
  return parts.join(' ');
}

export function prepareDoc(input: DocInput, dialect: Dialect): IndexedDoc {
  const t = tokenise(input.body);
  const extra = [...t.extra];
  // Terms the record states outright count once, whether or not the text also names them.
  const named = new Set(extra.map((e) => e.term));
  for (const term of new Set(input.terms ?? []))
    if (!named.has(term)) extra.push({ term, start: 0, end: 0, pos: 0 });
  const words = t.words;
  const states = new Set(input.states);
  for (const e of extra) if (e.term.startsWith('state:')) states.add(e.term.slice(6).toUpperCase());
  const wordText = words.map((w) => w.term).join(' ');
  const extraText = extra.map((e) => e.term).join(' ');
  const { terms, tf } = termFrequencies(wordText, extraText);
  return {
    input,
    words: wordText,
    extra: extraText,
    length: words.length + extra.length,
    states: states.size > 0 ? ` ${[...states].sort().join(' ')} ` : ' ',
    distinct: terms,
    tf,
    tsv: dialect === 'postgres' ? tsvectorLiteral(words, extra) : undefined,
  };
}

/** The distinct terms of a unit with their frequencies (words and extra terms together), from its streams. */
export function termFrequencies(words: string, extra: string): { terms: string[]; tf: number[] } {
  const tf = new Map<string, number>();
  for (const stream of [words, extra]) {
    for (const t of stream.split(' ')) if (t !== '') tf.set(t, (tf.get(t) ?? 0) + 1);
  }
  return { terms: [...tf.keys()], tf: [...tf.values()] };
}
