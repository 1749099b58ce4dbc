/**
 * Runs a query on either backend, ranked exactly by Okapi BM25 (bm25.ts) computed here from the stored
 * terms and the shared term statistics, so SQLite and PostgreSQL return the same results in the same
 * order whenever they hold the same documents. The page comes from the impact lists of the query's words
 * (postings.ts) when their floors prove no other unit can reach it, and otherwise from every match the
 * backend finds (FTS5 MATCH, tsvector @@): the same top either way, which a test checks.
 */
import { isMemberOn } from '../domain/membership.ts';
import { sql, type Kysely } from 'kysely';
import { z } from 'zod';
import { findState, getState } from '../domain/states.ts';
import type { Store } from '../store/db.ts';
import type { Database } from '../store/schema.ts';
import { DECISION_KINDS, MEETING_FORMATS } from '../store/queries/filters.ts';
import { combinedImpact, idf, impact, AVGDL_SCALE } from './bm25.ts';
import { readBlocks, type PostingArray } from './blocks.ts';
import { readListsOf } from './postings.ts';
import { DOC_KINDS } from './documents.ts';
import { dialectOf, type Db } from './indexer.ts';
import {
  cleanQuery,
  parseQuery,
  QueryError,
  relax,
  toFts5,
  toTsquery,
  type QueryTerm,
  type Strictness,
} from './query.ts';
import { snippet } from './snippet.ts';
import { LANGS, type Lang } from '../domain/vocabulary.ts';

