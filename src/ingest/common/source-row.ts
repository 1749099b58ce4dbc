import type { Insertable } from 'kysely';
import { upsertSource, type Db, type Outcome } from '../../store/record.ts';
import type { SourceTable } from '../../store/tables/core.ts';

/**
 * Records a source document that keeps its first import time: the same bytes again write nothing (a
 * source whose rows are replaced as a whole, such as a verbatim record's speeches, must not look changed).
 */
export async function recordSource(
  db: Db,
  s: Omit<Insertable<SourceTable>, 'imported_at'>,
): Promise<Outcome> {
  const existing = await db
    .selectFrom('source')
    .select('imported_at')
    .where('id', '=', s.id)
    .executeTakeFirst();
  return upsertSource(db, { ...s, imported_at: existing?.imported_at ?? new Date().toISOString() });
}
