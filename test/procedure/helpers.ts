import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { loadConfig, type Config } from '../../src/config/config.ts';
import { openStore, type Store } from '../../src/store/db.ts';
import { migrate } from '../../src/store/migrate.ts';
import type { Actor } from '../../src/procedure/actors.ts';
import { ProcedureService } from '../../src/procedure/service.ts';

import { TIME_ENV } from '../support/clock.ts';
import { PG_ADMIN_URL } from '../support/stores.ts';

export { PG_ADMIN_URL };

export interface Backend {
  name: 'sqlite' | 'postgres';
  env: Record<string, string>;
  config: Config;
}

export function sqliteBackend(): Backend {
  const dir = mkdtempSync(join(tmpdir(), 'council-procedure-'));
  const env = { COUNCIL_DB: join(dir, 'council.db'), ...TIME_ENV };
  return { name: 'sqlite', env, config: loadConfig(env) };
}

/**
 * A fresh PostgreSQL database of its own (procedure_suite_<suffix>), so this suite never touches
 * another's; undefined, with the reason, when no server answers.
 */
export async function postgresBackend(suffix: string): Promise<Backend | string> {
  // Not prefixed council_t…: other suites clean up their databases by that prefix.
  const name = `procedure_suite_${suffix}_${process.pid}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 10_000 });
  try {
    await admin.connect();
  } catch (e) {
    return `PostgreSQL not reachable at ${PG_ADMIN_URL}: ${(e as Error).message}`;
  }
  try {
    // Each test process has its own database; those of processes that have ended are dropped here.
    const stale = await admin.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE datname LIKE 'procedure_suite_%'`,
    );
    for (const { datname } of stale.rows) {
      const pid = Number(/_(\d+)$/.exec(datname)?.[1]);
      if (pid && pid !== process.pid && !processAlive(pid)) {
        await admin.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
      }
    }
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  // The audit checkpoint of this database in a temporary folder, not in the checkout's data/.
  const checkpoint = join(mkdtempSync(join(tmpdir(), 'council-procedure-')), 'audit-checkpoint.json');
  const env = { DATABASE_URL: url.toString(), COUNCIL_AUDIT_CHECKPOINT: checkpoint, ...TIME_ENV };
  return { name: 'postgres', env, config: loadConfig(env) };
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export async function backends(suffix: string): Promise<Backend[]> {
  const pgb = await postgresBackend(suffix);
  if (typeof pgb === 'string') {
    if (process.env.CI === 'true') throw new Error(`CI=true but ${pgb}`);
    process.stdout.write(`# SKIPPED on PostgreSQL: ${pgb}\n`);
    return [sqliteBackend()];
  }
  return [sqliteBackend(), pgb];
}

export async function openMigrated(b: Backend): Promise<Store> {
  const store = openStore(b.config.database);
  await migrate(store);
  return store;
}

export async function actorFor(service: ProcedureService, name: string, password: string): Promise<Actor> {
  return service.authenticate((await service.login({ name, password })).token);
}

export const PASSWORD = 'correct horse battery staple';
