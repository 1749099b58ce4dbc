/**
 * Writes documents into the search index and keeps the term statistics (document frequencies, totals) in
 * step, on SQLite (FTS5 table search_fts, rowid = search_doc.n) and PostgreSQL (tsvector column tsv).
 * Every write runs in the caller's transaction, or in one of its own: the index is never half-written.
 */
import { CompiledQuery, sql, type Kysely, type Transaction } from 'kysely';
import type { Dialect, Store } from '../store/db.ts';
import type { RecordChanges } from '../store/record.ts';
import type { Database } from '../store/schema.ts';
import {
  decisionDocs,
  meetingDocs,
  sectionDocs,
  speechDocs,
  type DocInput,
  type DocKind,
} from './documents.ts';
import { AVGDL_SCALE } from './bm25.ts';
import { addPostings, removePostings, type ListChanges, type PostingDoc } from './postings.ts';
import { termFrequencies, type IndexedDoc } from './prepare.ts';
import { prepareDocs } from './prepare-pool.ts';

export type Db = Kysely<Database> | Transaction<Database>;

const dialects = new WeakMap<object, Dialect>();

/** The backend behind a Kysely handle (a transaction included), from the placeholders it compiles to. */
export function dialectOf(db: Db): Dialect {
  let d = dialects.get(db);
  if (!d) {
    const compiled = db.selectFrom('search_stat').select('key').where('key', '=', 'x').compile();
    d = compiled.sql.includes('$1') ? 'postgres' : 'sqlite';
    dialects.set(db, d);
  }
  return d;
}

const BATCH = 100;
const DOC_COLUMNS =
  'id, kind, entity_id, lang, year, date, agenda_item_id, item_number, format, decision_kind, states, section_id, link, title, body, words, extra, length, meeting_id, speaker_state';
const insertSqlCache = new Map<string, string>();

/** The multi-row insert statement, built once per backend and batch size (Kysely's builder is slow at this size). */
function insertSql(dialect: Dialect, rows: number): string {
  const key = `${dialect}:${rows}`;
  let text = insertSqlCache.get(key);
  if (!text) {
    const cols = dialect === 'postgres' ? 21 : 20;
    let p = 0;
    const row = () =>
      `(${Array.from({ length: cols }, (_, i) =>
        dialect === 'postgres' ? `$${++p}${i === 20 ? '::tsvector' : ''}` : '?',
      ).join(', ')})`;
    text = `insert into search_doc (${DOC_COLUMNS}${dialect === 'postgres' ? ', tsv' : ''}) values ${Array.from({ length: rows }, row).join(', ')} returning n, id`;
    insertSqlCache.set(key, text);
  }
  return text;
}
const TERM_BATCH = 500;

/** Adds (or replaces, by id) documents. Runs in `db`'s transaction when it is one. */
export async function writeDocs(db: Db, docs: IndexedDoc[], opts: { fresh?: boolean } = {}): Promise<void> {
  if (docs.length === 0) return;
  await inTransaction(db, async (trx) => {
    // `fresh`: the caller knows none of the ids is indexed yet (a rebuild after clearIndex, a bench load).
    if (!opts.fresh)
      await removeWhere(
        trx,
        'id',
        docs.map((d) => d.input.id),
      );
    const dialect = dialectOf(trx);
    const df: TermCounts = new Map();
    const postings: PostingDoc[] = [];
    let terms = 0;
    for (let i = 0; i < docs.length; i += BATCH) {
      const batch = docs.slice(i, i + BATCH);
      const params: unknown[] = [];
      for (const d of batch) {
        const x = d.input;
        params.push(x.id, x.kind, x.entityId, x.lang, x.year, x.date, x.agendaItemId, x.itemNumber, x.format);
        params.push(
          x.decisionKind,
          d.states,
          x.sectionId,
          x.link,
          x.title,
          x.body,
          d.words,
          d.extra,
          d.length,
          x.meetingId ?? null,
          x.speakerState ?? null,
        );
        if (dialect === 'postgres') params.push(d.tsv);
      }
      const inserted = await trx.executeQuery<{ n: number; id: string }>(
        CompiledQuery.raw(insertSql(dialect, batch.length), params),
      );
      const byId = new Map(batch.map((d) => [d.input.id, d]));
      for (const r of inserted.rows) {
        const d = byId.get(r.id)!;
        postings.push({ n: Number(r.n), length: d.length, terms: d.distinct, tf: d.tf });
      }
      if (dialect === 'sqlite') {
        const fts: unknown[] = [];
        for (const r of inserted.rows) {
          const d = byId.get(r.id)!;
          fts.push(Number(r.n), d.words, d.extra);
        }
        const marks = Array.from({ length: inserted.rows.length }, () => '(?, ?, ?)').join(', ');
        await trx.executeQuery(
          CompiledQuery.raw(`insert into search_fts (rowid, words, extra) values ${marks}`, fts),
        );
      }
      for (const d of batch) {
        terms += d.length;
        for (const t of d.distinct) count(df, t, d.input.lang, 1);
      }
    }
    const avgdl = await referenceLength(trx, docs);
    await applyStats(trx, df, docs.length, terms, await addPostings(trx, postings, avgdl));
  });
}

