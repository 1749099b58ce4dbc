import { sql } from 'kysely';
import type { Store } from '../db.ts';

/**
 * The audit log holds in the database as far as a database can hold it (the proof is the keyed chain and
 * the checkpoint outside it, src/procedure/audit.ts):
 * - each entry names the key that signed it (key_id);
 * - SQLite: `INSERT OR REPLACE` deletes the row it replaces without firing DELETE triggers (unless
 *   recursive_triggers is on, which is per connection), so an insert over an existing entry is refused
 *   before it happens; ballots are append-only like the log;
 * - PostgreSQL: row triggers do not see TRUNCATE, so statement-level triggers refuse it on the log, the
 *   ballots, the procedures and the users; ballots are append-only too. The application role is kept
 *   from owning the tables by `council init --app-role` (src/store/grants.ts).
 */
export async function up({ db, dialect }: Store): Promise<void> {
  await db.schema.alterTable('audit_log').addColumn('key_id', 'text').execute();
  if (dialect === 'sqlite') {
    for (const [table, key] of [
      ['audit_log', 'seq = NEW.seq OR hash = NEW.hash'],
      ['ballot', 'procedure_id = NEW.procedure_id AND state = NEW.state'],
    ] as const) {
      await sql
        .raw(
          `CREATE TRIGGER ${table}_no_replace BEFORE INSERT ON ${table} ` +
            `WHEN EXISTS (SELECT 1 FROM ${table} WHERE ${key}) ` +
            `BEGIN SELECT RAISE(ABORT, '${table} is append-only: an existing row cannot be replaced'); END`,
        )
        .execute(db);
    }
    for (const op of ['UPDATE', 'DELETE']) {
      await sql
        .raw(
          `CREATE TRIGGER ballot_no_${op.toLowerCase()} BEFORE ${op} ON ballot ` +
            `BEGIN SELECT RAISE(ABORT, 'ballot is append-only'); END`,
        )
        .execute(db);
    }
    return;
  }
  await sql
    .raw(
      `CREATE OR REPLACE FUNCTION council_append_only() RETURNS trigger AS $$ ` +
        `BEGIN RAISE EXCEPTION '% is append-only (% refused)', TG_TABLE_NAME, TG_OP; END; $$ LANGUAGE plpgsql`,
    )
    .execute(db);
  await sql
    .raw(
      `CREATE TRIGGER ballot_no_change BEFORE UPDATE OR DELETE ON ballot ` +
        `FOR EACH ROW EXECUTE FUNCTION council_append_only()`,
    )
    .execute(db);
  for (const table of ['audit_log', 'ballot', 'procedure', 'app_user']) {
    await sql
      .raw(
        `CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table} ` +
          `FOR EACH STATEMENT EXECUTE FUNCTION council_append_only()`,
      )
      .execute(db);
  }
}
