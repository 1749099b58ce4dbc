import { sql, type SelectQueryBuilder } from 'kysely';
import type { Database } from '../schema.ts';

/** A query over meetings or decisions, the two dated records the lists filter and order alike. */
export type DatedQuery<T extends 'meeting' | 'decision'> = SelectQueryBuilder<Database, T, object>;

/**
 * The year and agenda-item filters meetings and decisions share. The year is a date range (not LIKE) so
 * the date index serves it; item numbers restart each year, so without a year an item number matches that
 * number in every year.
 */
export function whereYearAndItem<T extends 'meeting' | 'decision'>(
  q: SelectQueryBuilder<Database, T, object>,
  table: T,
  f: { year?: number | undefined; item?: number | undefined },
): SelectQueryBuilder<Database, T, object> {
  let out = q;
  const { year, item } = f;
  if (year !== undefined)
    out = out
      .where(sql.ref(`${table}.date`), '>=', `${year}-01-01`)
      .where(sql.ref(`${table}.date`), '<=', `${year}-12-31`);
  if (item !== undefined) {
    // Written out: Kysely cannot type a sub-query's tables inside a query generic over its table.
    const ofYear = year !== undefined ? sql` and agenda_item.year = ${year}` : sql``;
    out = out.where(
      sql<boolean>`${sql.ref(`${table}.agenda_item_id`)} in (select agenda_item.id from agenda_item where agenda_item.number = ${item}${ofYear})`,
    );
  }
  return out;
}

/**
 * The order meetings and decisions are listed in: by date, then by id so that a page of the list is stable
 * (`desc`: newest first, both keys).
 */
export function inDateOrder<T extends 'meeting' | 'decision', O>(
  q: SelectQueryBuilder<Database, T, O>,
  table: T,
  direction: 'asc' | 'desc' = 'asc',
): SelectQueryBuilder<Database, T, O> {
  return q.orderBy(sql.ref(`${table}.date`), direction).orderBy(sql.ref(`${table}.id`), direction);
}