/**
 * BM25's reference length (bm25.ts): fixed when the first units are written into an empty index, from
 * their average length (a rebuild sets it from all units first, see reindexAll).
 */
async function referenceLength(db: Db, docs: IndexedDoc[]): Promise<number> {
  const r = await sql<{ value: number }>`select value from search_stat where key = 'avgdl'`.execute(db);
  const stored = Number(r.rows[0]?.value ?? 0);
  if (stored > 0) return stored / AVGDL_SCALE;
  return setReferenceLength(db, docs.reduce((sum, d) => sum + d.length, 0) / Math.max(1, docs.length));
}

async function setReferenceLength(db: Db, avgdl: number): Promise<number> {
  const scaled = Math.max(1, Math.round(avgdl * AVGDL_SCALE));
  await sql`update search_stat set value = ${scaled} where key = 'avgdl'`.execute(db);
  return scaled / AVGDL_SCALE;
}

async function inTransaction(db: Db, fn: (trx: Db) => Promise<void>): Promise<void> {
  if (db.isTransaction) return fn(db);
  await (db as Kysely<Database>).transaction().execute(fn);
}

/** Removes the documents whose `column` is one of `values` (and of one of `kinds`), with their term statistics. */
async function removeWhere(
  db: Db,
  column: 'id' | 'section_id' | 'entity_id' | 'meeting_id',
  values: string[],
  kinds?: DocKind[],
): Promise<number> {
  const dialect = dialectOf(db);
  const df: TermCounts = new Map();
  const lists: ListChanges = new Map();
  let docs = 0;
  let terms = 0;
  for (let i = 0; i < values.length; i += TERM_BATCH) {
    const chunk = values.slice(i, i + TERM_BATCH);
    const old = await db
      .selectFrom('search_doc')
      .select(['n', 'lang', 'words', 'extra', 'length'])
      .where(column, 'in', chunk)
      .$if(kinds !== undefined, (q) => q.where('kind', 'in', kinds!))
      .execute();
    if (old.length === 0) continue;
    const units: { n: number; terms: Set<string> }[] = [];
    for (const o of old) {
      docs++;
      terms += o.length;
      const distinct = new Set([...o.words.split(' '), ...o.extra.split(' ')]);
      distinct.delete('');
      for (const t of distinct) count(df, t, o.lang, -1);
      units.push({ n: Number(o.n), terms: distinct });
    }
    const ns = units.map((u) => u.n);
    mergeLists(lists, await removePostings(db, units));
    if (dialect === 'sqlite') {
      await sql`delete from search_fts where rowid in (${sql.join(ns)})`.execute(db);
    }
    await db.deleteFrom('search_doc').where('n', 'in', ns).execute();
  }
  if (docs > 0) await applyStats(db, df, -docs, -terms, lists);
  return docs;
}

/** Change in document frequency of each term: [Chinese units, English units]. */
type TermCounts = Map<string, [number, number]>;

function count(df: TermCounts, term: string, lang: string, delta: number): void {
  let c = df.get(term);
  if (!c) df.set(term, (c = [0, 0]));
  c[lang === 'zh' ? 0 : 1] += delta;
}