/** Search parameters as the API and the CLI take them; a bad value is a QueryError naming the field. */
export const SearchParamsSchema = z.object({
  q: z.string().describe('The query'),
  lang: z.enum(LANGS).optional(),
  year: z.coerce.number().int().min(1946).max(2100).optional(),
  /** An agenda item id ("2020-23") or its number ("23"). */
  item: z
    .string()
    .regex(/^(\d{4}-)?\d{1,4}$/, 'expected an agenda item number such as 23 or an id such as 2020-23')
    .optional()
    .describe('Agenda item number (23) or id (2020-23)'),
  format: z.enum(MEETING_FORMATS).optional(),
  decisionKind: z.enum(DECISION_KINDS).optional(),
  /** ISO3 code or a state's name in English or Chinese. */
  state: z.string().min(1).max(100).optional().describe('ISO3 code or state name (English or Chinese)'),
  kind: z.enum(DOC_KINDS as [string, ...string[]]).optional(),
  /** A meeting id ("S/PV.8699", "S/PV.8699 (Resumption 1)"): its title, briefers and speeches. */
  meeting: z
    .string()
    .min(1)
    .max(100)
    .optional()
    .describe('A meeting id, e.g. S/PV.8699: its title, briefers and speeches'),
  /** Speeches by this state's speakers: ISO3 code or a state's name. */
  speaker: z
    .string()
    .min(1)
    .max(100)
    .optional()
    .describe("Speeches by a state's speakers: ISO3 code or state name"),
  limit: z.coerce.number().int().min(1).max(100).default(10),
  offset: z.coerce.number().int().min(0).max(1000).default(0),
  /** Count the matches per filter value (kind, language, year, decision kind, meeting format). */
  facets: z
    .union([z.boolean(), z.enum(['true', 'false', '1', '0'])])
    .transform((x) => x === true || x === 'true' || x === '1')
    .optional()
    .describe('Also count the matches per kind, language, year, decision kind and meeting format'),
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
  /** Matching units ranked: this page and what precedes it, and one more when `more` (hits beyond this page). */
  count: number;
  more: boolean;
  /**
   * Where the ranking came from: the impact lists alone, or every match of some strictness level (when
   * the lists' floors could not prove the page). The same page either way.
   */
  rankedFrom: 'lists' | 'blocks' | 'matches';
  /**
   * With `facets`: the matching units counted per filter value, at the loosest strictness the hits come
   * from (a unit indexed in both languages counts in each). Null when the query's words are too common
   * to count every match quickly (`facetsOmitted` says so).
   */
  facets?: Facets | null;
  facetsOmitted?: string;
  hits: SearchHit[];
  ms: number;
}

export interface Facets {
  total: number;
  kind: Record<string, number>;
  lang: Record<string, number>;
  year: Record<string, number>;
  decisionKind: Record<string, number>;
  format: Record<string, number>;
}

/** Facets are counted over at most about this many matches (estimated from the words' frequencies). */
export const FACET_MAX_MATCHES = 100_000;

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

const CANDIDATE_COLUMNS = ['n', 'id', 'kind', 'entity_id', 'words', 'extra', 'length'] as const;

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

export interface SearchOptions {
  /**
   * Rank every match the backend finds instead of stopping at what the impact lists prove: the brute
   * force the exact ranking is tested against (slow for common words in a large index).
   */
  exhaustive?: boolean;
}

export async function search(
  store: Pick<Store, 'db'>,
  input: SearchParams,
  opts: SearchOptions = {},
): Promise<SearchResult> {
  const t0 = performance.now();
  const p = parseSearchParams(input);
  const parsed = parseQuery(p.q);
  const db = store.db;
  const filters = {
    ...p,
    state: p.state ? resolveState(p.state) : undefined,
    speaker: p.speaker ? resolveState(p.speaker) : undefined,
  };
  const want = p.offset + p.limit;
  // Strictest first: Chinese runs as phrases, then all words anywhere; results of a looser level fill up
  // the page below the stricter ones. Any-word matching is the last resort, only when nothing else matched.
  const levels: Strictness[] = parsed.terms.some((t) => t.splittable)
    ? ['phrase', 'and', 'or']
    : ['and', 'or'];
  if (parsed.terms.length === 1 && !parsed.terms[0]!.splittable) levels.splice(1);
  const ranked: Scored[] = [];
  const seen = new Set<string>();
  const units = new Set<string>();
  let matched: Strictness | undefined;
  let loosest: Strictness = levels[0]!;
  let rankedFrom: SearchResult['rankedFrom'] = 'lists';
  const stats = await termStats(db, parsed.terms, levels);
  // A resolution or meeting the query names outright comes first, then what its words find.
  // An actor the query names alone — a member state, a mission, an office — first the Repertoire's account
  // of it (the section paragraphs, footnotes and listed briefers that name it: the Secretariat's own summary
  // of its positions, initiatives and briefings, a page of it), then for a member state what its
  // representatives said (a page of its speeches), each best matching first, then what the name finds.
  const named = await namedUnits(db, p.q, filters);
  const actors = named.length === 0 ? await actorUnits(db, parsed.terms, filters) : [];
  const scores = new Map(
    rank([...named, ...actors], relax(parsed.terms, 'or'), 'or', stats).map((x) => [x.c.id, x.score]),
  );
  // Only speeches that name the state (as words or entity term) count: a match, as facets count them.
  const speeches = actors
    .map((c) => ({ c, score: scores.get(c.id) ?? 0 }))
    .filter((x) => x.score > 0)
    // Best first, ties by id: the backends return rows in no set order, so sort before cutting.
    .sort((a, b) => b.score - a.score || (a.c.id < b.c.id ? -1 : a.c.id > b.c.id ? 1 : 0))
    .slice(0, ACTOR_PAGE);
  let account: Scored[] = [];
  if (named.length === 0 && (speeches.length > 0 || namesMissionOrOffice(parsed.terms))) {
    const found = await topOfLevel(db, parsed.terms, levels[0]!, { ...filters, section: true }, stats, {
      need: ACTOR_PAGE,
      seen,
      units,
      exhaustive: opts.exhaustive === true,
    });
    if (found.from !== 'lists') rankedFrom = found.from;
    account = found.top;
  }
  const first = [...named.map((c) => ({ c, score: scores.get(c.id) ?? 0 })), ...account, ...speeches];
  if (first.length > 0) {
    const top = pick(first, { need: want + 1, seen, units });
    for (const h of top) {
      seen.add(h.c.id);
      units.add(unitOf(h.c));
    }
    ranked.push(...top);
  }
  for (const level of levels) {
    // The units a query names can fill the page (and the one beyond it) alone.
    if (ranked.length > want) break;
    if (level === 'or' && matched !== undefined) break;
    if (level !== 'or' && cannotMeet(relax(parsed.terms, level), stats, p.lang)) continue;
    // One beyond the page, to know whether there is a next one.
    const { top, from } = await topOfLevel(db, parsed.terms, level, filters, stats, {
      need: want + 1 - ranked.length,
      seen,
      units,
      exhaustive: opts.exhaustive === true,
    });
    if (from === 'matches' || (from === 'blocks' && rankedFrom === 'lists')) rankedFrom = from;
    for (const h of top) {
      seen.add(h.c.id);
      units.add(unitOf(h.c));
    }
    if (top.length > 0) {
      matched ??= level;
      loosest = level;
      ranked.push(...top);
    }
    if (ranked.length > want) break;
  }
  const more = ranked.length > want;
  const highlight = relax(parsed.terms, loosest).flatMap((t) => t.alternatives);
  let facets: Facets | null | undefined;
  let facetsOmitted: string | undefined;
  if (p.facets) {
    const used = relax(parsed.terms, loosest);
    const estimate = matchEstimate(used, loosest, stats);
    if (ranked.length === 0) facets = emptyFacets();
    else if (estimate > FACET_MAX_MATCHES) {
      facets = null;
      facetsOmitted = `up to ${estimate} units match; facets are counted for at most ${FACET_MAX_MATCHES}`;
    } else facets = await facetCounts(db, used, loosest, filters);
  }
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
    rankedFrom,
    hits,
    ...(p.facets ? { facets, ...(facetsOmitted ? { facetsOmitted } : {}) } : {}),
    ms: Math.round((performance.now() - t0) * 10) / 10,
  };
}

