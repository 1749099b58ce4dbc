import type { Store } from '../db.ts';

/**
 * `meeting.sub_items_en`: the sub-items of the meeting's agenda item as its verbatim record's cover prints
 * them in English ("Report of the Secretary-General on the situation in Mali (S/2019/983)"), a JSON array
 * of strings in cover order; null when no source gave them. The Repertoire's "Sub-item" cell shows them.
 */
export async function up({ db }: Store): Promise<void> {
  await db.schema.alterTable('meeting').addColumn('sub_items_en', 'text').execute();
}
