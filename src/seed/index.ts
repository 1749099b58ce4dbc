import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Logger } from 'pino';
import type { Store } from '../store/db.ts';
import { loadModules } from '../lib/load-modules.ts';

const SEEDERS_DIR = join(dirname(fileURLToPath(import.meta.url)), 'seeders');

/** A seeder loads one bundled source into an empty record: seeders/<nn>_<name>.ts exports seed(). */
export interface SeederModule {
  seed(store: Store, log: Logger): Promise<void>;
}

/** Loads the bundled reference data and sample corpus, in seeder-name order. */
export async function seedRecord(store: Store, log: Logger): Promise<void> {
  for (const { name, module } of await loadModules<SeederModule>(SEEDERS_DIR)) {
    log.info({ seeder: name }, 'seeding');
    await module.seed(store, log);
  }
}