type Filters = Omit<z.output<typeof SearchParamsSchema>, 'q' | 'limit' | 'offset'> & {
  /** Only units of a Repertoire section (paragraphs, footnotes, the briefers it lists): the name rule's, not a parameter. */
  section?: true;
};

/** How many of the Repertoire's units, and then of a member state's speeches, come first for an actor's name. */
const ACTOR_PAGE = 10;

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
  if (f.meeting) conds.push(sql`${col('meeting_id')} = ${f.meeting}`);
  if (f.speaker) conds.push(sql`${col('speaker_state')} = ${f.speaker}`);
  // A Repertoire section's units: its paragraphs and footnotes, and the briefers it lists (their provenance).
  if (f.section)
    conds.push(sql`(${col('section_id')} is not null or (${col('kind')} = 'briefer' and exists (
      select 1 from provenance p inner join section s on s.source_id = p.source_id
      where p.entity_type = 'participant' and p.entity_id = ${col('entity_id')})))`);
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

type Scored = { c: Candidate; score: number };

function emptyFacets(): Facets {
  return { total: 0, kind: {}, lang: {}, year: {}, decisionKind: {}, format: {} };
}

/** The most units the terms can match at `level`: the rarest required term's frequency (at 'or', the sum). */
function matchEstimate(used: QueryTerm[], level: Strictness, stats: TermStats): number {
  const dfs = used.map((t) =>
    t.alternatives.reduce((sum, a) => sum + Math.min(...a.map((w) => stats.df.get(w)?.all ?? 0)), 0),
  );
  return level === 'or' ? dfs.reduce((a, b) => a + b, 0) : Math.min(...dfs);
}

/** Matches counted per filter value, by the backend in one grouped statement. */
async function facetCounts(db: Db, used: QueryTerm[], level: Strictness, f: Filters): Promise<Facets> {
  const filters = filterSql(f, 'd');
  const match =
    dialectOf(db) === 'postgres'
      ? sql`d.tsv @@ ${toTsquery(used, level)}::tsquery`
      : sql`d.n in (select rowid from search_fts where search_fts match ${toFts5(used, level)})`;
  const rows = await sql<{
    kind: string;
    lang: string;
    year: number | null;
    decision_kind: string | null;
    format: string | null;
    n: number;
  }>`
    select d.kind, d.lang, d.year, d.decision_kind, d.format, count(*) as n from search_doc d
    where ${match} ${filters} group by d.kind, d.lang, d.year, d.decision_kind, d.format`.execute(db);
  const out = emptyFacets();
  const add = (m: Record<string, number>, key: string | number | null, n: number) => {
    if (key !== null) m[String(key)] = (m[String(key)] ?? 0) + n;
  };
  for (const r of rows.rows) {
    const n = Number(r.n);
    out.total += n;
    add(out.kind, r.kind, n);
    add(out.lang, r.lang, n);
    add(out.year, r.year === null ? null : Number(r.year), n);
    add(out.decisionKind, r.decision_kind, n);
    add(out.format, r.format, n);
  }
  return out;
}

// "resolution 2518", "S/RES/2518 (2020)", "res. 2518", "第2518号决议", "第 2518(2020)号决议", "2518".
const RESOLUTION =
  /^(?:s\/res\/|resolution\s*|res\.?\s*|第\s*)?(\d{1,4})(?:\s*\(\s*(\d{4})\s*\))?\s*(号决议)?$/i;
const MEETING = /^s\/pv\.(\d{1,5})$/i;

/**
 * The units of a resolution or meeting the whole query names (S/PV.8700 and its resumptions), in id
 * order, within the filters. A bare number names a resolution unless it could be a year (1945–2100).
 */
