import type { Store } from '../db.ts';

/**
 * `meeting.inferred`: the fields of the row that rest on an inference, not on a source stating them, as a
 * JSON object from field to the note that says so (a videoconference letter infers an open videoconference
 * from its published statements: `{"format": "Recorded from the letter S/2020/270: …"}`); null when every
 * field was stated. A source stating such a field later replaces the inferred value, without a conflict,
 * and its note leaves `notes` (src/store/record.ts): the record is the same in whichever order sources come.
 */
export async function up({ db }: Store): Promise<void> {
  await db.schema.alterTable('meeting').addColumn('inferred', 'text').execute();
}
