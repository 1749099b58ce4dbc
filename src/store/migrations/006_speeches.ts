import { sql } from 'kysely';
import type { Store } from '../db.ts';

/**
 * Speeches from the verbatim records: one row per turn (speaker, order, text, page), owned by the source
 * that gave it. The search index gains the meeting and the speaker's state of each unit, so speeches can
 * be filtered by the meeting they were made at and by who made them (not only by the states they name).
 */
export async function up({ db }: Store): Promise<void> {
  await db.schema
    .createTable('speech')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('meeting_id', 'text', (c) => c.notNull())
    .addColumn('source_id', 'text', (c) => c.notNull())
    .addColumn('ordinal', 'integer', (c) => c.notNull())
    .addColumn('speaker', 'text', (c) => c.notNull())
    .addColumn('state', 'text')
    .addColumn('organisation', 'text')
    .addColumn('language', 'text')
    .addColumn('page', 'integer')
    .addColumn('text', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('speech_meeting').on('speech').columns(['meeting_id', 'ordinal']).execute();
  await db.schema.createIndex('speech_state').on('speech').column('state').execute();
  await sql`alter table search_doc add column meeting_id text`.execute(db);
  await sql`alter table search_doc add column speaker_state text`.execute(db);
}
