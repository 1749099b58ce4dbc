/** Reading and storing verbatim records: extract (pipeline.ts) then store (ingest.ts), file by file. */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Store } from '../../store/db.ts';
import type { FollowChanges } from '../../store/record.ts';
import { createProgress, type Progress } from '../progress.ts';
import { startsLikePdf } from './cli.ts';
import { eachFile, storeEachFile, type Failed, type FileRun } from '../common/file-run.ts';
import { ingestVerbatim, type VerbatimIngestReport } from './ingest.ts';
import { readPdfFile, runVerbatimPipeline } from './pipeline.ts';
import type { Turn, VerbatimRecord } from './types.ts';

export type VerbatimRun = FileRun<VerbatimIngestReport>;

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

/** The verbatim records read from the files, and the files that could not be read. */
export interface VerbatimInput {
  records: { file: string; bytes: Uint8Array; record: VerbatimRecord; turns: Turn[] }[];
  failed: Failed[];
}

export async function readVerbatimFiles(
  files: string[],
  progress?: Progress,
  maxBytes?: number,
): Promise<VerbatimInput> {
  const { done, failed } = await eachFile(
    files,
    (f) => f,
    progress,
    'read verbatim records',
    async (file) => {
      const bytes = readPdfFile(file, maxBytes);
      const { record, turns } = await runVerbatimPipeline(bytes, file);
      return { file, bytes, record, turns };
    },
  );
  return { records: done, failed };
}

export async function writeVerbatimFiles(
  store: Store,
  input: VerbatimInput,
  progress?: Progress,
  follow?: FollowChanges,
): Promise<VerbatimRun> {
  return storeEachFile(input.records, input.failed, progress, 'verbatim records', (r) =>
    ingestVerbatim(store, r.record, r.turns, r.file, r.bytes, follow),
  );
}

/** Reads and stores verbatim records; `follow` runs in each one's transaction with what it changed. */
export async function ingestVerbatimFiles(
  store: Store,
  files: string[],
  progress: Progress = createProgress({ mode: 'silent' }),
  follow?: FollowChanges,
): Promise<VerbatimRun> {
  return writeVerbatimFiles(store, await readVerbatimFiles(files), progress, follow);
}
