import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { SOURCES_DIR } from '../../config/paths.ts';
import { importDhlFiles } from '../../ingest/dhl/index.ts';
import type { Store } from '../../store/db.ts';
import { logProgress } from '../index.ts';

export const DHL_DIR = join(SOURCES_DIR, 'dhl-tables');

/** Every meeting table of the UN Library in the shared folder: 1946 to July 2022 and the 2020 VTC table. */
export async function seed(store: Store, log: Logger): Promise<void> {
  const files = readdirSync(DHL_DIR)
    .filter((f) => /^scact\d{4}.*\.html$/.test(f))
    .sort()
    .map((f) => join(DHL_DIR, f));
  const started = performance.now();
  const report = await importDhlFiles(store, files, { kind: 'dhl', progress: logProgress(log) });
  const rows = report.sources.reduce((n, s) => n + s.rows, 0);
  const seconds = (performance.now() - started) / 1000;
  log.info(
    {
      files: report.sources.length,
      rows,
      rowsPerSecond: Math.round(rows / seconds),
      meetings: report.meetings,
      decisions: report.decisions,
      rowsSkipped: report.problems.filter((p) => p.severity === 'error').length,
      warnings: report.problems.filter((p) => p.severity === 'warning').length,
    },
    'UN Library meeting tables imported',
  );
}
