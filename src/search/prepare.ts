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
  /** Distinct terms, for document frequencies. */
  distinct: string[];
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
  const distinct = new Set<string>();
  for (const w of words) distinct.add(w.term);
  for (const e of extra) distinct.add(e.term);
  return {
    input,
    words: words.map((w) => w.term).join(' '),
    extra: extra.map((e) => e.term).join(' '),
    length: words.length + extra.length,
    states: states.size > 0 ? ` ${[...states].sort().join(' ')} ` : ' ',
    distinct: [...distinct],
    tsv: dialect === 'postgres' ? tsvectorLiteral(words, extra) : undefined,
  };
}
