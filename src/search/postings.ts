/**
 * Impact lists: for each term, the units where it weighs most (its BM25 impact, bm25.ts), kept on write
 * in search_posting, with a floor in search_term: every unit holding the term but not on its list weighs
 * at most `floor` for it (0: the list is complete, every unit holding the term is on it). A query reads
 * the lists of its words, ranks the units on them exactly, and knows the best score any other unit could
 * reach; when its page already beats that, the ranking is exact without reading anything else
 * (search.ts). Lists stay short: past PRUNE_AT entries a list is cut back to its LIST_KEEP heaviest
 * (units tied at the cut stay), and the floor rises to the heaviest unit cut.
 */
import { CompiledQuery, sql } from 'kysely';
import { impact } from './bm25.ts';
import { dialectOf, type Db } from './indexer.ts';

/** Units kept on a term's list after a cut: more than a page, with room for filters and conjunctions. */
export const LIST_KEEP = 200;
/** A list is cut when it grows past this. */
const PRUNE_AT = 2 * LIST_KEEP;
/** Lists whose units tie at the cut may grow to this before the tied units go too. */
const TIED_MAX = 4 * LIST_KEEP;
const ROWS_PER_INSERT = 500;
const TERMS_PER_SELECT = 500;

/** A written unit: its row number, length and distinct terms with their frequencies. */
export interface PostingDoc {
  n: number;
  length: number;
  terms: string[];
  tf: number[];
}

/** Per term: change of its list's size and its new floor (merged into search_term with the counts). */
export type ListChanges = Map<string, { kept: number; floor: number }>;

function change(changes: ListChanges, term: string): { kept: number; floor: number } {
  let c = changes.get(term);
  if (!c) changes.set(term, (c = { kept: 0, floor: 0 }));
  return c;
}

/** Current floors and list sizes of the terms (a term not yet in search_term has neither). */
async function readLists(db: Db, terms: string[]): Promise<Map<string, { floor: number; kept: number }>> {
  const out = new Map<string, { floor: number; kept: number }>();
  for (let i = 0; i < terms.length; i += TERMS_PER_SELECT) {
    const rows = await db
      .selectFrom('search_term')
      .select(['term', 'floor', 'kept'])
      .where('term', 'in', terms.slice(i, i + TERMS_PER_SELECT))
      .execute();
    for (const r of rows) out.set(r.term, { floor: Number(r.floor), kept: Number(r.kept) });
  }
  return out;
}

/** Puts the units on the lists of their terms where they weigh more than the floor; cuts lists grown long. */
export async function addPostings(db: Db, docs: PostingDoc[], avgdl: number): Promise<ListChanges> {
  const changes: ListChanges = new Map();
  if (docs.length === 0) return changes;
  const all = new Set<string>();
  for (const d of docs) for (const t of d.terms) all.add(t);
  const current = await readLists(db, [...all]);
  const rows: unknown[] = [];
  for (const d of docs) {
    for (let i = 0; i < d.terms.length; i++) {
      const term = d.terms[i]!;
      const s = impact(d.tf[i]!, d.length, avgdl);
      if (s <= (current.get(term)?.floor ?? 0)) continue;
      rows.push(term, s, d.n);
      change(changes, term).kept++;
    }
  }
  const pg = dialectOf(db) === 'postgres';
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT * 3) {
    const chunk = rows.slice(i, i + ROWS_PER_INSERT * 3);
    const marks = Array.from({ length: chunk.length / 3 }, (_, j) =>
      pg ? `($${3 * j + 1}, $${3 * j + 2}::double precision, $${3 * j + 3}::bigint)` : '(?, ?, ?)',
    );
    await db.executeQuery(
      CompiledQuery.raw(`insert into search_posting (term, impact, n) values ${marks.join(', ')}`, chunk),
    );
  }
  for (const [term, c] of changes) {
    const size = (current.get(term)?.kept ?? 0) + c.kept;
    if (size > PRUNE_AT) {
      const cut = await prune(db, term, size);
      c.kept -= cut.removed;
      c.floor = Math.max(c.floor, cut.floor);
    }
  }
  return changes;
}

/** Cuts a term's list back to its LIST_KEEP heaviest units (and those tied with the last). */
async function prune(db: Db, term: string, size: number): Promise<{ removed: number; floor: number }> {
  const at = await sql<{ impact: number }>`
    select impact from search_posting where term = ${term}
    order by impact desc limit 1 offset ${LIST_KEEP - 1}`.execute(db);
  const cutoff = Number(at.rows[0]?.impact ?? 0);
  let below = await sql<{ m: number | null; c: number }>`
    select max(impact) as m, count(*) as c from search_posting where term = ${term} and impact < ${cutoff}`.execute(
    db,
  );
  let strict = true;
  if (Number(below.rows[0]!.c) === 0) {
    // Everything past the cut ties with it: keep the ties unless the list has grown too long with them.
    if (size <= TIED_MAX) return { removed: 0, floor: 0 };
    strict = false;
    below = await sql<{ m: number | null; c: number }>`
      select max(impact) as m, count(*) as c from search_posting where term = ${term} and impact <= ${cutoff}`.execute(
      db,
    );
  }
  await (
    strict
      ? sql`delete from search_posting where term = ${term} and impact < ${cutoff}`
      : sql`delete from search_posting where term = ${term} and impact <= ${cutoff}`
  ).execute(db);
  return { removed: Number(below.rows[0]!.c), floor: Number(below.rows[0]!.m ?? 0) };
}

/** Takes removed units off the lists (their terms' floors stay: still true bounds for the others). */
export async function removePostings(db: Db, ns: number[]): Promise<ListChanges> {
  const changes: ListChanges = new Map();
  if (ns.length === 0) return changes;
  const r = await sql<{
    term: string;
  }>`delete from search_posting where n in (${sql.join(ns)}) returning term`.execute(db);
  for (const { term } of r.rows) change(changes, term).kept--;
  return changes;
}
