import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import {
  CompiledQuery,
  Kysely,
  PostgresDialect,
  SqliteDialect,
  SqliteDriver,
  type DatabaseConnection,
  type Driver,
  type SqliteDialectConfig,
} from 'kysely';
import pg from 'pg';
import type { Config } from '../config/config.ts';
import type { Database } from './schema.ts';

export type Dialect = 'sqlite' | 'postgres';

export interface Store {
  db: Kysely<Database>;
  dialect: Dialect;
  /** Where the data lives, safe to print (passwords hidden). */
  location: string;
  close(): Promise<void>;
}

// PostgreSQL returns bigint counts as strings; the record never holds counts beyond 2^53.
pg.types.setTypeParser(20, (v) => Number.parseInt(v, 10));

/**
 * A SQLite transaction takes the write lock when it begins (BEGIN IMMEDIATE), not at its first write.
 * Every transaction the record runs on SQLite writes (imports, the index, the written procedure), and
 * several processes write one file (`council start --workers N`, an import beside the server): two deferred
 * transactions that both read and then both write deadlock, and SQLite answers SQLITE_BUSY at once without
 * waiting (busy_timeout does not apply to a lock upgrade). Taken at BEGIN, the second writer waits its turn
 * (busy_timeout) and then reads what the first committed. Readers are never blocked (WAL).
 */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

class ImmediateSqliteDialect extends SqliteDialect {
  constructor(private readonly settings: SqliteDialectConfig) {
    super(settings);
  }
  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.settings);
  }
}

export function openStore(database: Config['database']): Store {
  if (database.kind === 'postgres') {
    const pool = new pg.Pool({ connectionString: database.url, max: 10 });
    // An idle connection the server ends (a restart, pg_terminate_backend, DROP DATABASE … FORCE) is
    // dropped by the pool and replaced on next use; unheard, its error would be uncaught and end the process.
    pool.on('error', () => undefined);
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return {
      db,
      dialect: 'postgres',
      location: database.url.replace(/\/\/([^:/@]+):([^@]+)@/, '//$1:***@'),
      close: () => db.destroy(),
    };
  }
  if (database.path !== ':memory:') mkdirSync(dirname(database.path), { recursive: true });
  const sqlite = new SQLite(database.path);
  // WAL with synchronous=FULL: a commit that returned is on disk, which the voting procedure relies on.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  // A writer waits up to 5 s for another process's write transaction to end.
  sqlite.pragma('busy_timeout = 5000');
  const db = new Kysely<Database>({ dialect: new ImmediateSqliteDialect({ database: sqlite }) });
  return { db, dialect: 'sqlite', location: database.path, close: () => db.destroy() };
}
