/** Reading and storing verbatim records: extract (pipeline.ts) then store (ingest.ts), file by file. */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Store } from '../../store/db.ts';
import { createProgress, type Progress } from '../progress.ts';
import { startsLikePdf } from './cli.ts';
import { ingestVerbatim, type WriteCounts, type VerbatimIngestReport } from './ingest.ts';
import { readPdfFile, runVerbatimPipeline } from './pipeline.ts';

export interface VerbatimRun {
  files: VerbatimIngestReport[];
  failed: { file: string; error: string }[];
  total: WriteCounts;
}

/**
 * Splits the paths given to `council ingest`: PDF files (told by their bytes) and the *.pdf files of
 * folders are verbatim records; everything else is left to the Repertoire reader.
 */
export function splitPdfPaths(paths: string[]): { pdfs: string[]; others: string[] } {
  const pdfs: string[] = [];
  const others: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.pdf$/i.test(name)) pdfs.push(p);
    }
  };
  for (const p of paths) {
    let isDir = false;
    try {
      isDir = statSync(p).isDirectory();
    } catch {
      // A missing path is reported by the reader, with its name.
    }
    if (isDir) {
      walk(p);
      others.push(p);
    } else if (startsLikePdf(p)) pdfs.push(p);
    else others.push(p);
  }
  return { pdfs, others };
}

export async function ingestVerbatimFiles(
  store: Store,
  files: string[],
  progress: Progress = createProgress({ mode: 'silent' }),
): Promise<VerbatimRun> {
  const run: VerbatimRun = { files: [], failed: [], total: { insert: 0, update: 0, noop: 0 } };
  progress.start('verbatim records', files.length);
  for (const file of files) {
    try {
      const bytes = readPdfFile(file);
      const { record, turns } = await runVerbatimPipeline(bytes, file);
      const report = await ingestVerbatim(store, record, turns, file, bytes);
      run.files.push(report);
      for (const k of ['insert', 'update', 'noop'] as const) run.total[k] += report.total[k];
    } catch (e) {
      // One unusable file is reported and skipped; its transaction left nothing behind.
      if (!(e instanceof Error)) throw e;
      run.failed.push({ file, error: e.message });
    }
    progress.tick();
  }
  progress.stop();
  return run;
}
