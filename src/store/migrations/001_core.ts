import type { Store } from '../db.ts';

/** The core record: sources, agenda items, meetings, participants, decisions, votes, sections, provenance. */
export async function up({ db }: Store): Promise<void> {
  const s = db.schema;
  await s
    .createTable('source')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('uri', 'text', (c) => c.notNull())
    .addColumn('title', 'text')
    .addColumn('lang', 'text')
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('imported_at', 'text', (c) => c.notNull())
    .execute();
  await s
    .createTable('agenda_item')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('number', 'integer')
    .addColumn('title_zh', 'text')
    .addColumn('title_en', 'text')
    .addColumn('category', 'text', (c) => c.notNull())
    .execute();
  await s
    .createTable('meeting')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('record_symbol', 'text')
    .addColumn('letter_date', 'text')
    .addColumn('title_zh', 'text')
    .addColumn('title_en', 'text')
    .addColumn('agenda_item_id', 'text', (c) => c.references('agenda_item.id'))
    .addColumn('topic', 'text')
    .addColumn('presidency', 'text')
    .addColumn('initiative', 'text')
    .addColumn('chair', 'text')
    .addColumn('notes', 'text')
    .execute();
  await s.createIndex('meeting_date').on('meeting').column('date').execute();
  await s.createIndex('meeting_item').on('meeting').column('agenda_item_id').execute();
  await s
    .createTable('participant')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('meeting.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('role_zh', 'text')
    .addColumn('role_en', 'text')
    .addColumn('office', 'text')
    .addColumn('organisation', 'text')
    .addColumn('mission', 'text')
    .addColumn('state', 'text')
    .addColumn('name', 'text')
    .addColumn('gender', 'text')
    .addColumn('ordinal', 'integer', (c) => c.notNull())
    .execute();
  await s.createIndex('participant_meeting').on('participant').column('meeting_id').execute();
  await s
    .createTable('document')
    .addColumn('symbol', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('date', 'text')
    .addColumn('title_zh', 'text')
    .addColumn('title_en', 'text')
    .execute();
  await s
    .createTable('decision')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('symbol', 'text')
    .addColumn('draft_symbol', 'text')
    .addColumn('meeting_id', 'text', (c) => c.references('meeting.id'))
    .addColumn('agenda_item_id', 'text', (c) => c.references('agenda_item.id'))
    .addColumn('date', 'text')
    .addColumn('modality', 'text')
    .addColumn('adopted', 'integer')
    .addColumn('vote_for', 'integer')
    .addColumn('vote_against', 'integer')
    .addColumn('vote_abstaining', 'integer')
    .addColumn('vote_absent', 'integer')
    .addColumn('written_procedure_letter', 'text')
    .addColumn('record_letter', 'text')
    .addColumn('title', 'text')
    .addColumn('vetoed_by', 'text')
    .execute();
  await s.createIndex('decision_date').on('decision').column('date').execute();
  await s
    .createTable('vote')
    .addColumn('decision_id', 'text', (c) => c.notNull().references('decision.id').onDelete('cascade'))
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('vote', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('vote_pk', ['decision_id', 'state'])
    .execute();
  await s
    .createTable('section')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('source_id', 'text', (c) => c.notNull().references('source.id'))
    .addColumn('agenda_item_id', 'text', (c) => c.notNull().references('agenda_item.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('lang', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .execute();
  await s
    .createTable('paragraph')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('section_id', 'text', (c) => c.notNull().references('section.id').onDelete('cascade'))
    .addColumn('ordinal', 'integer', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('lang', 'text', (c) => c.notNull())
    .execute();
  await s
    .createTable('footnote')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('section_id', 'text', (c) => c.notNull().references('section.id').onDelete('cascade'))
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('paragraph_ordinal', 'integer')
    .addColumn('marker_offset', 'integer')
    .execute();
  await s
    .createTable('citation')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('footnote_id', 'text', (c) => c.notNull().references('footnote.id').onDelete('cascade'))
    .addColumn('ordinal', 'integer', (c) => c.notNull())
    .addColumn('symbol', 'text', (c) => c.notNull())
    .addColumn('paragraphs', 'text')
    .execute();
  await s.createIndex('citation_symbol').on('citation').column('symbol').execute();
  await s
    .createTable('position')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('meeting_id', 'text', (c) => c.references('meeting.id'))
    .addColumn('agenda_item_id', 'text', (c) => c.references('agenda_item.id'))
    .addColumn('paragraph_id', 'text')
    .addColumn('footnote_id', 'text')
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('lang', 'text', (c) => c.notNull())
    .addColumn('states', 'text', (c) => c.notNull())
    .execute();
  await s
    .createTable('provenance')
    .addColumn('entity_type', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('source_id', 'text', (c) => c.notNull().references('source.id'))
    .addColumn('locator', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('provenance_pk', ['entity_type', 'entity_id', 'source_id', 'locator'])
    .execute();
  await s.createIndex('provenance_source').on('provenance').column('source_id').execute();
  await s
    .createTable('conflict')
    .addColumn('entity_type', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('field', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('source_id', 'text', (c) => c.notNull().references('source.id'))
    .addColumn('locator', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('conflict_pk', ['entity_type', 'entity_id', 'field', 'source_id', 'locator'])
    .execute();
}
