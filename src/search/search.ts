/**
 * Runs a query on either backend. The backend finds the matching documents and picks candidates with its
 * own ranking (FTS5 bm25(), PostgreSQL ts_rank_cd); the final order is Okapi BM25 computed here, from
 * the stored terms and the shared term statistics, so SQLite and PostgreSQL return the same results in
 * the same order whenever they hold the same documents.
 */
import { sql } from 'kysely';
import { z } from 'zod';
import { findState, getState } from '../domain/states.ts';
import type { Store } from '../store/db.ts';
import { DECISION_KINDS, MEETING_FORMATS } from '../store/queries/filters.ts';
import { DOC_KINDS } from './documents.ts';
import { dialectOf, type Db } from './indexer.ts';
import {
  parseQuery,
  QueryError,
  relax,
  toFts5,
  toTsquery,
  type QueryTerm,
  type Strictness,
} from './query.ts';
import { snippet } from './snippet.ts';

/** Search parameters as the API and the CLI take them; a bad value is a QueryError naming the field. */
export const SearchParamsSchema = z.object({
  q: z.string(),
  lang: z.enum(['zh', 'en']).optional(),
  year: z.coerce.number().int().min(1946).max(2100).optional(),
  /** An agenda item id ("2020-23") or its number ("23"). */
  item: z
    .string()
    .regex(/^(\d{4}-)?\d{1,4}$/, 'expected an agenda item number such as 23 or an id such as 2020-23')
    .optional(),
  format: z.enum(MEETING_FORMATS).optional(),
  decisionKind: z.enum(DECISION_KINDS).optional(),
  /** ISO3 code or a state's name in English or Chinese. */
  state: z.string().min(1).max(100).optional(),
  kind: z.enum(DOC_KINDS as [string, ...string[]]).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(10),
  offset: z.coerce.number().int().min(0).max(1000).default(0),
});
export type SearchParams = z.input<typeof SearchParamsSchema>;

export interface SearchHit {
  id: string;
  kind: string;
  entityId: string;
  lang: string;
  title: string;
  link: string;
  /** HTML: the text escaped, matched words in <mark>. */
  snippet: string;
  score: number;
  year: number | null;
  date: string | null;
  agendaItemId: string | null;
  format: string | null;
  decisionKind: string | null;
  states: string[];
}

export interface SearchResult {
  query: string;
  /** The terms searched, as the index holds them (phrases space-joined, alternatives joined by |). */
  terms: string[];
  /** Terms left out because the query had more than MAX_TERMS. */
  ignored: string[];
  /** How strictly the terms were matched: phrases, all words, or any word (when stricter found nothing). */
  matched: Strictness;
  /** Matching documents considered (capped at `candidates`); `more` when there were more than shown. */
  count: number;
  more: boolean;
  hits: SearchHit[];
  ms: number;
}

export function parseSearchParams(input: unknown): z.output<typeof SearchParamsSchema> {
  const r = SearchParamsSchema.safeParse(input);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    throw new QueryError(
      `invalid ${issue.path.join('.') || 'parameter'}: ${issue.message}`,
      'invalid_filter',
    );
  }
  return r.data;
}

function resolveState(state: string): string {
  const s = state.trim();
  if (/^[A-Za-z]{3}$/.test(s) && getState(s.toUpperCase())) return s.toUpperCase();
  const iso3 = findState(s);
  if (!iso3)
    throw new QueryError(
      `invalid state: "${s}" is not an ISO3 code or a state name known to the record`,
      'invalid_filter',
    );
  return iso3;
}

/** BM25 parameters (Okapi defaults). */
const K1 = 1.2;
const B = 0.75;
/** How many candidates the backend hands over for the final ranking. */
const CANDIDATES = 50;
/**
 * At most this many matches of one query are scored by the backend to choose the candidates (in index
 * order): bounds the work of a very common word in a very large index. The record's real queries match far
 * fewer; the bench reports the cost at 1M units.
 */
export const MATCH_CAP = Number(process.env.SEARCH_MATCH_CAP ?? 5_000);

/** What ranking needs of a matching unit. */
interface Candidate {
  n: number;
  id: string;
  kind: string;
  entity_id: string;
  words: string;
  extra: string;
  length: number;
}

/** What a hit shows. */
interface Shown {
  n: number;
  id: string;
  kind: string;
  entity_id: string;
  lang: string;
  year: number | null;
  date: string | null;
  agenda_item_id: string | null;
  format: string | null;
  decision_kind: string | null;
  states: string;
  link: string;
  title: string;
  body: string;
}

