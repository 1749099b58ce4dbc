import type { Store } from '../db.ts';

/**
 * A participant's name as the source printed it, beside the name the record keeps. Sources read by OCR
 * (the 2020 videoconference letters) print "Sven Jiirgenson" for Mr. Jürgenson: `name` holds the
 * normalised name, `name_printed` the printed one, and `name_check` says how far the name rests on the
 * reference data: 'matched' (as known), 'corrected' (fuzzy match within the state), 'unresolved' (kept as
 * printed). Null for sources whose names are not checked.
 */
export async function up({ db }: Store): Promise<void> {
  await db.schema.alterTable('participant').addColumn('name_printed', 'text').execute();
  await db.schema.alterTable('participant').addColumn('name_check', 'text').execute();
}
