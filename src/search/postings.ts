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
import { chunks } from '../lib/chunks.ts';
import { impact } from './bm25.ts';
import { addToBlocks, removeFromBlocks, type Posting, type PostingArray } from './blocks.ts';
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
  for (const chunk of chunks(terms, TERMS_PER_SELECT)) {
    const lists = db.selectFrom('search_term').select(['term', 'floor', 'kept']).where('term', 'in', chunk);
    for (const r of await lists.execute()) out.set(r.term, { floor: Number(r.floor), kept: Number(r.kept) });
  }
  return out;
}

/**
 * Puts the units on the lists of their terms where they weigh more than the floor. A list that would grow
 * past PRUNE_AT is cut in memory first, so units that would be cut at once are never written.
 */
export async function addPostings(db: Db, docs: PostingDoc[], avgdl: number): Promise<ListChanges> {
  const changes: ListChanges = new Map();
  if (docs.length === 0) return changes;
  const all = new Set<string>();
  for (const d of docs) for (const t of d.terms) all.add(t);
  const current = await readLists(db, [...all]);
  const added = new Map<string, Posting[]>();
  // A term whose list is cut keeps every unit in its blocks (blocks.ts).
  const blocks = new Map<string, Posting[]>();
  for (const d of docs) {
    for (let i = 0; i < d.terms.length; i++) {
      const term = d.terms[i]!;
      const s = impact(d.tf[i]!, d.length, avgdl);
      const floor = current.get(term)?.floor ?? 0;
      if (floor > 0) {
        let all = blocks.get(term);
        if (!all) blocks.set(term, (all = []));
        all.push({ n: d.n, s });
      }
      if (s <= floor) continue;
      let list = added.get(term);
      if (!list) added.set(term, (list = []));
      list.push({ n: d.n, s });
    }
  }
  const long = [...added].filter(([term, list]) => (current.get(term)?.kept ?? 0) + list.length > PRUNE_AT);
  const stored = await storedImpacts(
    db,
    long.filter(([term]) => (current.get(term)?.kept ?? 0) > 0).map(([term]) => term),
  );
  for (const [term, list] of long) {
    const old = stored.get(term) ?? [];
    const cut = cutAt([...old.map((x) => x.s), ...list.map((x) => x.s)]);
    if (!cut) continue;
    // Cut for the first time: the complete list moves to the blocks.
    if ((current.get(term)?.floor ?? 0) === 0) blocks.set(term, [...old, ...list]);
    const keep = (s: number) => (cut.strict ? s >= cut.at : s > cut.at);
    added.set(
      term,
      list.filter((x) => keep(x.s)),
    );
    const dropped = old.filter((x) => !keep(x.s)).length;
    if (dropped > 0) {
      await (
        cut.strict
          ? sql`delete from search_posting where term = ${term} and impact < ${cut.at}`
          : sql`delete from search_posting where term = ${term} and impact <= ${cut.at}`
      ).execute(db);
    }
    const c = change(changes, term);
    c.kept -= dropped;
    c.floor = cut.floor;
  }
  const rows: unknown[] = [];
  for (const [term, list] of added) {
    for (const x of list) rows.push(term, x.s, x.n);
    if (list.length > 0) change(changes, term).kept += list.length;
  }
  const pg = dialectOf(db) === 'postgres';
  for (const chunk of chunks(rows, ROWS_PER_INSERT * 3)) {
    const marks = Array.from({ length: chunk.length / 3 }, (_, j) =>
      pg ? `($${3 * j + 1}, $${3 * j + 2}::double precision, $${3 * j + 3}::bigint)` : '(?, ?, ?)',
    );
    await db.executeQuery(
      CompiledQuery.raw(`insert into search_posting (term, impact, n) values ${marks.join(', ')}`, chunk),
    );
  }
  await addToBlocks(db, blocks);
  return changes;
}

/** The units and weights on the stored lists of the terms. */
async function storedImpacts(db: Db, terms: string[]): Promise<Map<string, Posting[]>> {
  const out = new Map<string, Posting[]>();
  for (const chunk of chunks(terms, TERMS_PER_SELECT)) {
    const postings = db
      .selectFrom('search_posting')
      .select(['term', 'n', 'impact'])
      .where('term', 'in', chunk);
    for (const r of await postings.execute()) {
      let list = out.get(r.term);
      if (!list) out.set(r.term, (list = []));
      list.push({ n: Number(r.n), s: Number(r.impact) });
    }
  }
  return out;
}

/**
 * Where to cut a list of these weights: below its LIST_KEEP-th heaviest (`strict`: the units tied with it
 * stay), or, when those ties alone exceed TIED_MAX, at it; `floor` is the heaviest weight cut. Undefined
 * when nothing is cut (everything past LIST_KEEP ties with it, and the ties are few enough).
 */
function cutAt(weights: number[]): { at: number; strict: boolean; floor: number } | undefined {
  const sorted = weights.sort((a, b) => b - a);
  const at = sorted[LIST_KEEP - 1]!;
  const below = sorted.find((s) => s < at);
  if (below !== undefined) return { at, strict: true, floor: below };
  if (sorted.length <= TIED_MAX) return undefined;
  return { at, strict: false, floor: at };
}

/**
 * Takes removed units off the lists and out of the blocks (their terms' floors stay: still true bounds
 * for the others).
 */
export async function removePostings(
  db: Db,
  units: { n: number; terms: Iterable<string> }[],
): Promise<ListChanges> {
  const changes: ListChanges = new Map();
  if (units.length === 0) return changes;
  const ns = units.map((u) => u.n);
  await removeFromBlocks(db, units);
  const r = await sql<{
    term: string;
  }>`delete from search_posting where n in (${sql.join(ns)}) returning term`.execute(db);
  for (const { term } of r.rows) change(changes, term).kept--;
  return changes;
}

/**
 * The stored lists of the terms (a query's words), each term's units and weights in one row of two
 * comma-joined columns rather than a row per unit: a list is up to PRUNE_AT units, and building a row object
 * per unit was the costliest part of reading them (2.2× the CPU of this on SQLite, 20 common-word pairs of
 * ~770 postings). Both columns are aggregated over the same rows in the same pass, so they stay aligned;
 * units come in the order the backend reads them (on SQLite the primary key's, by unit). Weights come back
 * as text in the shortest form that reads back as the same double (SQLite ≥ 3.53 as better-sqlite3 bundles
 * it; PostgreSQL with extra_float_digits ≥ 1, its default, as the pg driver reads any float8), so they are
 * exact. A term without a list is absent.
 */
export async function readListsOf(db: Db, terms: string[]): Promise<Map<string, PostingArray>> {
  const out = new Map<string, PostingArray>();
  if (terms.length === 0) return out;
  const joined = (column: string) =>
    dialectOf(db) === 'postgres'
      ? sql`string_agg(${sql.ref(column)}::text, ',')`
      : sql`group_concat(${sql.ref(column)}, ',')`;
  const r = await sql<{ term: string; ns: string; ws: string }>`
    select term, ${joined('n')} as ns, ${joined('impact')} as ws from search_posting
    where term in (${sql.join(terms)}) group by term`.execute(db);
  // As JSON arrays: V8 parses those 2–4× faster than split and Number, to the same doubles.
  for (const row of r.rows) {
    out.set(row.term, {
      ns: new Float64Array(JSON.parse(`[${row.ns}]`) as number[]),
      ws: new Float64Array(JSON.parse(`[${row.ws}]`) as number[]),
    });
  }
  return out;
}
