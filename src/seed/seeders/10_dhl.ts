import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { SOURCES_DIR } from '../../config/paths.ts';
import { importDhlFiles } from '../../ingest/dhl/index.ts';
import type { Store } from '../../store/db.ts';

export const DHL_DIR = join(SOURCES_DIR, 'dhl-tables');

/** The UN Library's meeting tables shipped in data/sources/dhl-tables (2019–2021, the 2020 VTC table). */
export async function seed(store: Store, log: Logger): Promise<void> {
  const files = readdirSync(DHL_DIR)
    .filter((f) => /^scact\d{4}.*\.html$/.test(f))
    .sort()
    .map((f) => join(DHL_DIR, f));
  const report = await importDhlFiles(store, files, { kind: 'dhl' });
  log.info(
    {
      sources: report.sources.map((s) => s.id),
      meetings: report.meetings,
      decisions: report.decisions,
      rowsSkipped: report.problems.filter((p) => p.severity === 'error').length,
      warnings: report.problems.filter((p) => p.severity === 'warning').length,
    },
    'UN Library meeting tables imported',
  );
}
