/**
 * BM25 (bm25.ts) as an SQL expression over the stored terms, so that a query the impact lists cannot
 * prove is ranked by the backend, which returns only the best few matches instead of every one of them
 * (hundreds of thousands of rows of text for a common word at 1M units). The database's sums may round
 * differently from JavaScript's in the last bits, so the caller re-scores what comes back with rank()
 * and accepts the page only when it clears the best score left behind by a margin (search.ts).
 *
 * A term's frequency in a unit is counted as countPhrase() in search.ts counts it, with replace():
 * the term stream with every separator doubled holds ` w ` once per occurrence of w, without overlaps.
 * A phrase that can overlap itself ("a b a") would be counted differently that way, so such a query is
 * not scored here (`sqlScorable`).
 */
import { sql, type RawBuilder } from 'kysely';
import { B, K1 } from './bm25.ts';
import type { QueryTerm, Strictness } from './query.ts';

/** Whether the entity-term rule of rank() counts this alternative in the extra terms as well. */
export function countsInExtra(t: QueryTerm, a: string[]): boolean {
  return a.length === 1 && (!t.wordsOnly || /^(state|mission|office):/.test(a[0]!));
}

/** True when some proper prefix of the phrase is also its suffix ("a b a"): its occurrences can overlap. */
function overlapsItself(a: string[]): boolean {
  for (let k = 1; k < a.length; k++) {
    if (a.slice(0, k).every((w, i) => w === a[a.length - k + i])) return true;
  }
  return false;
}

/** Whether the terms can be scored in SQL with the same frequencies rank() counts. */
export function sqlScorable(used: QueryTerm[]): boolean {
  return used.every((t) => t.alternatives.every((a) => !overlapsItself(a)));
}

/**
 * Each term's frequency in a unit of `alias` (one SQL expression per term), and, over columns holding
 * them, the unit's BM25 score and whether it matches at `level` (every term occurs; at 'or', any).
 * `idfs` are the terms' IDFs, `avgdl` the reference length. The frequencies are meant to be computed
 * once, in a materialized step, and scored after: each is read several times by the score.
 */
export function scoreSql(
  used: QueryTerm[],
  level: Strictness,
  idfs: number[],
  avgdl: number,
  alias: string,
  dialect: 'sqlite' | 'postgres',
): {
  tfs: RawBuilder<number>[];
  score: (tfs: RawBuilder<number>[], length: RawBuilder<number>) => RawBuilder<number>;
  matches: (tfs: RawBuilder<number>[]) => RawBuilder<boolean>;
} {
  const real = sql.raw(dialect === 'postgres' ? 'double precision' : 'real');
  const num = (x: number) => sql`cast(${x} as ${real})`;
  const doubled = (col: string) => sql`(' ' || replace(${sql.ref(`${alias}.${col}`)}, ' ', '  ') || ' ')`;
  const count = (col: string, a: string[]) => {
    const needle = ` ${a.join('  ')} `;
    return sql`((length(${doubled(col)}) - length(replace(${doubled(col)}, ${needle}, ''))) / ${needle.length})`;
  };
  const tfs = used.map((t) => {
    const parts = t.alternatives.flatMap((a) => [
      count('words', a),
      ...(countsInExtra(t, a) ? [count('extra', a)] : []),
    ]);
    return sql<number>`(${sql.join(parts, sql` + `)})`;
  });
  return {
    tfs,
    score: (cols, length) => {
      const norm = sql`(${num(K1)} * (${num(1 - B)} + ${num(B)} * ${length} / ${num(avgdl)}))`;
      const weights = cols.map(
        (tf, i) =>
          sql`case when ${tf} > 0 then ${num(idfs[i]!)} * (${tf} * ${num(K1 + 1)} / (${tf} + ${norm})) else ${num(0)} end`,
      );
      return sql<number>`(${sql.join(weights, sql` + `)})`;
    },
    matches: (cols) =>
      sql<boolean>`(${sql.join(
        cols.map((tf) => sql`${tf} > 0`),
        level === 'or' ? sql` or ` : sql` and `,
      )})`,
  };
}
