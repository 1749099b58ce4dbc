import { sql } from 'kysely';
import type { Store } from '../db.ts';

/**
 * What each member's vote rests on, and what an import refused.
 * - vote.basis: 'recorded' when a source gives the vote itself, 'tally' when the record proves it from the
 *   decision's tally and the other members' known votes (15-0-0, or 13-2-0 with both negative votes known);
 *   vote.source_id names the source of a recorded vote. Rows written before this migration keep null (unknown).
 * - import_refusal: every row an import refused and why, kept per source so the sources page can show it.
 * - indexes for the statistics over the whole history: decisions by kind (the vetoed drafts of every decade)
 *   and by date and kind (decisions per year since 1946, counted from the index alone).
 */
export async function up({ db }: Store): Promise<void> {
  await sql`alter table vote add column basis text`.execute(db);
  await sql`alter table vote add column source_id text`.execute(db);
  await db.schema
    .createTable('import_refusal')
    .addColumn('source_id', 'text', (c) => c.notNull().references('source.id').onDelete('cascade'))
    .addColumn('ordinal', 'integer', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('locator', 'text', (c) => c.notNull())
    .addColumn('line', 'integer')
    .addColumn('subject', 'text')
    .addColumn('message', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('import_refusal_pk', ['source_id', 'ordinal'])
    .execute();
  await db.schema.createIndex('decision_kind').on('decision').column('kind').execute();
  await db.schema.createIndex('decision_date_kind').on('decision').columns(['date', 'kind']).execute();
}
