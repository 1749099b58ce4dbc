import type { Store } from '../../src/store/db.ts';
import { writeItem23 } from './fixture.ts';

/**
 * Fills a test store with item 23 of 2020 read from the seed text. The full seed (`council start`) takes
 * seconds per database, so the page tests use this and the browser test runs the real seeded server.
 */
export async function loadRecord(store: Store): Promise<void> {
  await writeItem23(store);
}
