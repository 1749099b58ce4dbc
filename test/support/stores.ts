import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openStore, type Store } from '../../src/store/db.ts';
import { migrate } from '../../src/store/migrate.ts';

/**
 * Test databases on both backends. SQLite always; PostgreSQL when reachable at TEST_DATABASE_URL
 * (default postgres://postgres@127.0.0.1:5432/postgres), each test run in a database of its own that is
 * dropped afterwards. Under CI=true an unreachable PostgreSQL is a failure, not a skip.
 */
export const PG_ADMIN_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

let reachable: Promise<boolean> | undefined;
export function postgresReachable(): Promise<boolean> {
  reachable ??= (async () => {
    // A loaded machine can be slow to accept a connection: try a few times before calling it unreachable.
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const client = new pg.Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 10_000 });
      try {
        await client.connect();
        await client.query('select 1');
        return true;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ECONNREFUSED') return false;
      } finally {
        await client.end().catch(() => undefined);
      }
    }
    return false;
  })();
  return reachable;
}

export interface TestStore {
  store: Store;
  /** The environment that points the CLI or server at this database. */
  env: Record<string, string>;
  dispose(): Promise<void>;
}

export async function sqliteTestStore(): Promise<TestStore> {
  const dir = mkdtempSync(join(tmpdir(), 'council-test-'));
  const path = join(dir, 'council.db');
  const store = openStore({ kind: 'sqlite', path });
  await migrate(store);
  return {
    store,
    env: { COUNCIL_DB: path },
    dispose: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function postgresTestStore(): Promise<TestStore> {
  const name = `council_t_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  const store = openStore({ kind: 'postgres', url: url.toString() });
  await migrate(store);
  return {
    store,
    env: { DATABASE_URL: url.toString() },
    dispose: async () => {
      await store.close();
      const a = new pg.Client({ connectionString: PG_ADMIN_URL });
      await a.connect();
      await a.query(`drop database if exists ${name} with (force)`);
      await a.end();
    },
  };
}

export interface Backend {
  name: 'sqlite' | 'postgres';
  /** Why this backend is skipped, or false when it runs. */
  skip: string | false;
  open(): Promise<TestStore>;
}

/** The backends a store suite runs on; PostgreSQL is skipped (visibly) when it is not reachable. */
export async function backends(): Promise<Backend[]> {
  const up = await postgresReachable();
  if (!up && process.env.CI === 'true') {
    throw new Error(`CI=true but PostgreSQL is not reachable at ${PG_ADMIN_URL}`);
  }
  if (!up) {
    process.stderr.write(`# PostgreSQL suite SKIPPED: no PostgreSQL reachable at ${PG_ADMIN_URL}\n`);
  }
  return [
    { name: 'sqlite', skip: false, open: sqliteTestStore },
    {
      name: 'postgres',
      skip: up ? false : `PostgreSQL not reachable at ${PG_ADMIN_URL}`,
      open: postgresTestStore,
    },
  ];
}
