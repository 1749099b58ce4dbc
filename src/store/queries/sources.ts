import type { Db } from '../record.ts';
import type { SourceRow } from './rows.ts';

export function sourceRow(db: Db, id: string): Promise<SourceRow | undefined> {
  return db.selectFrom('source').selectAll().where('id', '=', id).executeTakeFirst();
}

export function listSources(db: Db): Promise<SourceRow[]> {
  return db.selectFrom('source').selectAll().orderBy('id').execute();
}

/** How many entities of each type a source speaks for. */
export async function sourceCounts(db: Db, id: string): Promise<{ entity_type: string; n: number }[]> {
  const rows = await db
    .selectFrom('provenance')
    .select(['entity_type', (eb) => eb.fn.countAll<number>().as('n')])
    .where('source_id', '=', id)
    .groupBy('entity_type')
    .orderBy('entity_type')
    .execute();
  return rows.map((r) => ({ ...r, n: Number(r.n) }));
}

/** What the last import of a source refused: counts by reason, and the first rows of the list. */
export async function refusalsOf(
  db: Db,
  sourceId: string,
  limit = 200,
): Promise<{
  byReason: { reason: string; n: number }[];
  rows: { reason: string; locator: string; subject: string | null; message: string }[];
  total: number;
}> {
  const byReason = await db
    .selectFrom('import_refusal')
    .select(['reason', (eb) => eb.fn.countAll<number>().as('n')])
    .where('source_id', '=', sourceId)
    .groupBy('reason')
    .orderBy('n', 'desc')
    .execute();
  const rows = await db
    .selectFrom('import_refusal')
    .select(['reason', 'locator', 'subject', 'message'])
    .where('source_id', '=', sourceId)
    .where('reason', '!=', 'not_in_record')
    .orderBy('ordinal')
    .limit(limit)
    .execute();
  return {
    byReason: byReason.map((r) => ({ reason: r.reason, n: Number(r.n) })),
    rows,
    total: byReason.reduce((a, r) => a + Number(r.n), 0),
  };
}

/** Every source's id, kind, title and address, by id. */
export function sourceSummaries(db: Db) {
  return db.selectFrom('source').select(['id', 'kind', 'title', 'uri']).orderBy('id').execute();
}
