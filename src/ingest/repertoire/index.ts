/** Reading and storing Repertoire sections: extract (pipeline.ts) then store (ingest.ts), file by file. */
import type { Store } from '../../store/db.ts';
import { createProgress, type Progress } from '../progress.ts';
import { sectionFiles } from './files.ts';
import { ingestSection, type IngestReport, type WriteCounts } from './ingest.ts';
import { DEFAULT_MAX_BYTES, InputError, readTextFile, resolveLang } from './input.ts';
import { extractSection } from './pipeline.ts';
import type { Lang } from './types.ts';

export interface IngestOptions {
  lang?: Lang;
  year?: number;
  maxBytes?: number;
  progress?: Progress;
}

export interface IngestRun {
  files: IngestReport[];
  failed: { file: string; error: string }[];
  total: WriteCounts;
}

export async function ingestPaths(
  store: Store,
  paths: string[],
  options: IngestOptions = {},
): Promise<IngestRun> {
  const files = sectionFiles(paths);
  const progress = options.progress ?? createProgress({ mode: 'silent' });
  const run: IngestRun = { files: [], failed: [], total: { insert: 0, update: 0, noop: 0 } };
  progress.start('repertoire sections', files.length);
  for (const file of files) {
    try {
      const text = readTextFile(file, options.maxBytes ?? DEFAULT_MAX_BYTES);
      const lang = resolveLang(text, options.lang, file);
      const section = extractSection(text, options.year ? { lang, year: options.year } : { lang });
      const report = await ingestSection(store, section, file, Buffer.from(text, 'utf8'));
      run.files.push(report);
      for (const k of ['insert', 'update', 'noop'] as const) run.total[k] += report.total[k];
    } catch (e) {
      // One unusable file is reported and skipped; its transaction left nothing behind.
      if (!(e instanceof InputError) && !(e instanceof Error)) throw e;
      run.failed.push({ file, error: e.message });
    }
    progress.tick();
  }
  progress.stop();
  return run;
}
