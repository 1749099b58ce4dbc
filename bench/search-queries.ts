/**
 * The timed queries of the search benchmark, run in a process of their own, as a server answers
 * searches: not in the process that has just indexed a million paragraphs, whose heap is still full of
 * what indexing left (its garbage collections doubled the latency measured there). Prints JSON.
 *
 *   node --import tsx bench/search-queries.ts ROUNDS   (the database from the environment)
 */
import { CompiledQuery } from 'kysely';
import { loadConfig } from '../src/config/config.ts';
import { search } from '../src/search/search.ts';
import { openStore, type Store } from '../src/store/db.ts';
import { timed } from './measure.ts';

/** Queries of the latency mix: words, phrases, names, symbols, in both languages. */
export const QUERIES = [
  '维和人员',
  '保护平民',
  '俄罗斯联邦',
  '马里稳定团',
  '人权',
  '性剥削和性虐待',
  'peacekeeping',
  'protection of civilians',
  '"safety and security"',
  'Mali',
  'humanitarian access',
  'Cyprus',
  'China',
  'S/2019/514',
  'S/RES/2047 (2002)',
  '2047',
  'Security Council 安理会',
];
/** The subset a substring scan can answer (LIKE and ripgrep take the text as written). */
export const SCAN_QUERIES = [
  '维和人员',
  '保护平民',
  '俄罗斯联邦',
  '人权',
  'peacekeeping',
  'humanitarian access',
  'Cyprus',
  'S/2019/514',
];

export interface QueryTimings {
  /** Whole search path (parse, match, BM25, snippets), per query and round. */
  lat: number[];
  /** CPU time of this process per query (SQLite runs in it; PostgreSQL's work is elsewhere). */
  cpu: number[];
  /** `lat` of the SCAN_QUERIES only, to compare with the scans. */
  scanLat: number[];
  /** LIKE '%q%' returning every matching row, per SCAN_QUERIES query. */
  like: number[];
  /** The slowest query and its time. */
  slowest: { q: string; ms: number };
}

export async function measureQueries(store: Store, rounds: number): Promise<QueryTimings> {
  // One warm-up round (pages into the cache, the segmenter's dictionary loaded).
  for (const q of QUERIES) await search(store, { q });
  const t: QueryTimings = { lat: [], cpu: [], scanLat: [], like: [], slowest: { q: '', ms: 0 } };
  for (let r = 0; r < rounds; r++) {
    for (const q of QUERIES) {
      const c0 = process.cpuUsage();
      const ms = await timed(() => search(store, { q }));
      const c = process.cpuUsage(c0);
      t.cpu.push((c.user + c.system) / 1000);
      t.lat.push(ms);
      if (SCAN_QUERIES.includes(q)) t.scanLat.push(ms);
      if (ms > t.slowest.ms) t.slowest = { q, ms };
    }
  }
  for (const q of SCAN_QUERIES) {
    const like = CompiledQuery.raw(
      `select id from search_doc where body like ${store.dialect === 'postgres' ? '$1' : '?'}`,
      [`%${q}%`],
    );
    t.like.push(await timed(() => store.db.executeQuery(like)));
  }
  return t;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const store = openStore(loadConfig().database);
  try {
    process.stdout.write(JSON.stringify(await measureQueries(store, Number(process.argv[2] ?? 3))));
  } finally {
    await store.close();
  }
}
