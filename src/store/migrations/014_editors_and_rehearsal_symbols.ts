import { sql } from 'kysely';
import type { Store } from '../db.ts';

/**
 * - `section_version.created_by` / `published_by`: who checked a draft and who made it the published
 *   version (an editor's account name, or `cli:<user>`); null for versions stored before this column.
 * - `procedure.draft_symbol` was UNIQUE over every procedure, so a rehearsal of a real draft's symbol
 *   collided with the real vote. It is now unique among real procedures, and among the rehearsals still
 *   voting: a rehearsal and the real procedure on one draft can both be open, and a draft can be
 *   rehearsed again once an earlier rehearsal has closed.
 */
export async function up({ db, dialect }: Store): Promise<void> {
  await db.schema.alterTable('section_version').addColumn('created_by', 'text').execute();
  await db.schema.alterTable('section_version').addColumn('published_by', 'text').execute();
  if (dialect === 'sqlite') await dropSqliteUnique(db);
  else await sql`ALTER TABLE procedure DROP CONSTRAINT IF EXISTS procedure_draft_symbol_key`.execute(db);
  await sql`CREATE UNIQUE INDEX procedure_real_draft_symbol ON procedure (draft_symbol) WHERE rehearsal IS NULL`.execute(
    db,
  );
  await sql`CREATE UNIQUE INDEX procedure_rehearsal_draft_symbol ON procedure (draft_symbol) WHERE rehearsal = 1 AND status = 'voting'`.execute(
    db,
  );
}

/**
 * SQLite cannot drop a column's UNIQUE: the table is rebuilt from its own CREATE statement without it
 * (https://www.sqlite.org/lang_altertable.html#otheralter), keeping its rows, indexes and triggers.
 * Foreign keys are off meanwhile so ballots, which refer to procedures, are left as they are; the
 * check afterwards refuses the migration if any reference no longer resolves.
 */
async function dropSqliteUnique(db: Store['db']): Promise<void> {
  const { rows } = await sql<{ type: string; name: string; sql: string | null }>`
    SELECT type, name, sql FROM sqlite_master WHERE tbl_name = 'procedure'`.execute(db);
  const table = rows.find((r) => r.type === 'table')?.sql ?? '';
  const withoutUnique = table.replace(/("draft_symbol" text not null) unique/i, '$1');
  if (withoutUnique === table)
    throw new Error('procedure.draft_symbol: the UNIQUE to drop was not found in the table definition');
  const others = rows.filter((r) => r.type !== 'table' && r.sql !== null).map((r) => r.sql!);
  await sql`PRAGMA foreign_keys = OFF`.execute(db);
  try {
    await sql`BEGIN`.execute(db);
    try {
      await sql
        .raw(withoutUnique.replace(/^CREATE TABLE "?procedure"?/i, 'CREATE TABLE "procedure_rebuilt"'))
        .execute(db);
      await sql`INSERT INTO procedure_rebuilt SELECT * FROM procedure`.execute(db);
      await sql`DROP TABLE procedure`.execute(db);
      await sql`ALTER TABLE procedure_rebuilt RENAME TO procedure`.execute(db);
      for (const statement of others) await sql.raw(statement).execute(db);
      const broken = await sql`PRAGMA foreign_key_check`.execute(db);
      if (broken.rows.length > 0)
        throw new Error(`rebuilding procedure broke ${broken.rows.length} foreign key(s)`);
      await sql`COMMIT`.execute(db);
    } catch (e) {
      await sql`ROLLBACK`.execute(db);
      throw e;
    }
  } finally {
    await sql`PRAGMA foreign_keys = ON`.execute(db);
  }
}
