/**
 * Search results kept in memory by a long-running server (the API and the web search page), so a query
 * asked again costs one point read instead of a full search. Each result is stored with the index's
 * version (search_stat 'version', bumped by every index write in any process), and is used only while
 * the version is unchanged: an import, a re-index or a write through another server invalidates it.
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

const caches = new WeakMap<object, LRUCache<string, Entry>>();

export async function indexVersion(db: Db): Promise<number> {
  const r = await sql<{ value: number }>`select value from search_stat where key = 'version'`.execute(db);
  return Number(r.rows[0]?.value ?? 0);
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
  let cache = caches.get(store.db);
  if (!cache) caches.set(store.db, (cache = new LRUCache({ max: size })));
  // Read before searching: a write landing during the search leaves the entry tagged with the older
  // version, so it is never served after that write.
  const version = await indexVersion(store.db);
  const hit = cache.get(key);
  if (hit && hit.version === version) {
    return { ...hit.result, cached: true, ms: Math.round((performance.now() - t0) * 10) / 10 };
  }
  const result = await search(store, params);
  cache.set(key, { version, result });
  return { ...result, cached: false };
}
