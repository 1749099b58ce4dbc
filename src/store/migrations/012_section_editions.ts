import type { Store } from '../db.ts';

/**
 * One set of positions for the Chinese and English editions of a section, and versions of a section.
 * - `position_text`: a position is one row of `position`; each edition that states it adds its own summary
 *   and the paragraph/footnote it comes from here (the `position` row keeps the first edition's, as before).
 * - `section_version`: every text of a section an editor checked (a draft) or that became the record
 *   (published, later superseded), with its text, so an earlier version stays readable with its provenance.
 */
export async function up({ db }: Store): Promise<void> {
  const s = db.schema;
  await s
    .createTable('position_text')
    .addColumn('position_id', 'text', (c) => c.notNull().references('position.id').onDelete('cascade'))
    .addColumn('lang', 'text', (c) => c.notNull())
    .addColumn('source_id', 'text', (c) => c.notNull().references('source.id'))
    .addColumn('section_id', 'text', (c) => c.notNull())
    .addColumn('paragraph_id', 'text')
    .addColumn('footnote_id', 'text')
    .addColumn('summary', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('position_text_pk', ['position_id', 'lang'])
    .execute();
  await s.createIndex('position_text_section').on('position_text').column('section_id').execute();
  await s
    .createTable('section_version')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('section_id', 'text', (c) => c.notNull())
    .addColumn('agenda_item_id', 'text', (c) => c.notNull())
    .addColumn('lang', 'text', (c) => c.notNull())
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('uri', 'text', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('findings', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('published_at', 'text')
    .addColumn('superseded_at', 'text')
    .execute();
  await s.createIndex('section_version_section').on('section_version').column('section_id').execute();
}
