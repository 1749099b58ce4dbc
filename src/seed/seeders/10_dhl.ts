import { join } from 'node:path';
import { SOURCES_DIR } from '../../config/paths.ts';
import { source } from '../../ingest/dhl/source.ts';
import { filesIn, sourceSeeder } from '../index.ts';

export const DHL_DIR = join(SOURCES_DIR, 'dhl-tables');

/** Every meeting table of the UN Library in the shared folder: 1946 to July 2022 and the 2020 VTC table. */
export const seed = sourceSeeder({
  source,
  files: () => filesIn(DHL_DIR, /^scact\d{4}.*\.html$/),
  expected: DHL_DIR,
  progress: true,
  done: 'UN Library meeting tables imported',
  summary: (r) => ({
    files: r.sources.length,
    rows: r.sources.reduce((n, s) => n + s.rows, 0),
    meetings: r.meetings,
    decisions: r.decisions,
    rowsSkipped: r.problems.filter((p) => p.severity === 'error').length,
    warnings: r.problems.filter((p) => p.severity === 'warning').length,
  }),
});
