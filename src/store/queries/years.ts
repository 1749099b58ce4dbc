import { sql } from 'kysely';
import type { Db } from '../record.ts';
import type { DecisionRow, MeetingRow } from './rows.ts';

const yearOf = sql<string>`substr(date, 1, 4)`;

/** Meetings by year and format, decisions by year and kind (undated decisions under year ''). */
export async function countsByYear(db: Db): Promise<{
  meetings: { year: string; format: MeetingRow['format']; n: number }[];
  decisions: { year: string; kind: DecisionRow['kind']; n: number }[];
}> {
  const meetings = await db
    .selectFrom('meeting')
    .select([yearOf.as('year'), 'format', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy([yearOf, 'format'])
    .orderBy(yearOf)
    .execute();
  const decisions = await db
    .selectFrom('decision')
    .select([
      sql<string>`coalesce(substr(date, 1, 4), '')`.as('year'),
      'kind',
      (eb) => eb.fn.countAll<number>().as('n'),
    ])
    .groupBy([sql`coalesce(substr(date, 1, 4), '')`, 'kind'])
    .orderBy(sql`coalesce(substr(date, 1, 4), '')`)
    .execute();
  return {
    meetings: meetings.map((r) => ({ ...r, n: Number(r.n) })),
    decisions: decisions.map((r) => ({ ...r, n: Number(r.n) })),
  };
}

/** The first and last years of the record's meetings and decisions (read from the date indexes). */
export async function yearSpan(db: Db): Promise<{ first: number; last: number } | undefined> {
  // One end per query: SQLite answers a lone min() or max() from the index, not both in one statement.
  const end = (table: 'meeting' | 'decision', dir: 'asc' | 'desc') =>
    db
      .selectFrom(table)
      .select('date')
      .where('date', 'is not', null)
      .orderBy('date', dir)
      .limit(1)
      .executeTakeFirst()
      .then((r) => r?.date ?? undefined);
  const dates = await Promise.all([
    end('meeting', 'asc'),
    end('decision', 'asc'),
    end('meeting', 'desc'),
    end('decision', 'desc'),
  ]);
  const firsts = dates.slice(0, 2).filter((x): x is string => !!x);
  const lasts = dates.slice(2).filter((x): x is string => !!x);
  if (firsts.length === 0) return undefined;
  return {
    first: Number(firsts.sort()[0]!.slice(0, 4)),
    last: Number(lasts.sort().at(-1)!.slice(0, 4)),
  };
}

export async function yearsInRecord(db: Db): Promise<number[]> {
  const rows = await db.selectFrom('meeting').select(yearOf.as('year')).distinct().orderBy('year').execute();
  return rows.map((r) => Number(r.year)).filter((y) => Number.isInteger(y));
}

/** Decisions dated in the years from..to (inclusive) counted by year and kind (in no particular order). */
export function decisionKindsByYear(
  db: Db,
  from: number,
  to: number,
): Promise<{ year: string; kind: DecisionRow['kind']; n: number }[]> {
  // Counted by the database: over the whole history that is a few hundred rows instead of every decision.
  return db
    .selectFrom('decision')
    .select([yearOf.as('year'), 'kind', (eb) => eb.fn.countAll<number>().as('n')])
    .where('date', '>=', `${from}-01-01`)
    .where('date', '<=', `${to}-12-31`)
    .groupBy([yearOf, 'kind'])
    .execute();
}

/** The date and format of every meeting of a year (in no particular order). */
export function meetingFormatsOfYear(
  db: Db,
  year: number,
): Promise<{ date: string; format: MeetingRow['format'] }[]> {
  return db
    .selectFrom('meeting')
    .select(['date', 'format'])
    .where('date', '>=', `${year}-01-01`)
    .where('date', '<=', `${year}-12-31`)
    .execute();
}
