import type { Store } from './db.ts';
import type { Database } from './schema.ts';

/** The tables whose row counts describe what the record holds (doctor, API root, home page). */
export const COUNTED_TABLES = [
  'source',
  'agenda_item',
  'meeting',
  'participant',
  'document',
  'decision',
  'vote',
  'section',
  'paragraph',
  'footnote',
  'citation',
  'position',
  'provenance',
  'conflict',
] as const satisfies readonly (keyof Database)[];

export async function countRecords(store: Store): Promise<Record<(typeof COUNTED_TABLES)[number], number>> {
  const out = {} as Record<(typeof COUNTED_TABLES)[number], number>;
  for (const table of COUNTED_TABLES) {
    const row = await store.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    out[table] = Number(row.n);
  }
  return out;
}