async function namedUnits(db: Db, q: string, f: Filters): Promise<Candidate[]> {
  const text = cleanQuery(q).normalize('NFKC');
  const res = RESOLUTION.exec(text);
  const meeting = MEETING.exec(text);
  let ids: string[];
  let kind: 'decision' | 'meeting';
  if (res) {
    const number = Number(res[1]);
    const bare = !/\D/.test(text);
    if (number === 0 || (bare && number >= 1945 && number <= 2100)) return [];
    kind = 'decision';
    const symbol = `S/RES/${number} (${res[2] ?? ''}`;
    const rows = await db.selectFrom('decision').select('id').where('symbol', 'like', `${symbol}%`).execute();
    ids = rows.map((r) => r.id);
  } else if (meeting) {
    kind = 'meeting';
    const id = `S/PV.${Number(meeting[1])}`;
    const rows = await db
      .selectFrom('meeting')
      .select('id')
      .where((eb) => eb.or([eb('id', '=', id), eb('id', 'like', `${id} (%`)]))
      .execute();
    ids = rows.map((r) => r.id);
  } else return [];
  if (ids.length === 0) return [];
  const rows = await sql<Candidate>`
    select ${sql.join(CANDIDATE_COLUMNS.map((c) => sql.ref(`d.${c}`)))} from search_doc d
    where d.entity_id in (${sql.join(ids)}) and d.kind = ${kind} ${filterSql(f, 'd')}`.execute(db);
  // The record itself before its resumptions ("S/PV.8699" sorts before "S/PV.8699 (Resumption 1)").
  const key = (c: Candidate) => `${c.entity_id}\u0000${c.id}`;
  return rows.rows.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

/**
 * When the whole query is one state's name (China, 中国, Russian Federation): the speeches its
 * representatives made while it sat on the Council (its positions), within the filters (index
 * search_doc_speaker, migration 017). A state not on the Council when it spoke (Afghanistan, Libya) is more
 * often what a meeting is about: its name is searched as words only.
 */
async function actorUnits(db: Db, terms: QueryTerm[], f: Filters): Promise<Candidate[]> {
  if (terms.length !== 1 || terms[0]!.quoted) return [];
  const state = terms[0]!.alternatives.find((a) => a.length === 1 && a[0]!.startsWith('state:'))?.[0];
  if (!state) return [];
  const iso3 = state.slice('state:'.length).toUpperCase();
  const rows = await sql<Candidate & { date: string | null }>`
    select ${sql.join(CANDIDATE_COLUMNS.map((c) => sql.ref(`d.${c}`)))}, d.date from search_doc d
    where d.speaker_state = ${iso3} ${filterSql(f, 'd')}`.execute(db);
  return rows.rows
    .filter((r) => r.date !== null && isMemberOn(iso3, r.date))
    .map(({ date: _date, ...c }) => c);
}

/** The whole query is the name of a mission or an office (MINUSMA, 马里稳定团, Under-Secretary-General for Peace Operations). */
function namesMissionOrOffice(terms: QueryTerm[]): boolean {
  return (
    terms.length === 1 &&
    !terms[0]!.quoted &&
    terms[0]!.alternatives.some((a) => a.length === 1 && /^(mission|office):/.test(a[0]!))
  );
}

const unitOf = (c: Candidate) => `${c.kind}:${c.entity_id}`;

/**
 * The best `need` units matching the terms at `level`, leaving out units already ranked (`seen`, `units`).
 * First from the impact lists of the query's words (MaxScore-like): each unit on them gets an upper bound
 * from the lists alone (its weight where it is on a word's list, the word's floor where it is not, 0 where
 * the list is complete and it is not on it); units are read and scored exactly in the order of their bounds
 * until the page's last score beats both the next bound and the most a unit on no list could score
 * (unseenBound). When it never does (a filter the list units do not meet, a conjunction they rarely meet,
 * ties at a floor) every match the backend finds is ranked instead.
 */
async function topOfLevel(
  db: Db,
  terms: QueryTerm[],
  level: Strictness,
  f: Filters,
  stats: TermStats,
  o: { need: number; seen: Set<string>; units: Set<string>; exhaustive: boolean },
): Promise<{ top: Scored[]; from: SearchResult['rankedFrom'] }> {
  const used = relax(terms, level);
  if (!o.exhaustive) {
    const bound = unseenBound(used, level, stats, f.lang);
    const words = [...new Set(used.flatMap((t) => t.alternatives.flat()))];
    const postings = await readListsOf(db, words);
    const read: Reads = { tried: new Set(), rows: new Map() };
    // With blocks to fall back on, the lists get a few batches only: reading deep into them for a
    // conjunction of common words costs more than bounding every unit from the blocks.
    const blocks = stats.blocksComplete && words.some((w) => (stats.df.get(w)?.floor ?? 0) > 0);
    const fromLists = await scoreInBoundOrder(db, listBounds(postings, used, level, stats), bound, f, read, {
      ...o,
      used,
      level,
      stats,
      maxRows: blocks ? LIST_READ_MAX : undefined,
    });
    if (fromLists.proved) return { top: fromLists.top, from: 'lists' };
    // The lists could not prove the page: bound every unit that could match from the complete postings
    // (the lists of rare words, the blocks of common ones) and score those that reach the page.
    if (blocks) {
      const least =
        fromLists.top.length === o.need ? fromLists.top[fromLists.top.length - 1]!.score : -Infinity;
      const all = await completeBounds(db, postings, used, level, stats, least);
      const fromBlocks = await scoreInBoundOrder(db, all.bounds, all.rest, f, read, {
        ...o,
        used,
        level,
        stats,
        maxRows: BLOCK_READ_MAX,
      });
      if (fromBlocks.proved) return { top: fromBlocks.top, from: 'blocks' };
    }
  }
  return { top: pick(rank(await matches(db, used, level, f), used, level, stats), o), from: 'matches' };
}

/**
 * Units read more than this from the blocks' bounds without proving the page (a filter few of them
 * meet) are left to the backend, which applies the filter while it matches.
 */
const BLOCK_READ_MAX = 20_000;
/** Units read from the lists' bounds before the blocks are asked (when the query has a common word). */
const LIST_READ_MAX = 100;

/**
 * Reads and scores units in the order of their upper bounds (highest first, `fetched` keeps what was
 * read) until the page's last score beats both the next bound and `unseen`, the most a unit without a
 * bound could score (-Infinity: none can match). `proved`: the page is exact.
 */
async function scoreInBoundOrder(
  db: Db,
  bounds: { n: number; ub: number }[],
  unseen: number,
  f: Filters,
  read: Reads,
  o: {
    need: number;
    seen: Set<string>;
    units: Set<string>;
    used: QueryTerm[];
    level: Strictness;
    stats: TermStats;
    maxRows?: number;
  },
): Promise<{ top: Scored[]; proved: boolean }> {
  const filters = filterSql(f, 'd');
  const done = (top: Scored[], i: number) =>
    top.length === o.need && top[top.length - 1]!.score > Math.max(bounds[i]?.ub ?? -Infinity, unseen);
  // Units read before (by the lists) are ranked with these: each is a match scored exactly, or none.
  const ranked = () => pick(rank([...read.rows.values()], o.used, o.level, o.stats), o);
  let top = ranked();
  let i = 0;
  let batch = Math.max(32, 2 * o.need);
  // The first batch is read in two parts: the page is often proved by the first (the units' text is most
  // of what reading costs). Otherwise the second completes the batch, and what is read next and where the
  // reading stops are as for the whole batch (no limit is checked between the two parts).
  const parts = [Math.ceil(batch / 2), batch - Math.ceil(batch / 2)];
  let part = 0;
  let count = 0;
  for (;;) {
    while (i < bounds.length && read.tried.has(bounds[i]!.n)) i++;
    if (i >= bounds.length || done(top, i)) break;
    if (part !== 1 && o.maxRows !== undefined && count >= o.maxRows) return { top, proved: false };
    const take = part < parts.length ? parts[part++]! : batch;
    const ns: number[] = [];
    for (; i < bounds.length && ns.length < take; i++) {
      const n = bounds[i]!.n;
      if (!read.tried.has(n)) ns.push(n);
      read.tried.add(n);
    }
    count += ns.length;
    if (part !== 1) batch *= 2;
    const rows = await sql<Candidate>`
      select ${sql.join(CANDIDATE_COLUMNS.map((c) => sql.ref(`d.${c}`)))} from search_doc d
      where d.n in (${sql.join(ns)}) ${filters}`.execute(db);
    for (const r of rows.rows) read.rows.set(Number(r.n), r);
    top = ranked();
  }
  return { top, proved: done(top, i) || (i >= bounds.length && unseen === -Infinity) };
}

/** Units a query has read: every number asked for, and the rows that met the filters. */
interface Reads {
  tried: Set<number>;
  rows: Map<number, Candidate>;
}

/**
 * Upper bounds of the scores of the units on the lists, from the lists alone, highest first; a unit that
 * cannot match (a required term whose lists are complete and do not hold it) is left out.
 */
function listBounds(
  postings: Map<string, PostingArray>,
  used: QueryTerm[],
  level: Strictness,
  stats: TermStats,
): { n: number; ub: number }[] {
  // Per query, not per unit: the words numbered, what their frequencies say of them, and each term's
  // alternatives as word numbers. A unit's weights are a row of a flat array (NaN: not on the word's
  // list), in the order the units first appear, as the map of maps this replaced kept them. Closures and
  // maps made per unit cost a third of this function's time (profile of the bench's query mix).
  const index = new Map<string, number>();
  for (const t of used)
    for (const a of t.alternatives) for (const w of a) if (!index.has(w)) index.set(w, index.size);
  const nw = index.size;
  const inZh: boolean[] = [];
  const inEn: boolean[] = [];
  const floors: number[] = [];
  for (const w of index.keys()) {
    const d = stats.df.get(w);
    inZh.push((d?.zh ?? 0) > 0);
    inEn.push((d?.en ?? 0) > 0);
    floors.push(d?.floor ?? 0);
  }
  const alternatives = used.map((t) => t.alternatives.map((a) => a.map((w) => index.get(w)!)));
  const slotOf = new Map<number, number>();
  const units: number[] = [];
  let size = 0;
  for (const list of postings.values()) size += list.ns.length;
  // At most one unit per posting.
  const weights = new Float64Array(size * nw).fill(NaN);
  for (const [term, { ns, ws }] of postings) {
    // A list of a word not among the query's (never: they are read for these words) is skipped.
    const w = index.get(term);
    if (w === undefined) continue;
    for (let j = 0; j < ns.length; j++) {
      // The same number as a small integer where it is one, which the map hashes faster than a double.
      const n = ns[j]! <= 0x7fffffff ? ns[j]! | 0 : ns[j]!;
      let slot = slotOf.get(n);
      if (slot === undefined) {
        slot = units.length;
        slotOf.set(n, slot);
        units.push(n);
      }
      weights[slot * nw + w] = ws[j]!;
    }
  }
  const idfs = termIdfs(used, stats);
  const out: { n: number; ub: number }[] = [];
  for (let slot = 0; slot < units.length; slot++) {
    const row = slot * nw;
    // A unit is in one language: one holding a word that occurs only in Chinese units is Chinese, and
    // then cannot hold a word that occurs only in English ones (安理会 and council).
    let zh = true;
    let en = true;
    for (let w = 0; w < nw; w++) {
      if (Number.isNaN(weights[row + w]!)) continue;
      zh &&= inZh[w]!;
      en &&= inEn[w]!;
    }
    let ub = 0;
    let found = 0;
    for (let i = 0; i < used.length; i++) {
      let weight = 0;
      for (const a of alternatives[i]!) {
        let least = Infinity;
        for (const w of a) {
          const listed = weights[row + w]!;
          // Absent from the unit's language: 0; otherwise at most the floor.
          const absent = !((zh && inZh[w]!) || (en && inEn[w]!));
          least = Math.min(least, !Number.isNaN(listed) ? listed : absent ? 0 : floors[w]!);
        }
        weight = combinedImpact(weight, least);
      }
      if (weight > 0) {
        found++;
        ub += idfs[i]! * weight;
      } else if (level !== 'or') break;
    }
    if (level === 'or' ? found > 0 : found === used.length)
      out.push({ n: units[slot]!, ub: ub * (1 + 1e-9) });
  }
  return out.sort((a, b) => b.ub - a.ub);
}

/**
 * Upper bounds of the scores of every unit that could match, from complete postings: the impact list of a
 * word whose list is complete, the blocks of one whose list is cut (blocks.ts). A phrase weighs at most its
 * words' least, a term at most its alternatives' weights counted together (combinedImpact, as in
 * listBounds); at 'or' a unit needs one term, otherwise all. Units whose bound is below `least` (a score the page already holds) are left out.
 * Highest first.
 */
async function completeBounds(
  db: Db,
  postings: Map<string, PostingArray>,
  used: QueryTerm[],
  level: Strictness,
  stats: TermStats,
  least: number,
): Promise<{ bounds: { n: number; ub: number }[]; rest: number }> {
  const words = [...new Set(used.flatMap((t) => t.alternatives.flat()))];
  const blocks = await readBlocks(
    db,
    words.filter((w) => (stats.df.get(w)?.floor ?? 0) > 0),
  );
  const postingsOf = (w: string): PostingArray => {
    const b = blocks.get(w);
    if (b) return b;
    const l = postings.get(w);
    if ((stats.df.get(w)?.floor ?? 0) > 0 || !l) return { ns: new Float64Array(0), ws: new Float64Array(0) };
    // In unit order (the backend may return a list in any order; a unit is on it once).
    const order = Array.from(l.ns.keys()).sort((x, y) => l.ns[x]! - l.ns[y]!);
    return { ns: Float64Array.from(order, (j) => l.ns[j]!), ws: Float64Array.from(order, (j) => l.ws[j]!) };
  };
  const idfs = termIdfs(used, stats);
  let acc: PostingArray | undefined;
  for (let i = 0; i < used.length; i++) {
    let term: PostingArray | undefined;
    for (const a of used[i]!.alternatives) {
      const phrase = a.map(postingsOf).reduce((x, y) => merge(x, y, 'min'));
      term = term ? merge(term, phrase, 'alternatives') : phrase;
    }
    const weighted = { ns: term!.ns, ws: term!.ws.map((w) => w * idfs[i]!) };
    acc = acc ? merge(acc, weighted, level === 'or' ? 'sum' : 'and-sum') : weighted;
  }
  // Past BLOCK_READ_MAX units the backend ranks instead: the bounds below those are not sorted, only
  // their highest kept (`rest`), so that no page is proved without them.
  let cut = least;
  let rest = -Infinity;
  const { ns, ws } = acc!;
  if (ws.length > BLOCK_READ_MAX) {
    const sorted = Float64Array.from(ws).sort();
    cut = Math.max(cut, sorted[sorted.length - BLOCK_READ_MAX]!);
  }
  const out: { n: number; ub: number }[] = [];
  for (let j = 0; j < ns.length; j++) {
    // A relative margin covers the rounding of the sums, which the scores add up in another grouping.
    const ub = ws[j]! * (1 + 1e-9);
    if (ub >= cut) out.push({ n: ns[j]!, ub });
    else if (ub >= least) rest = Math.max(rest, ub);
  }
  return { bounds: out.sort((a, b) => b.ub - a.ub), rest };
}

/**
 * Two postings in unit order combined: 'min' and 'and-sum' keep the units in both (the least weight, the
 * sum), 'sum' the units in either (the sum), 'alternatives' the units in either (the weight of both
 * counted together, combinedImpact).
 */
function merge(
  a: PostingArray,
  b: PostingArray,
  how: 'min' | 'sum' | 'and-sum' | 'alternatives',
): PostingArray {
  const both = how === 'min' || how === 'and-sum';
  const size = both ? Math.min(a.ns.length, b.ns.length) : a.ns.length + b.ns.length;
  const ns = new Float64Array(size);
  const ws = new Float64Array(size);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.ns.length && j < b.ns.length) {
    const x = a.ns[i]!;
    const y = b.ns[j]!;
    if (x === y) {
      ns[k] = x;
      const u = a.ws[i++]!;
      const v = b.ws[j++]!;
      ws[k++] = how === 'min' ? Math.min(u, v) : how === 'alternatives' ? combinedImpact(u, v) : u + v;
    } else if (x < y) {
      if (!both) [ns[k], ws[k++]] = [x, a.ws[i]!];
      i++;
    } else {
      if (!both) [ns[k], ws[k++]] = [y, b.ws[j]!];
      j++;
    }
  }
  if (!both) {
    for (; i < a.ns.length; i++) [ns[k], ws[k++]] = [a.ns[i]!, a.ws[i]!];
    for (; j < b.ns.length; j++) [ns[k], ws[k++]] = [b.ns[j]!, b.ws[j]!];
  }
  return { ns: ns.subarray(0, k), ws: ws.subarray(0, k) };
}

