import { fileRunLines, fileRunReport, type FileRunReport } from '../common/file-run.ts';
import type { Source } from '../common/contract.ts';
import { readVerbatimFiles, splitPdfPaths, writeVerbatimFiles, type VerbatimInput } from './index.ts';
import type { VerbatimIngestReport } from './ingest.ts';

/** `council import verbatim`: as `council ingest` stores S/PV PDFs, with the import's report. */
export const source: Source<VerbatimInput, FileRunReport<VerbatimIngestReport>> = {
  kind: 'verbatim',
  summary: 'verbatim records (S/PV PDFs, or folders of them): meeting, participants, decisions, speeches',
  async read(paths, { progress, maxBytes }) {
    const { pdfs, others } = splitPdfPaths(paths);
    const input = await readVerbatimFiles(pdfs, progress, maxBytes);
    // A file that is not a PDF is not silently skipped: it is a file that could not be stored.
    for (const file of others.filter((p) => !pdfs.some((f) => f.startsWith(p))))
      input.failed.push({ file, error: `${file} is not a PDF verbatim record` });
    return input;
  },
  write: async (store, input, { progress }) =>
    fileRunReport('verbatim', await writeVerbatimFiles(store, input, progress)),
  describe: fileRunLines,
};
