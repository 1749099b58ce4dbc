/**
 * Relevance of search on a judged query set (test/fixtures/search/judged.json): nDCG@k per query and
 * on average, with graded judgements resolved against the units the index holds.
 */
import { readFileSync } from 'node:fs';
import type { Store } from '../store/db.ts';
import { search, type SearchParams, type SearchResult } from './search.ts';

export interface Judgement {
  /** One unit by its search id ("footnote:repertoire:2020:23:zh:fn646", "meeting:S/2020/514:en"). */
  doc?: string;
  /** Every unit of `kind` (and `lang`) whose text contains this string (spaces and case ignored). */
  kind?: string;
  contains?: string;
  lang?: string;
  /** Speeches by this state's representatives (ISO3): the state's own positions. */
  speaker?: string;
  /** Every decision of this kind (draft_not_adopted, presidential_statement, …). */
  decisionKind?: string;
  grade: number;
}

export interface JudgedQuery {
  id: string;
  q: string;
  lang: string;
  category: string;
  need: string;
  relevant: Judgement[];
}

export interface JudgedSet {
  k: number;
  target: number;
  queries: JudgedQuery[];
}

export function readJudgedSet(path: string): JudgedSet {
  const set = JSON.parse(readFileSync(path, 'utf8')) as JudgedSet;
  set.queries.forEach((q, i) => {
    if (!q.q || !Array.isArray(q.relevant) || q.relevant.length === 0) {
      throw new Error(
        `${path}: query ${i + 1} (${q.id ?? '?'}) needs "q" and at least one "relevant" judgement`,
      );
    }
  });
  return set;
}

const squash = (s: string) => s.replace(/\s+/g, '').toLowerCase();

/** The graded relevant units of each query, as `${kind}:${entityId}`. */
export async function resolveJudgements(
  store: Pick<Store, 'db'>,
  set: JudgedSet,
): Promise<Map<string, Map<string, number>>> {
  // Judged per record unit (kind + entity id): a unit indexed in both languages is one answer.
  const units = (
    await store.db
      .selectFrom('search_doc')
      .select(['id', 'kind', 'entity_id', 'lang', 'body', 'speaker_state', 'decision_kind'])
      .execute()
  ).map((u) => ({ ...u, unit: `${u.kind}:${u.entity_id}` }));
  const squashed = units.map((u) => ({ ...u, flat: squash(u.body) }));
  const out = new Map<string, Map<string, number>>();
  for (const q of set.queries) {
    const grades = new Map<string, number>();
    const give = (id: string, g: number) => grades.set(id, Math.max(grades.get(id) ?? 0, g));
    for (const j of q.relevant) {
      if (j.doc) {
        const u = units.find((x) => x.id === j.doc);
        if (u) give(u.unit, j.grade);
        continue;
      }
      const needle = squash(j.contains ?? '');
      for (const u of squashed) {
        if (j.kind && u.kind !== j.kind) continue;
        if (j.lang && u.lang !== j.lang) continue;
        if (j.speaker && u.speaker_state !== j.speaker) continue;
        if (j.decisionKind && u.decision_kind !== j.decisionKind) continue;
        if (needle ? u.flat.includes(needle) : j.speaker || j.decisionKind) give(u.unit, j.grade);
      }
    }
    out.set(q.id, grades);
  }
  return out;
}

export function ndcg(ranked: string[], grades: Map<string, number>, k: number): number {
  const gain = (g: number) => 2 ** g - 1;
  const dcg = ranked.slice(0, k).reduce((s, id, i) => s + gain(grades.get(id) ?? 0) / Math.log2(i + 2), 0);
  const ideal = [...grades.values()]
    .sort((a, b) => b - a)
    .slice(0, k)
    .reduce((s, g, i) => s + gain(g) / Math.log2(i + 2), 0);
  return ideal === 0 ? 0 : dcg / ideal;
}

export interface Evaluation {
  mean: number;
  perQuery: { id: string; q: string; ndcg: number; relevant: number; top: string[] }[];
}

export async function evaluate(store: Pick<Store, 'db'>, set: JudgedSet): Promise<Evaluation> {
  const judged = await resolveJudgements(store, set);
  const perQuery: Evaluation['perQuery'] = [];
  for (const q of set.queries) {
    const grades = judged.get(q.id)!;
    const r = await search(store, { q: q.q, limit: set.k });
    const top = r.hits.map((h) => `${h.kind}:${h.entityId}`);
    perQuery.push({ id: q.id, q: q.q, ndcg: ndcg(top, grades, set.k), relevant: grades.size, top });
  }
  const mean = perQuery.reduce((s, x) => s + x.ndcg, 0) / Math.max(1, perQuery.length);
  return { mean, perQuery };
}

export interface ExactnessCheck {
  /** Queries whose page equals the brute force's: the same units, in the same order, with the same scores. */
  same: number;
  total: number;
  /** The first few that differ, with both pages. */
  differing: { query: SearchParams; engine: string[]; bruteForce: string[] }[];
  /** Milliseconds: the engine's and the brute force's, over all queries. */
  engineMs: number;
  bruteForceMs: number;
}

/**
 * The exact-ranking check: each query's page as search() gives it, against a brute-force BM25 over every
 * match the backend finds (search() with `exhaustive`).
 */
export async function checkExactRanking(
  store: Pick<Store, 'db'>,
  queries: SearchParams[],
): Promise<ExactnessCheck> {
  const out: ExactnessCheck = { same: 0, total: 0, differing: [], engineMs: 0, bruteForceMs: 0 };
  const page = (r: SearchResult) => r.hits.map((h) => `${h.id} ${h.score}`);
  for (const query of queries) {
    const a = await search(store, query);
    const b = await search(store, query, { exhaustive: true });
    out.engineMs += a.ms;
    out.bruteForceMs += b.ms;
    out.total++;
    const engine = page(a);
    const bruteForce = page(b);
    if (JSON.stringify(engine) === JSON.stringify(bruteForce) && a.more === b.more) out.same++;
    else if (out.differing.length < 5) out.differing.push({ query, engine, bruteForce });
  }
  return out;
}

/**
 * `count` reproducible queries of one to three of the index's commonest words (letters only, as the
 * index holds them), for the exact-ranking check: the queries whose matches run longest.
 */
export async function commonWordQueries(
  store: Pick<Store, 'db'>,
  count: number,
  seed = 17,
): Promise<SearchParams[]> {
  const rows = await store.db
    .selectFrom('search_term')
    .select('term')
    .orderBy('df', 'desc')
    .orderBy('term')
    .limit(1000)
    .execute();
  const words = rows
    .map((r) => r.term)
    .filter((t) => /^\p{L}{2,}$/u.test(t))
    .slice(0, 300);
  let state = seed >>> 0;
  // A linear congruential generator: the same queries on every run and both backends.
  const next = (n: number) => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state % n;
  };
  return Array.from({ length: count }, () => {
    const n = 1 + next(3);
    return { q: Array.from({ length: n }, () => words[next(words.length)]!).join(' '), limit: 10 };
  });
}
