import { sql } from 'kysely';
import type { Store } from './db.ts';

/**
 * PostgreSQL: what the application's own role may do. The tables belong to the role that ran the
 * migrations (`council init`); the application connects as another role that owns nothing, so it cannot
 * drop or disable a trigger, truncate, or alter a table. It may only add to the audit log and the ballots,
 * and only add or update procedures and users; every other table it may read and write.
 */
const LIMITED: Record<string, string> = {
  audit_log: 'SELECT, INSERT',
  ballot: 'SELECT, INSERT',
  procedure: 'SELECT, INSERT, UPDATE',
  app_user: 'SELECT, INSERT, UPDATE',
  kysely_migration: 'SELECT',
  kysely_migration_lock: 'SELECT',
};
const DEFAULT = 'SELECT, INSERT, UPDATE, DELETE';
const ROLE_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export async function grantAppRole(store: Store, role: string): Promise<string[]> {
  if (store.dialect !== 'postgres')
    throw new Error('--app-role: only for PostgreSQL (SQLite has no roles; protect the file instead)');
  if (!ROLE_NAME.test(role))
    throw new Error(`--app-role: "${role}" is not a plain role name (lower-case letters, digits, _)`);
  const found = await sql<{
    rolsuper: boolean;
  }>`select rolsuper from pg_roles where rolname = ${role}`.execute(store.db);
  if (found.rows.length === 0)
    throw new Error(`--app-role: role ${role} does not exist (CREATE ROLE ${role} LOGIN PASSWORD '…' first)`);
  if (found.rows[0]!.rolsuper)
    throw new Error(`--app-role: ${role} is a superuser, which no trigger or grant can hold back`);
  const tables = await sql<{ name: string; owner: string }>`
    select tablename as name, tableowner as owner from pg_tables where schemaname = current_schema()
  `.execute(store.db);
  const owned = tables.rows.filter((t) => t.owner === role).map((t) => t.name);
  if (owned.length > 0)
    throw new Error(
      `--app-role: ${role} owns ${owned.join(', ')}; run \`council init\` as another role (the tables' owner)`,
    );
  const id = sql.id(role);
  await sql`grant usage on schema ${sql.id(await currentSchema(store))} to ${id}`.execute(store.db);
  const granted: string[] = [];
  for (const { name } of tables.rows) {
    const rights = LIMITED[name] ?? DEFAULT;
    await sql`revoke all on ${sql.id(name)} from ${id}`.execute(store.db);
    await sql`grant ${sql.raw(rights)} on ${sql.id(name)} to ${id}`.execute(store.db);
    granted.push(`${name}: ${rights}`);
  }
  await sql`grant usage, select, update on all sequences in schema ${sql.id(await currentSchema(store))} to ${id}`.execute(
    store.db,
  );
  return granted;
}

async function currentSchema(store: Store): Promise<string> {
  return (await sql<{ s: string }>`select current_schema() as s`.execute(store.db)).rows[0]!.s;
}
