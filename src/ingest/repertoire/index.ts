/** Reading and storing Repertoire sections: extract (pipeline.ts) then store (ingest.ts), file by file. */
import type { Store } from '../../store/db.ts';
import type { FollowChanges } from '../../store/record.ts';
import { eachFile, storeEachFile, type Failed, type FileRun } from '../common/file-run.ts';
import type { Progress } from '../progress.ts';
import { sectionFiles } from './files.ts';
import { ingestSection, type IngestReport } from './ingest.ts';
import { DEFAULT_MAX_BYTES, readTextFile, resolveLang } from './input.ts';
import { extractSection } from './pipeline.ts';
import type { Lang, Section } from './types.ts';

export interface IngestOptions {
  lang?: Lang;
  year?: number;
  maxBytes?: number;
  progress?: Progress;
  /** Runs in each section's transaction with what it changed (the search index: indexer.ts indexChanges). */
  follow?: FollowChanges;
}

export type IngestRun = FileRun<IngestReport>;

/** The sections read from the files (folders searched for .txt files), and the files that could not be read. */
export interface SectionsInput {
  sections: { file: string; section: Section; text: string }[];
  failed: Failed[];
}

export async function readSections(paths: string[], options: IngestOptions = {}): Promise<SectionsInput> {
  const { done, failed } = await eachFile(
    sectionFiles(paths),
    (file) => file,
    undefined,
    'read sections',
    async (file) => {
      const text = readTextFile(file, options.maxBytes ?? DEFAULT_MAX_BYTES);
      const lang = resolveLang(text, options.lang, file);
      const section = extractSection(text, options.year ? { lang, year: options.year } : { lang });
      return { file, section, text };
    },
  );
  return { sections: done, failed };
}

export async function writeSections(
  store: Store,
  input: SectionsInput,
  progress?: Progress,
  follow?: FollowChanges,
): Promise<IngestRun> {
  return storeEachFile(input.sections, input.failed, progress, 'repertoire sections', (s) =>
    ingestSection(store, s.section, s.file, Buffer.from(s.text, 'utf8'), follow ? { follow } : {}),
  );
}

export async function ingestPaths(
  store: Store,
  paths: string[],
  options: IngestOptions = {},
): Promise<IngestRun> {
  return writeSections(store, await readSections(paths, options), options.progress, options.follow);
}
