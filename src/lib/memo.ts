/**
 * A pure function of a string, its answers kept by argument: for words, stems and script stretches that recur
 * across texts. At most `limit` are kept and all are dropped at once when full — as good as an LRU for a small
 * vocabulary, and no bookkeeping per lookup.
 */
export function memoised<V>(limit: number, compute: (key: string) => V): (key: string) => V {
  const kept = new Map<string, V>();
  return (key) => {
    let value = kept.get(key);
    if (value === undefined) {
      value = compute(key);
      if (kept.size >= limit) kept.clear();
      kept.set(key, value);
    }
    return value;
  };
}
