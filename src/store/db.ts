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
  type SqliteDatabase,
  type SqliteDialectConfig,
  type SqliteStatement,
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

/** Prepared statements kept per SQLite connection, by SQL text. */
const STATEMENTS_KEPT = 500;

/**
 * The connection as Kysely's SQLite driver sees it, with its prepared statements kept: the driver prepares
 * every statement it runs, and preparing (parsing and planning the SQL) was a tenth of the CPU of an
 * uncached search (profile of the bench's query mix, 10k paragraphs). A statement is reused only when idle
 * (a streamed query still reading holds its own), and the least recently used are dropped past
 * STATEMENTS_KEPT (statements whose `in (…)` lists vary in length each have their own text). SQLite
 * prepares a kept statement again by itself when the schema changes (migrations).
 */
function keepingStatements(sqlite: SQLite.Database): SqliteDatabase {
  const kept = new Map<string, SqliteStatement & { busy: boolean }>();
  return {
    close: () => {
      kept.clear();
      sqlite.close();
    },
    prepare: (text: string) => {
      const stmt = kept.get(text);
      if (stmt && !stmt.busy) {
        // Most recently used last, so the first is the one to drop.
        kept.delete(text);
        kept.set(text, stmt);
        return stmt;
      }
      const fresh = sqlite.prepare(text);
      if (!stmt) {
        kept.set(text, fresh);
        if (kept.size > STATEMENTS_KEPT) kept.delete(kept.keys().next().value!);
      }
      return fresh;
    },
  };
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
  const db = new Kysely<Database>({
    dialect: new ImmediateSqliteDialect({ database: keepingStatements(sqlite) }),
  });
  return { db, dialect: 'sqlite', location: database.path, close: () => db.destroy() };
}