/** The first `need` of ranked units, one per record unit, leaving out those already ranked. */
function pick(ranked: Scored[], o: { need: number; seen: Set<string>; units: Set<string> }): Scored[] {
  const out: Scored[] = [];
  const units = new Set<string>();
  for (const r of ranked) {
    if (out.length === o.need) break;
    const unit = unitOf(r.c);
    if (o.seen.has(r.c.id) || o.units.has(unit) || units.has(unit)) continue;
    units.add(unit);
    out.push(r);
  }
  return out;
}

/**
 * The most a unit on no impact list of the query's words can score (-Infinity: no such unit can match).
 * For each term, each alternative weighs at most its words' smallest floor (a phrase occurs no more often
 * than any of its words), and a term's weight is at most its alternatives' counted together (combinedImpact; BM25's weight is
 * concave in the frequency). An alternative with a word whose list is complete (floor 0) or absent from a
 * language cannot occur in such a unit of that language. Units are in one language: the largest of the two.
 */
function unseenBound(used: QueryTerm[], level: Strictness, stats: TermStats, lang: Lang | undefined): number {
  const idfs = termIdfs(used, stats);
  let best = -Infinity;
  for (const l of lang ? [lang] : LANGS) {
    let total = 0;
    let possible = 0;
    for (let i = 0; i < used.length; i++) {
      let weight = 0;
      let occurs = false;
      for (const a of used[i]!.alternatives) {
        const floors = a.map((w) => {
          const d = stats.df.get(w);
          return d && d[l] > 0 ? d.floor : 0;
        });
        if (floors.some((x) => x === 0)) continue;
        occurs = true;
        weight = combinedImpact(weight, Math.min(...floors));
      }
      if (occurs) {
        possible++;
        total += idfs[i]! * weight;
      } else if (level !== 'or') {
        possible = 0;
        break;
      }
    }
    // A relative margin covers the rounding of the sums, which the scores add up in another grouping.
    if (possible > 0) best = Math.max(best, total * (1 + 1e-9));
  }
  return best;
}

