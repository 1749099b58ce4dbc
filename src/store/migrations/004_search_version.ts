import { sql } from 'kysely';
import type { Store } from '../db.ts';

/**
 * A counter bumped by every write to the search index, so a server can keep search results in memory and
 * know, with one point read, whether they still hold (also when another process or server wrote).
 */
export async function up({ db }: Store): Promise<void> {
  await sql`insert into search_stat (key, value) values ('version', 0)`.execute(db);
}
