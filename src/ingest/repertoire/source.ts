import { fileRunLines, fileRunReport, type FileRunReport } from '../common/file-run.ts';
import type { Source } from '../common/contract.ts';
import type { IngestReport } from './ingest.ts';
import { readSections, writeSections, type SectionsInput } from './index.ts';

/** `council import repertoire`: as `council ingest` stores section files, with the import's report. */
export const source: Source<SectionsInput, FileRunReport<IngestReport>> = {
  kind: 'repertoire',
  summary: 'Repertoire sections (.txt files in zh or en, or folders of them), with provenance',
  read: (paths, { maxBytes }) => readSections(paths, maxBytes ? { maxBytes } : {}),
  write: async (store, input, { progress }) =>
    fileRunReport('repertoire', await writeSections(store, input, progress)),
  describe: fileRunLines,
};
