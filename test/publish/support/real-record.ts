import { join } from 'node:path';
import { CORPUS_DIR, SOURCES_DIR } from '../../../src/config/paths.ts';
import { importTableFiles } from '../../../src/ingest/sources.ts';
import { ingestPaths } from '../../../src/ingest/repertoire/index.ts';
import { sqliteTestStore, type TestStore } from '../../support/stores.ts';

export const DHL_TABLES = [
  'scact2019_table_en.html',
  'scact2020_table_en.html',
  'scact2020_covid_table_en.html',
  'scact2021_table_en.html',
];

/**
 * A record built as `npm start` seeds it, from the shipped sources: the UN Library's 2019–2021 meeting
 * tables first, then the Repertoire seed section (the seeders' order).
 */
export async function realRecord(): Promise<TestStore> {
  const t = await sqliteTestStore();
  await importTableFiles(
    t.store,
    DHL_TABLES.map((f) => join(SOURCES_DIR, 'dhl-tables', f)),
    { kind: 'dhl' },
  );
  const run = await ingestPaths(t.store, [CORPUS_DIR]);
  if (run.failed.length > 0)
    throw new Error(`seed section not stored: ${run.failed.map((f) => f.error).join('; ')}`);
  return t;
}
