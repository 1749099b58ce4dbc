import { sql } from 'kysely';
import type { Store } from '../db.ts';

/**
 * Search: a query that is one state's name puts the speeches of that state's representatives first
 * (search.ts, actorUnits); this index finds them without reading every unit. Partial: most units are not
 * speeches.
 */
export async function up({ db }: Store): Promise<void> {
  await sql`create index search_doc_speaker on search_doc (speaker_state) where speaker_state is not null`.execute(
    db,
  );
}
