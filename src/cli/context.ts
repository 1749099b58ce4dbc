import { loadConfig, type Config } from '../config/config.ts';
import { openStore, type Store } from '../store/db.ts';
import { migrate } from '../store/migrate.ts';

/** Opens the configured store, migrated to the latest schema, runs `fn`, and closes it whatever happens. */
export async function withStore<T>(fn: (store: Store, config: Config) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const store = openStore(config.database);
  try {
    await migrate(store);
    return await fn(store, config);
  } finally {
    await store.close();
  }
}

/** Prints a value as pretty JSON on stdout. */
export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}
