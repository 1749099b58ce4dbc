import { sql } from 'kysely';
import type { Store } from '../db.ts';

/**
 * Search: a meeting's units (its titles, briefers and speeches) found by the meeting they belong to, so
 * re-indexing a meeting after a write (indexer.ts indexMeetings, indexSpeeches) also removes the units of
 * a briefer or a speech the record no longer holds, without reading every unit. Partial: sections' units
 * and most decisions carry no meeting.
 */
export async function up({ db }: Store): Promise<void> {
  await sql`create index search_doc_meeting on search_doc (meeting_id) where meeting_id is not null`.execute(
    db,
  );
}
