/**
 * Search results kept in memory by a long-running server (the API and the web search page), so a query
 * asked again costs one point read instead of a full search. Each result is stored with the index's
 * version (search_stat 'version', bumped by every index write in any process), and is used only while
 * the version is unchanged: an import, a re-index or a write through another server invalidates it.
 * Pages' fragments computed from the whole record are kept under the same rule (cachedFragment).
 */
import { sql } from 'kysely';
import { LRUCache } from 'lru-cache';
import { searchConfig } from '../config/config.ts';
import type { Store } from '../store/db.ts';
import type { Db } from './indexer.ts';
import { parseSearchParams, search, type SearchParams, type SearchResult } from './search.ts';

interface Entry {
  version: number;
  result: SearchResult;
}

/** Per database handle: the kept results, and the searches under way (shared by concurrent requests). */
interface CacheState {
  results: LRUCache<string, Entry>;
  inFlight: Map<string, Promise<SearchResult>>;
}
const states = new WeakMap<object, CacheState>();

async function indexVersion(db: Db): Promise<number> {
  const r = await sql<{ value: number }>`select value from search_stat where key = 'version'`.execute(db);
  return Number(r.rows[0]?.value ?? 0);
}

/** Pages' fragments kept per database handle, one per language, year and period: up to ~130 kB each. */
const FRAGMENTS = 128;
const fragmentStates = new WeakMap<object, LRUCache<string, { version: number; value: unknown }>>();

/**
 * What a page computes from the whole record (the home page's counts, the statistics page's figures and
 * charts), computed once per version of the record and kept in memory, under the same rule as search
 * results: an import, a re-index or a write through another server bumps the index version, and the next
 * request computes it afresh. `key` names the fragment and everything it depends on (page, language,
 * year…). Off when the search cache is (SEARCH_CACHE_SIZE=0).
 */
export async function cachedFragment<T>(
  store: Pick<Store, 'db'>,
  key: string,
  compute: () => Promise<T>,
): Promise<T> {
  if (searchConfig().cacheSize <= 0) return compute();
  let fragments = fragmentStates.get(store.db);
  if (!fragments) {
    fragments = new LRUCache({ max: FRAGMENTS });
    fragmentStates.set(store.db, fragments);
  }
  // Read before computing, as for search results: a write landing meanwhile leaves the older version.
  const version = await indexVersion(store.db);
  const hit = fragments.get(key);
  if (hit && hit.version === version) return hit.value as T;
  const value = await compute();
  fragments.set(key, { version, value });
  return value;
}

/** As search(), answered from memory when the same query was asked since the index last changed. */
export async function cachedSearch(
  store: Pick<Store, 'db'>,
  input: SearchParams,
): Promise<SearchResult & { cached: boolean }> {
  // Distinct queries kept per database handle (SEARCH_CACHE_SIZE); a result is a few kilobytes.
  const size = searchConfig().cacheSize;
  if (size <= 0) return { ...(await search(store, input)), cached: false };
  const t0 = performance.now();
  // Validated first, so a bad parameter is the same 400 whether or not anything is cached.
  const params = parseSearchParams(input);
  const key = JSON.stringify(params);
  let state = states.get(store.db);
  if (!state) {
    state = { results: new LRUCache({ max: size }), inFlight: new Map() };
    states.set(store.db, state);
  }
  const { results, inFlight } = state;
  // Read before searching: a write landing during the search leaves the entry tagged with the older
  // version, so it is never served after that write.
  const version = await indexVersion(store.db);
  const hit = results.get(key);
  if (hit && hit.version === version) {
    return { ...hit.result, cached: true, ms: Math.round((performance.now() - t0) * 10) / 10 };
  }
  // Concurrent requests for the same query while it is being answered share one search.
  const flightKey = `${version} ${key}`;
  let flight = inFlight.get(flightKey);
  if (!flight) {
    flight = search(store, params).finally(() => inFlight.delete(flightKey));
    inFlight.set(flightKey, flight);
  }
  const result = await flight;
  results.set(key, { version, result });
  return { ...result, cached: false };
}
