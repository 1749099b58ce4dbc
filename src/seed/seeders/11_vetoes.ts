import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { SOURCES_DIR } from '../../config/paths.ts';
import { source } from '../../ingest/vetoes/source.ts';
import { filesIn, sourceSeeder } from '../index.ts';

const TABLE = join(SOURCES_DIR, 'dhl-tables', 'scact_veto_table_en.html');
const CSV_DIR = join(SOURCES_DIR, 'vetoes');

/** The veto lists in the shared folder: the UN Library veto table and the 1946–2022 CSV. */
export const seed = sourceSeeder({
  source,
  files: () => {
    const csv = filesIn(CSV_DIR, /\.csv$/);
    return existsSync(TABLE) && csv ? [TABLE, ...csv] : null;
  },
  expected: `${TABLE} and ${CSV_DIR}`,
  done: 'veto lists imported',
  summary: (r) => ({
    sources: r.sources.map((s) => s.id),
    meetings: r.meetings,
    decisions: r.decisions,
    notRecorded: r.problems.length,
  }),
});
