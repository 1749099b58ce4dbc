import { sql } from 'kysely';
import type { Store } from '../db.ts';

/** The written voting procedure: users, sessions, procedures, ballots and the hash-chained audit log. */
export async function up({ db, dialect }: Store): Promise<void> {
  const s = db.schema;
  await s
    .createTable('app_user')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('state', 'text')
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await s
    .createTable('session')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('app_user.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
  await s
    .createTable('procedure')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('draft_symbol', 'text', (c) => c.notNull().unique())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('text', 'text')
    .addColumn('agenda_item_id', 'text', (c) => c.notNull().references('agenda_item.id'))
    .addColumn('procedural', 'integer', (c) => c.notNull())
    .addColumn('parties', 'text', (c) => c.notNull())
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('opened_at', 'text', (c) => c.notNull())
    .addColumn('opened_by', 'text', (c) => c.notNull())
    .addColumn('deadline', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('closed_at', 'text')
    .addColumn('outcome', 'text')
    .addColumn('announced_at', 'text')
    .addColumn('meeting_format', 'text')
    .addColumn('meeting_id', 'text')
    .addColumn('decision_id', 'text')
    .addColumn('resolution_symbol', 'text')
    .addColumn('letters', 'text', (c) => c.notNull())
    .addColumn('presidency', 'text')
    .execute();
  await s
    .createTable('ballot')
    .addColumn('procedure_id', 'text', (c) => c.notNull().references('procedure.id'))
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('vote', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull().references('app_user.id'))
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addColumn('digest', 'text', (c) => c.notNull())
    .addColumn('audit_seq', 'integer', (c) => c.notNull())
    // One ballot per member and procedure: a duplicate cannot be written, whatever the application does.
    .addPrimaryKeyConstraint('ballot_pk', ['procedure_id', 'state'])
    .execute();
  await s
    .createTable('audit_log')
    .addColumn('seq', 'integer', (c) => c.primaryKey())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('target', 'text')
    .addColumn('detail', 'text', (c) => c.notNull())
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull().unique())
    .execute();
  // Append-only in the database itself: the application never updates or deletes an entry, and someone
  // with SQL access must first drop these triggers, which `council audit verify` then catches by the chain.
  if (dialect === 'sqlite') {
    for (const op of ['UPDATE', 'DELETE']) {
      await sql
        .raw(
          `CREATE TRIGGER audit_log_no_${op.toLowerCase()} BEFORE ${op} ON audit_log ` +
            `BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`,
        )
        .execute(db);
    }
  } else {
    await sql
      .raw(
        `CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger AS $$ ` +
          `BEGIN RAISE EXCEPTION 'audit_log is append-only'; END; $$ LANGUAGE plpgsql`,
      )
      .execute(db);
    await sql
      .raw(
        `CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log ` +
          `FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()`,
      )
      .execute(db);
  }
}
