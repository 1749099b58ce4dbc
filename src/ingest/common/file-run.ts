/**
 * Sources read file by file (Repertoire sections, verbatim records): each file is extracted, then stored
 * in a transaction of its own; a file that cannot be read or stored is reported and skipped, its
 * transaction leaving nothing behind.
 */
import type { Progress } from '../progress.ts';
import { addCounts, noWrites, reportLines, type ImportReport, type WriteCounts } from './report.ts';

/** What storing one file wrote. */
export interface StoredFile {
  file: string;
  sourceId: string;
  counts: Record<string, WriteCounts>;
  total: WriteCounts;
  findings: number;
}

export interface Failed {
  file: string;
  error: string;
}

export interface FileRun<F extends StoredFile> {
  files: F[];
  failed: Failed[];
  total: WriteCounts;
}

/** Runs `step` on each item, in order, with progress; an Error is the file's failure, not the run's. */
export async function eachFile<T, R>(
  items: T[],
  fileOf: (item: T) => string,
  progress: Progress | undefined,
  label: string,
  step: (item: T) => Promise<R>,
): Promise<{ done: R[]; failed: Failed[] }> {
  const done: R[] = [];
  const failed: Failed[] = [];
  progress?.start(label, items.length);
  for (const item of items) {
    try {
      done.push(await step(item));
    } catch (e) {
      if (!(e instanceof Error)) throw e;
      failed.push({ file: fileOf(item), error: e.message });
    }
    progress?.tick();
  }
  progress?.stop();
  return { done, failed };
}

export function fileRun<F extends StoredFile>(files: F[], failed: Failed[]): FileRun<F> {
  const total = noWrites();
  for (const f of files) addCounts(total, f.total);
  return { files, failed, total };
}

/**
 * Stores the files read (each with `step`, one failing alone) and gives the run: the files stored, and those
 * that failed, in reading (`failedReading`) or in storing.
 */
export async function storeEachFile<T extends { file: string }, F extends StoredFile>(
  read: T[],
  failedReading: Failed[],
  progress: Progress | undefined,
  label: string,
  step: (item: T) => Promise<F>,
): Promise<FileRun<F>> {
  const { done, failed } = await eachFile(read, (x) => x.file, progress, label, step);
  return fileRun(done, [...failedReading, ...failed]);
}

/** A file-by-file run as an import report: each file a source, each failure a problem naming the file. */
export type FileRunReport<F extends StoredFile> = ImportReport<'total'> & FileRun<F>;

export function fileRunReport<F extends StoredFile>(kind: string, run: FileRun<F>): FileRunReport<F> {
  return {
    kind,
    ...run,
    sources: run.files.map((f) => {
      const s = f.counts.source;
      return {
        id: f.sourceId,
        path: f.file,
        outcome: !s || s.noop > 0 ? 'noop' : s.insert > 0 ? 'insert' : 'update',
        rows: f.total.insert + f.total.update + f.total.noop,
      };
    }),
    problems: run.failed.map((f) => ({ file: f.file, locator: 'file', message: f.error, severity: 'error' })),
  };
}

/**
 * The files a file-by-file run could neither read nor store (too large, not a PDF), which fail an import as
 * they fail `council ingest`; 0 for a report of another kind, whose files left out are rows not imported.
 */
export function failedFiles(report: ImportReport<never>): number {
  return 'failed' in report && Array.isArray(report.failed) ? report.failed.length : 0;
}

/** One line per file stored (as `council ingest` prints it), then the total and the failures. */
export function fileRunLines<F extends StoredFile>(r: FileRunReport<F>): string[] {
  return [
    ...r.files.map((f) => {
      const changed = f.total.insert + f.total.update;
      const detail = Object.entries(f.counts)
        .map(([k, t]) => `${k} ${t.insert}/${t.update}/${t.noop}`)
        .join(', ');
      return (
        `${f.file}: ${changed === 0 ? `unchanged (all ${f.total.noop} records noop)` : `insert ${f.total.insert}, update ${f.total.update}, noop ${f.total.noop}`}` +
        ` [${detail}]${f.findings ? `; ${f.findings} findings (see council extract)` : ''}`
      );
    }),
    ...reportLines({ ...r, sources: [] }, ['total']),
  ];
}
