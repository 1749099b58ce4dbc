import type { Logger } from 'pino';
import { CORPUS_DIR } from '../../config/paths.ts';
import { ingestPaths } from '../../ingest/repertoire/index.ts';
import type { Store } from '../../store/db.ts';

/** The Repertoire sections shipped in data/corpus (the 2020 item 23 section in Chinese). */
export async function seed(store: Store, log: Logger): Promise<void> {
  const run = await ingestPaths(store, [CORPUS_DIR]);
  for (const f of run.failed) log.warn({ file: f.file, error: f.error }, 'Repertoire section not stored');
  log.info(
    {
      sections: run.files.map((f) => f.sectionId),
      records: run.total,
      findings: run.files.reduce((n, f) => n + f.findings, 0),
    },
    'Repertoire sections stored',
  );
}