function mergeLists(into: ListChanges, from: ListChanges): void {
  for (const [term, c] of from) {
    const x = into.get(term);
    if (!x) into.set(term, { ...c });
    else {
      x.kept += c.kept;
      x.floor = Math.max(x.floor, c.floor);
    }
  }
}

/** Applies changes of document frequencies, totals and impact lists (sizes, floors) in `db`'s transaction. */
async function applyStats(
  db: Db,
  df: TermCounts,
  docs: number,
  terms: number,
  lists: ListChanges = new Map(),
): Promise<void> {
  const changed = new Map<string, [number, number, number, number]>();
  for (const [term, [zh, en]] of df) if (zh !== 0 || en !== 0) changed.set(term, [zh, en, 0, 0]);
  for (const [term, { kept, floor }] of lists) {
    if (kept === 0 && floor === 0) continue;
    const c = changed.get(term);
    if (c) [c[2], c[3]] = [kept, floor];
    else changed.set(term, [0, 0, kept, floor]);
  }
  const entries = [...changed];
  const dialect = dialectOf(db);
  const greatest = dialect === 'postgres' ? 'greatest' : 'max';
  for (let i = 0; i < entries.length; i += TERM_BATCH) {
    const chunk = entries.slice(i, i + TERM_BATCH);
    const marks = chunk.map((_, j) =>
      dialect === 'postgres'
        ? `($${6 * j + 1}, $${6 * j + 2}::integer, $${6 * j + 3}::integer, $${6 * j + 4}::integer, $${6 * j + 5}::integer, $${6 * j + 6}::double precision)`
        : '(?, ?, ?, ?, ?, ?)',
    );
    await db.executeQuery(
      CompiledQuery.raw(
        `insert into search_term (term, df, df_zh, df_en, kept, floor) values ${marks.join(', ')} on conflict (term) do update set df = search_term.df + excluded.df, df_zh = search_term.df_zh + excluded.df_zh, df_en = search_term.df_en + excluded.df_en, kept = search_term.kept + excluded.kept, floor = ${greatest}(search_term.floor, excluded.floor)`,
        chunk.flatMap(([term, [zh, en, kept, floor]]) => [term, zh + en, zh, en, kept, floor]),
      ),
    );
  }
  if (entries.some(([, [zh, en]]) => zh < 0 || en < 0))
    await sql`delete from search_term where df <= 0`.execute(db);
  await sql`update search_stat set value = value + ${docs} where key = 'docs'`.execute(db);
  await sql`update search_stat set value = value + ${terms} where key = 'terms'`.execute(db);
  await bumpVersion(db);
}

/** Says the blocks hold every unit of every term whose list is cut (blocks.ts; migration 016 clears it). */
async function markBlocksComplete(db: Db): Promise<void> {
  await sql`insert into search_stat (key, value) values ('blocks', 1)
            on conflict (key) do update set value = excluded.value`.execute(db);
}

/** Marks the index as changed: results and pages cached before this write no longer hold (see cache.ts). */
export async function bumpVersion(db: Db): Promise<void> {
  await sql`update search_stat set value = value + 1 where key = 'version'`.execute(db);
}

/** Indexes (or re-indexes) prepared documents; the bench and the record indexers go through here. */
export async function indexDocs(db: Db, inputs: DocInput[], opts: { fresh?: boolean } = {}): Promise<number> {
  const docs = await prepareDocs(inputs, dialectOf(db));
  await writeDocs(db, docs, opts);
  return docs.length;
}

/** Removes units from the index by id (with their term statistics and impact-list entries). */
export async function removeDocs(db: Db, ids: string[]): Promise<number> {
  let n = 0;
  await inTransaction(db, async (trx) => {
    n = await removeWhere(trx, 'id', ids);
  });
  return n;
}

/** Re-indexes one section's paragraphs and footnotes (call after ingesting or changing it). */
export async function indexSection(db: Db, sectionId: string): Promise<number> {
  let n = 0;
  await inTransaction(db, async (trx) => {
    await removeWhere(trx, 'section_id', [sectionId]);
    n = await indexDocs(trx, await sectionDocs(trx, sectionId));
  });
  return n;
}

