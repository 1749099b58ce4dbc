/**
 * Okapi BM25 (k1 1.2, b 0.75): one function for a term's weight in a unit, used both when a unit is
 * written (the impact kept in search_posting, see postings.ts) and when a query ranks its matches
 * (search.ts), so the bounds kept on write are exact bounds of the scores computed on read.
 *
 * The average unit length BM25 normalises by is the index's reference length (search_stat 'avgdl'), fixed
 * when the index is first written or rebuilt, not the average of the moment: a weight kept on write then
 * stays true as units are added, which is what lets a query stop reading early and still rank exactly.
 */
export const K1 = 1.2;
export const B = 0.75;

/** The term-frequency part of BM25 for `tf` occurrences in a unit of `length` terms. */
export function impact(tf: number, length: number, avgdl: number): number {
  return (tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * length) / avgdl));
}

/**
 * The weight of occurrences counted together (a query term's alternatives, China | state:chn) from the
 * weights each has alone in the same unit: impact(tf, …) = (k1 + 1)·r / (1 + r) with r = tf / K(length),
 * so r = w / (k1 + 1 − w) recovers each one's r without the unit's length, and the r add up. Exact, and
 * increasing in every weight, so weights that are upper bounds give an upper bound — far below their sum,
 * which counts the saturation twice (a unit naming 俄罗斯联邦 holds state:rus as often).
 */
export function combinedImpact(a: number, b: number): number {
  const c = K1 + 1;
  if (a >= c || b >= c) return c;
  const r = a / (c - a) + b / (c - b);
  return (c * r) / (1 + r);
}

/** Inverse document frequency of a term in `df` of `docs` units (Lucene's, never negative). */
export function idf(df: number, docs: number): number {
  return Math.log(1 + (docs - df + 0.5) / (df + 0.5));
}

/** search_stat keeps integers: the reference length is stored in thousandths. */
export const AVGDL_SCALE = 1000;
