import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Migrator, type Migration, type MigrationProvider } from 'kysely';
import type { Store } from './db.ts';

const MIGRATIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), 'migrations');

/**
 * Migrations are the files in migrations/, applied in name order ("001_core.ts", "002_procedure.ts").
 * Each exports up(db, dialect) so it can choose column types per backend.
 */
class FolderProvider implements MigrationProvider {
  constructor(private readonly store: Store) {}
  async getMigrations(): Promise<Record<string, Migration>> {
    const out: Record<string, Migration> = {};
    for (const file of readdirSync(MIGRATIONS_DIR)
      .filter((f) => /^\d{3}_.*\.ts$/.test(f))
      .sort()) {
      const mod = (await import(pathToFileURL(join(MIGRATIONS_DIR, file)).href)) as {
        up: (store: Store) => Promise<void>;
      };
      out[file.replace(/\.ts$/, '')] = { up: (db) => mod.up({ ...this.store, db }) };
    }
    return out;
  }
}

export interface MigrationReport {
  applied: string[];
  version: string | null;
}

/** Creates or migrates the database to the latest schema; a failed migration is rolled back whole. */
export async function migrate(store: Store): Promise<MigrationReport> {
  const migrator = new Migrator({ db: store.db, provider: new FolderProvider(store) });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    throw new Error(
      `database migration ${failed?.migrationName ?? ''} failed: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  return { applied: (results ?? []).map((r) => r.migrationName), version: await schemaVersion(store) };
}

export async function schemaVersion(store: Store): Promise<string | null> {
  const migrator = new Migrator({ db: store.db, provider: new FolderProvider(store) });
  const all = await migrator.getMigrations();
  const done = all.filter((m) => m.executedAt !== undefined);
  return done.length > 0 ? done[done.length - 1]!.name : null;
}

export async function pendingMigrations(store: Store): Promise<string[]> {
  const migrator = new Migrator({ db: store.db, provider: new FolderProvider(store) });
  return (await migrator.getMigrations()).filter((m) => m.executedAt === undefined).map((m) => m.name);
}