export async function search(store: Pick<Store, 'db'>, input: SearchParams): Promise<SearchResult> {
  const t0 = performance.now();
  const p = parseSearchParams(input);
  const parsed = parseQuery(p.q);
  const db = store.db;
  const filters = {
    ...p,
    state: p.state ? resolveState(p.state) : undefined,
  };
  const want = p.offset + p.limit;
  const limit = Math.max(CANDIDATES, want * 2);
  // Strictest first: Chinese runs as phrases, then all words anywhere; results of a looser level fill up
  // the page below the stricter ones. Any-word matching is the last resort, only when nothing else matched.
  const levels: Strictness[] = parsed.terms.some((t) => t.splittable)
    ? ['phrase', 'and', 'or']
    : ['and', 'or'];
  if (parsed.terms.length === 1 && !parsed.terms[0]!.splittable) levels.splice(1);
  const ranked: { c: Candidate; score: number }[] = [];
  const seen = new Set<string>();
  const units = new Set<string>();
  let matched: Strictness | undefined;
  let loosest: Strictness = levels[0]!;
  let more = false;
  for (const level of levels) {
    if (level === 'or' && ranked.length > 0) break;
    const rows = await candidates(db, parsed.terms, level, filters, limit + 1);
    if (rows.length > limit) more = true;
    const fresh = rows.slice(0, limit).filter((r) => !seen.has(r.id));
    for (const r of fresh) seen.add(r.id);
    if (fresh.length > 0) {
      matched ??= level;
      loosest = level;
      ranked.push(...onePerUnit(await rank(db, fresh, parsed.terms, level), units));
    }
    if (ranked.length >= want) break;
  }
  const highlight = relax(parsed.terms, loosest).flatMap((t) => t.alternatives);
  const page = ranked.slice(p.offset, want);
  const shown = await showRows(
    db,
    page.map(({ c }) => Number(c.n)),
  );
  const hits = page.map(({ c: cand, score }) => {
    const c = shown.get(Number(cand.n))!;
    return {
      id: c.id,
      kind: c.kind,
      entityId: c.entity_id,
      lang: c.lang,
      title: c.title,
      link: c.link,
      snippet: snippet(c.body, highlight, c.lang === 'zh' ? 'zh' : 'en'),
      score: Math.round(score * 1000) / 1000,
      year: c.year === null ? null : Number(c.year),
      date: c.date,
      agendaItemId: c.agenda_item_id,
      format: c.format,
      decisionKind: c.decision_kind,
      states: c.states.trim() ? c.states.trim().split(' ') : [],
    };
  });
  return {
    query: p.q,
    terms: parsed.terms.map((t) => t.alternatives.map((a) => a.join(' ')).join(' | ')),
    ignored: parsed.ignored,
    matched: matched ?? levels[levels.length - 1]!,
    count: ranked.length,
    more,
    hits,
    ms: Math.round((performance.now() - t0) * 10) / 10,
  };
}

type Filters = Omit<z.output<typeof SearchParamsSchema>, 'q' | 'limit' | 'offset'>;

function filterSql(f: Filters, alias: string) {
  const col = (c: string) => sql.ref(`${alias}.${c}`);
  const conds = [];
  if (f.lang) conds.push(sql`${col('lang')} = ${f.lang}`);
  if (f.year !== undefined) conds.push(sql`${col('year')} = ${f.year}`);
  if (f.item) {
    conds.push(
      f.item.includes('-')
        ? sql`${col('agenda_item_id')} = ${f.item}`
        : sql`${col('item_number')} = ${Number(f.item)}`,
    );
  }
  if (f.format) conds.push(sql`${col('format')} = ${f.format}`);
  if (f.decisionKind) conds.push(sql`${col('decision_kind')} = ${f.decisionKind}`);
  if (f.state) conds.push(sql`${col('states')} like ${`% ${f.state} %`}`);
  if (f.kind) conds.push(sql`${col('kind')} = ${f.kind}`);
  return conds.length > 0 ? sql` and ${sql.join(conds, sql` and `)}` : sql``;
}

async function showRows(db: Db, ns: number[]): Promise<Map<number, Shown>> {
  if (ns.length === 0) return new Map();
  const rows = await db
    .selectFrom('search_doc')
    .select([
      'n',
      'id',
      'kind',
      'entity_id',
      'lang',
      'year',
      'date',
      'agenda_item_id',
      'format',
      'decision_kind',
    ])
    .select(['states', 'link', 'title', 'body'])
    .where('n', 'in', ns)
    .execute();
  return new Map(rows.map((r) => [Number(r.n), r as Shown]));
}

