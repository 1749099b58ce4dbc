import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { SOURCES_DIR } from '../../config/paths.ts';
import { importDhlFiles } from '../../ingest/dhl/index.ts';
import type { Store } from '../../store/db.ts';

/** The veto lists in the shared folder: the UN Library veto table and the 1946–2022 CSV. */
export async function seed(store: Store, log: Logger): Promise<void> {
  const csvDir = join(SOURCES_DIR, 'vetoes');
  const files = [
    join(SOURCES_DIR, 'dhl-tables', 'scact_veto_table_en.html'),
    ...readdirSync(csvDir)
      .filter((f) => f.endsWith('.csv'))
      .sort()
      .map((f) => join(csvDir, f)),
  ];
  const report = await importDhlFiles(store, files, { kind: 'vetoes' });
  log.info(
    {
      sources: report.sources.map((s) => s.id),
      meetings: report.meetings,
      decisions: report.decisions,
      notRecorded: report.problems.length,
    },
    'veto lists imported',
  );
}