/**
 * Re-indexes meetings (titles and briefers) by id. Their units are found by meeting, so a briefer the
 * record no longer holds leaves the index too.
 */
export async function indexMeetings(db: Db, meetingIds: string[]): Promise<number> {
  let n = 0;
  await inTransaction(db, async (trx) => {
    await removeWhere(trx, 'meeting_id', meetingIds, ['meeting', 'briefer']);
    n = await indexDocs(trx, await meetingDocs(trx, meetingIds));
  });
  return n;
}

/** Re-indexes the speeches of meetings (every turn of each, a turn the record no longer holds removed). */
export async function indexSpeeches(db: Db, meetingIds: string[]): Promise<number> {
  let n = 0;
  await inTransaction(db, async (trx) => {
    await removeWhere(trx, 'meeting_id', meetingIds, ['speech']);
    n = await indexDocs(trx, await speechDocs(trx, meetingIds));
  });
  return n;
}

/** Re-indexes decisions by id. */
export async function indexDecisions(db: Db, decisionIds: string[]): Promise<number> {
  let n = 0;
  await inTransaction(db, async (trx) => {
    await removeWhere(trx, 'entity_id', decisionIds);
    n = await indexDocs(trx, await decisionDocs(trx, decisionIds));
  });
  return n;
}

/**
 * Re-indexes what a write changed (ingestSection, ingestVerbatim report it), in `db`'s transaction: the
 * sections' paragraphs and footnotes; the meetings' titles and briefers, and their decisions and speeches,
 * which carry the meeting's date, format, item and symbol; the decisions; the speeches. Every unit of those
 * is removed and written again, so a unit the record no longer holds leaves the index. Returns how many
 * units were written; nothing changed, nothing is written (and the index version stays).
 */
export async function indexChanges(db: Db, changes: RecordChanges): Promise<number> {
  const meetings = [...new Set(changes.meetings)];
  let n = 0;
  await inTransaction(db, async (trx) => {
    for (const id of new Set(changes.sections)) n += await indexSection(trx, id);
    if (meetings.length > 0) n += await indexMeetings(trx, meetings);
    const held =
      meetings.length === 0
        ? []
        : await trx.selectFrom('decision').select('id').where('meeting_id', 'in', meetings).execute();
    const decisions = [...new Set([...changes.decisions, ...held.map((d) => d.id)])];
    if (decisions.length > 0) n += await indexDecisions(trx, decisions);
    const spoken = [...new Set([...changes.speeches, ...meetings])];
    if (spoken.length > 0) n += await indexSpeeches(trx, spoken);
  });
  return n;
}

/** Empties the index (documents, terms, totals) in `db`'s transaction. */
export async function clearIndex(db: Db): Promise<void> {
  if (dialectOf(db) === 'sqlite') {
    await sql`insert into search_fts (search_fts) values ('delete-all')`.execute(db);
  }
  await db.deleteFrom('search_doc').execute();
  await db.deleteFrom('search_posting').execute();
  await db.deleteFrom('search_block').execute();
  await db.deleteFrom('search_term').execute();
  await sql`update search_stat set value = 0 where key in ('docs', 'terms', 'avgdl')`.execute(db);
  await markBlocksComplete(db);
  await bumpVersion(db);
}

export interface ReindexReport {
  paragraphs: number;
  footnotes: number;
  meetings: number;
  briefers: number;
  decisions: number;
  speeches: number;
  total: number;
  ms: number;
}

/**
 * Whether the index may be behind the record. An import commits its records, then rebuilds the index; a
 * process killed in between would leave the index stale for good (a re-run finds nothing to change). So
 * the index is marked stale (committed) before such a write and fresh again by the rebuild, in the
 * rebuild's own transaction; `council doctor` reports a stale index and the next start or import rebuilds it.
 * The mark is the time it was set (ms since the epoch) in search_stat 'stale'; 0 or no row: fresh.
 */
export async function indexStaleSince(db: Db): Promise<string | null> {
  const row = await db
    .selectFrom('search_stat')
    .select('value')
    .where('key', '=', 'stale')
    .executeTakeFirst();
  return row && Number(row.value) > 0 ? new Date(Number(row.value)).toISOString() : null;
}

