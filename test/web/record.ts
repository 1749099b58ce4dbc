import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import pino from 'pino';
import { ROOT_DIR } from '../../src/config/paths.ts';
import type { Store } from '../../src/store/db.ts';
import { loadModules } from '../../src/lib/load-modules.ts';
import type { SeederModule } from '../../src/seed/index.ts';

/**
 * Fills a test store with the Repertoire seed (item 23 of 2020 as the product's own seeder extracts it
 * from the shipped Chinese text). The whole seed takes seconds per database, so the page tests load this
 * part and the browser test runs the fully seeded server.
 */
export async function loadRepertoire(store: Store): Promise<void> {
  const dir = join(ROOT_DIR, 'src/seed/seeders');
  if (!readdirSync(dir).some((f) => f.endsWith('_repertoire.ts')))
    throw new Error(`no *_repertoire.ts seeder in ${dir}`);
  for (const { name, module } of await loadModules<SeederModule>(dir)) {
    if (name.endsWith('_repertoire')) await module.seed(store, pino({ level: 'silent' }));
  }
}