/**
 * Every unit the backend finds for the terms at `level`, with what ranking needs. The backend only finds
 * matches (FTS5 MATCH, tsvector @@); it does not rank them: FTS5's bm25() reads the whole posting list of
 * every query term for its IDF, while the IDF here comes from search_term in one lookup.
 */
async function matches(db: Db, used: QueryTerm[], level: Strictness, f: Filters): Promise<Candidate[]> {
  const filters = filterSql(f, 'd');
  if (dialectOf(db) === 'postgres') {
    return postgresMatches(db, toTsquery(used, level), filters, used.length > 1 && level !== 'or');
  }
  const joinForFilters = filters.compile(db).sql.trim() !== '';
  const r = await sql<Candidate>`
    select ${sql.join(CANDIDATE_COLUMNS.map((c) => sql.ref(`c.${c}`)))} from search_doc c
    where c.n in (
      select f.rowid from search_fts f
      ${joinForFilters ? sql`join search_doc d on d.n = f.rowid` : sql``}
      where search_fts match ${toFts5(used, level)} ${filters}
    )`.execute(db);
  return r.rows;
}

/**
 * Every match the GIN index yields. The planner guesses a conjunction's matches by assuming its words
 * independent, and on a large index may then read the whole table for one whose words never meet (an
 * English and a Chinese word: seconds at 1M rows); a conjunction is therefore always answered from the
 * GIN index.
 */