/** Marks the index as behind the record (what an import does before it writes). */
export async function markIndexStale(db: Db): Promise<void> {
  await markIndex(db, Date.now());
}

async function markIndex(db: Db, value: number): Promise<void> {
  await sql`insert into search_stat (key, value) values ('stale', ${value})
            on conflict (key) do update set value = excluded.value`.execute(db);
}

/**
 * Runs a write to the record that the index must follow (an import): the index is marked stale first, and
 * rebuilt after when the write changed something or the index was stale already.
 */
export async function followedByIndex<T>(
  store: Pick<Store, 'db'>,
  write: () => Promise<T>,
  changed: (result: T) => boolean,
): Promise<{ result: T; reindexed: ReindexReport | null }> {
  const wasStale = (await indexStaleSince(store.db)) !== null;
  if (!wasStale) await markIndexStale(store.db);
  let result: T;
  try {
    result = await write();
  } catch (e) {
    // The importers write all or nothing: a failed one changed nothing the index must follow.
    if (!wasStale) await markIndex(store.db, 0);
    throw e;
  }
  if (changed(result) || wasStale) return { result, reindexed: await reindexAll(store) };
  await markIndex(store.db, 0);
  return { result, reindexed: null };
}

/** Rebuilds the whole index from the record, in one transaction (which also marks it fresh). */
export async function reindexAll(store: Pick<Store, 'db'>): Promise<ReindexReport> {
  const t0 = performance.now();
  const counts = { paragraph: 0, footnote: 0, meeting: 0, briefer: 0, decision: 0, speech: 0 };
  await store.db.transaction().execute(async (trx) => {
    await clearIndex(trx);
    const sections = await trx.selectFrom('section').select('id').orderBy('id').execute();
    const all: DocInput[] = [];
    for (const s of sections) all.push(...(await sectionDocs(trx, s.id)));
    all.push(...(await meetingDocs(trx)));
    all.push(...(await decisionDocs(trx)));
    all.push(...(await speechDocs(trx)));
    for (const d of all) counts[d.kind]++;
    // Prepared first, so BM25's reference length is the average of the whole record.
    const prepared = await prepareDocs(all, dialectOf(trx));
    await setReferenceLength(
      trx,
      prepared.reduce((sum, d) => sum + d.length, 0) / Math.max(1, prepared.length),
    );
    for (let i = 0; i < prepared.length; i += 1000)
      await writeDocs(trx, prepared.slice(i, i + 1000), { fresh: true });
    await markIndex(trx, 0);
  });
  return {
    paragraphs: counts.paragraph,
    footnotes: counts.footnote,
    meetings: counts.meeting,
    briefers: counts.briefer,
    decisions: counts.decision,
    speeches: counts.speech,
    total: Object.values(counts).reduce((a, b) => a + b, 0),
    ms: Math.round(performance.now() - t0),
  };
}

/**
 * Rebuilds the impact lists from the stored terms, with the current average length as BM25's reference,
 * without reading the record (a full re-index, reindexAll, does the same from the record).
 */
export async function rebuildPostings(db: Db): Promise<void> {
  await inTransaction(db, async (trx) => {
    await trx.deleteFrom('search_posting').execute();
    await trx.deleteFrom('search_block').execute();
    await sql`update search_term set kept = 0, floor = 0`.execute(trx);
    await markBlocksComplete(trx);
    const stat = await sql<{ key: string; value: number }>`select key, value from search_stat`.execute(trx);
    const get = (k: string) => Number(stat.rows.find((r) => r.key === k)?.value ?? 0);
    const avgdl = await setReferenceLength(trx, get('terms') / Math.max(1, get('docs')));
    let after = -1;
    for (;;) {
      const rows = await trx
        .selectFrom('search_doc')
        .select(['n', 'words', 'extra', 'length'])
        .where('n', '>', after)
        .orderBy('n')
        .limit(2000)
        .execute();
      if (rows.length === 0) break;
      const docs = rows.map((r) => ({
        n: Number(r.n),
        length: Number(r.length),
        ...termFrequencies(r.words, r.extra),
      }));
      await applyStats(trx, new Map(), 0, 0, await addPostings(trx, docs, avgdl));
      after = Number(rows[rows.length - 1]!.n);
    }
  });
}
