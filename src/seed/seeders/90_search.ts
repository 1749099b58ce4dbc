import type { Logger } from 'pino';
import { reindexAll } from '../../search/indexer.ts';
import type { Store } from '../../store/db.ts';

/** Runs after the seeders that load the record (10_…–8x_…): builds the search index over all of it. */
export async function seed(store: Store, log: Logger): Promise<void> {
  const report = await reindexAll(store);
  log.info(report, 'search index built');
}
