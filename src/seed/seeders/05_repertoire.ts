import { CORPUS_DIR } from '../../config/paths.ts';
import { source } from '../../ingest/repertoire/source.ts';
import { sourceSeeder } from '../index.ts';

/** The Repertoire sections shipped in data/corpus (the 2020 item 23 section in Chinese). */
export const seed = sourceSeeder({
  source,
  files: () => [CORPUS_DIR],
  expected: CORPUS_DIR,
  done: 'Repertoire sections stored',
  summary: (r) => ({
    sections: r.files.map((f) => f.sectionId),
    records: r.total,
    findings: r.files.reduce((n, f) => n + f.findings, 0),
    failed: r.failed,
  }),
});
