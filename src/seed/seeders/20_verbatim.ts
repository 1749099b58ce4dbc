import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { SHARED_DIR } from '../../config/paths.ts';
import { ingestVerbatimFiles } from '../../ingest/verbatim/index.ts';
import type { Store } from '../../store/db.ts';

/** The verbatim records (S/PV PDFs) of the shared folder, read where they are: never copied. */
export const VERBATIM_DIR = join(SHARED_DIR, 'corpus', 'pdf');

export async function seed(store: Store, log: Logger): Promise<void> {
  if (!existsSync(VERBATIM_DIR)) {
    log.warn(
      { dir: VERBATIM_DIR },
      'verbatim records not loaded: the shared folder is missing (set COUNCIL_SHARED_DIR to the folder holding corpus/pdf)',
    );
    return;
  }
  const files = readdirSync(VERBATIM_DIR)
    .filter((f) => /\.pdf$/i.test(f))
    .sort()
    .map((f) => join(VERBATIM_DIR, f));
  const run = await ingestVerbatimFiles(store, files);
  log.info(
    {
      dir: VERBATIM_DIR,
      records: run.files.map((f) => f.meetingId),
      insert: run.total.insert,
      update: run.total.update,
      noop: run.total.noop,
      failed: run.failed,
    },
    'verbatim records loaded',
  );
}