async function postgresMatches(
  db: Db,
  tsquery: string,
  filters: ReturnType<typeof filterSql>,
  conjunction: boolean,
): Promise<Candidate[]> {
  const run = async (q: Db) =>
    (
      await sql<Candidate>`
        select ${sql.join(CANDIDATE_COLUMNS.map((c) => sql.ref(`d.${c}`)))} from search_doc d
        where d.tsv @@ ${tsquery}::tsquery ${filters}`.execute(q)
    ).rows;
  // Inside a caller's transaction the settings would outlast this query, so there it is left to the planner.
  if (!conjunction || db.isTransaction) return run(db);
  return (db as Kysely<Database>).transaction().execute(async (trx) => {
    await sql`set local enable_seqscan = off`.execute(trx);
    await sql`set local enable_indexscan = off`.execute(trx);
    return run(trx);
  });
}

/** Occurrences of a word sequence in a space-joined term stream padded with a space at each end. */
function countPhrase(padded: string, phrase: string[]): number {
  const needle = ` ${phrase.join(' ')} `;
  let n = 0;
  for (let i = padded.indexOf(needle); i !== -1; i = padded.indexOf(needle, i + 1)) n++;
  return n;
}

/**
 * Per word of the query: document frequencies (in all, in Chinese, in English) and its impact list's
 * floor (postings.ts); the index's unit count and BM25's reference length.
 */
