import type { Store } from '../db.ts';

/**
 * procedure.rehearsal: 1 for a rehearsal (kept apart: it never enters the record), null for a real
 * procedure. Null rather than 0 so the procedures logged before this column replay unchanged from the
 * audit log (src/procedure/audit-replay.ts compares every column).
 */
export async function up({ db }: Store): Promise<void> {
  await db.schema.alterTable('procedure').addColumn('rehearsal', 'integer').execute();
}