async function candidates(
  db: Db,
  terms: QueryTerm[],
  level: Strictness,
  f: Filters,
  limit: number,
): Promise<Candidate[]> {
  const filters = filterSql(f, 'd');
  const joinForFilters = filters.compile(db).sql.trim() !== '';
  if (dialectOf(db) === 'sqlite') {
    const match = toFts5(terms, level);
    const r = await sql<Candidate>`
      select d.n, d.id, d.kind, d.entity_id, d.words, d.extra, d.length
      from (
        select f.rowid as rid, f.rank as r from search_fts f
        ${joinForFilters ? sql`join search_doc d on d.n = f.rowid` : sql``}
        where search_fts match ${match} ${filters}
        limit ${MATCH_CAP}
      ) m join search_doc d on d.n = m.rid
      order by m.r, d.n limit ${limit}`.execute(db);
    return r.rows;
  }
  const q = toTsquery(terms, level);
  const r = await sql<Candidate>`
    select d.n, d.id, d.kind, d.entity_id, d.words, d.extra, d.length
    from (
      select d.n, ts_rank_cd(d.tsv, ${q}::tsquery, 1) as r from search_doc d
      where d.tsv @@ ${q}::tsquery ${filters}
      limit ${MATCH_CAP}
    ) m join search_doc d on d.n = m.n
    order by m.r desc, d.n limit ${limit}`.execute(db);
  return r.rows;
}

function countPhrase(stream: string[], phrase: string[]): number {
  if (phrase.length === 1) {
    let n = 0;
    for (const t of stream) if (t === phrase[0]) n++;
    return n;
  }
  let n = 0;
  outer: for (let i = 0; i + phrase.length <= stream.length; i++) {
    for (let j = 0; j < phrase.length; j++) if (stream[i + j] !== phrase[j]) continue outer;
    n++;
  }
  return n;
}

async function rank(
  db: Db,
  rows: Candidate[],
  terms: QueryTerm[],
  level: Strictness,
): Promise<{ c: Candidate; score: number }[]> {
  if (rows.length === 0) return [];
  const used = relax(terms, level);
  const vocab = [...new Set(used.flatMap((t) => t.alternatives.flat()))];
  // Document frequencies and the index totals in one statement ('#' never starts a term).
  const statRows = await sql<{ term: string; df: number }>`
    select term, df from search_term where term in (${sql.join(vocab)})
    union all select ${'#'} || key, value from search_stat`.execute(db);
  const df = new Map(statRows.rows.map((r) => [r.term, Number(r.df)]));
  const N = Math.max(1, df.get('#docs') ?? 1);
  const avg = Math.max(1, (df.get('#terms') ?? 1) / N);
  const idf = used.map((t) => {
    // A phrase is as rare as its rarest word; a term with alternatives as common as its commonest.
    const d = Math.max(...t.alternatives.map((a) => Math.min(...a.map((w) => df.get(w) ?? 0))));
    return Math.log(1 + (N - d + 0.5) / (d + 0.5));
  });
  const scored = rows.map((c) => {
    const words = c.words.split(' ');
    const extra = c.extra.split(' ');
    const norm = K1 * (1 - B + (B * Number(c.length)) / avg);
    let score = 0;
    used.forEach((t, i) => {
      let tf = 0;
      for (const a of t.alternatives) {
        const inExtra = a.length === 1 && (!t.wordsOnly || /^(state|mission|office):/.test(a[0]!));
        tf += countPhrase(words, a) + (inExtra ? countPhrase(extra, a) : 0);
      }
      if (tf > 0) score += (idf[i]! * tf * (K1 + 1)) / (tf + norm);
    });
    return { c, score };
  });
  // Ties broken by id, so both backends agree on the order.
  return scored.sort((a, b) => b.score - a.score || (a.c.id < b.c.id ? -1 : a.c.id > b.c.id ? 1 : 0));
}

/** One hit per record unit: a meeting or briefer indexed in both languages shows once, its best match. */
function onePerUnit(
  ranked: { c: Candidate; score: number }[],
  seenUnits: Set<string>,
): { c: Candidate; score: number }[] {
  return ranked.filter(({ c }) => {
    const unit = `${c.kind}:${c.entity_id}`;
    if (seenUnits.has(unit)) return false;
    seenUnits.add(unit);
    return true;
  });
}
