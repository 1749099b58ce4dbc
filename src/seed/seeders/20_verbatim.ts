import { join } from 'node:path';
import { SHARED_DIR } from '../../config/paths.ts';
import { source } from '../../ingest/verbatim/source.ts';
import { filesIn, sourceSeeder } from '../index.ts';

/** The verbatim records (S/PV PDFs) of the shared folder, read where they are: never copied. */
export const VERBATIM_DIR = join(SHARED_DIR, 'corpus', 'pdf');

export const seed = sourceSeeder({
  source,
  files: () => filesIn(VERBATIM_DIR, /\.pdf$/i),
  expected: VERBATIM_DIR,
  done: 'verbatim records loaded',
  summary: (r) => ({
    dir: VERBATIM_DIR,
    records: r.files.map((f) => f.meetingId),
    insert: r.total.insert,
    update: r.total.update,
    noop: r.total.noop,
    failed: r.failed,
  }),
});