interface TermStats {
  df: Map<string, { all: number; zh: number; en: number; floor: number }>;
  docs: number;
  avgLength: number;
  /** The blocks hold every unit of every term whose list is cut (blocks.ts; not yet after migration 016). */
  blocksComplete: boolean;
}

async function termStats(db: Db, terms: QueryTerm[], levels: Strictness[]): Promise<TermStats> {
  const vocab = [
    ...new Set(levels.flatMap((level) => relax(terms, level).flatMap((t) => t.alternatives.flat()))),
  ];
  // The terms' frequencies and the index totals in one statement ('#' never starts a term).
  const rows = await sql<{ term: string; df: number; zh: number; en: number; floor: number }>`
    select term, df, df_zh as zh, df_en as en, floor from search_term where term in (${sql.join(vocab)})
    union all select ${'#'} || key, value, 0, 0, 0 from search_stat`.execute(db);
  const df = new Map(
    rows.rows.map((r) => [
      r.term,
      { all: Number(r.df), zh: Number(r.zh), en: Number(r.en), floor: Number(r.floor) },
    ]),
  );
  const docs = Math.max(1, df.get('#docs')?.all ?? 1);
  const avgdl = (df.get('#avgdl')?.all ?? 0) / AVGDL_SCALE;
  return { df, docs, avgLength: avgdl > 0 ? avgdl : 1, blocksComplete: df.get('#blocks')?.all === 1 };
}

/**
 * True when the terms, all required, cannot occur together in any unit: in each language (each unit has
 * one) some term has no alternative whose words all occur in that language. Saves scanning two long
 * posting lists for nothing, as for "Security Council 安理会", whose words no unit has all of.
 */
function cannotMeet(used: QueryTerm[], stats: TermStats, lang: Lang | undefined): boolean {
  return (lang ? [lang] : LANGS).every((l) =>
    used.some((t) => t.alternatives.every((a) => a.some((w) => (stats.df.get(w)?.[l] ?? 0) === 0))),
  );
}

/** Each term's IDF: a phrase is as rare as its rarest word, a term with alternatives as common as its commonest. */
function termIdfs(used: QueryTerm[], stats: TermStats): number[] {
  return used.map((t) => {
    const d = Math.max(...t.alternatives.map((a) => Math.min(...a.map((w) => stats.df.get(w)?.all ?? 0))));
    return idf(d, stats.docs);
  });
}

/**
 * The units that match the terms at `level` (every term occurs; at 'or', any), scored by BM25 and sorted,
 * ties broken by id so both backends agree. A unit the backend matched only through a phrase across its
 * extra terms (which BM25 here does not count) is not a match, on either backend.
 */
function rank(rows: Candidate[], used: QueryTerm[], level: Strictness, stats: TermStats): Scored[] {
  if (rows.length === 0) return [];
  const idfs = termIdfs(used, stats);
  const scored: Scored[] = [];
  for (const c of rows) {
    const words = ` ${c.words} `;
    const extra = ` ${c.extra} `;
    const length = Number(c.length);
    let score = 0;
    let found = 0;
    for (let i = 0; i < used.length; i++) {
      const t = used[i]!;
      let tf = 0;
      for (const a of t.alternatives) {
        const inExtra = a.length === 1 && (!t.wordsOnly || /^(state|mission|office):/.test(a[0]!));
        tf += countPhrase(words, a) + (inExtra ? countPhrase(extra, a) : 0);
      }
      if (tf > 0) {
        found++;
        score += idfs[i]! * impact(tf, length, stats.avgLength);
      }
    }
    if (level === 'or' ? found > 0 : found === used.length) scored.push({ c, score });
  }
  return scored.sort((a, b) => b.score - a.score || (a.c.id < b.c.id ? -1 : a.c.id > b.c.id ? 1 : 0));
}
