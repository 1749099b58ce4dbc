/**
 * The contract every source implements. A source is a folder of src/ingest/ whose `source.ts` exports
 * `source: Source`; src/ingest/sources.ts loads them all (as the CLI loads its commands), so `council
 * import KIND`, its help and the seeders need no edit when a source is added. See docs/import.md.
 */
import type { Store } from '../../store/db.ts';
import type { Progress } from '../progress.ts';
import type { ImportReport } from './report.ts';
import type { TableReader } from './tables.ts';

export interface ImportContext {
  progress: Progress;
  /** `--max-bytes`: a file larger than this is refused before it is read (each source has its default). */
  maxBytes?: number;
  /** The table readers of every loaded source: a table file is read by the one that knows its layout. */
  tables: TableReader[];
}

export interface Source<Input = unknown, Report extends ImportReport<never> = ImportReport<never>> {
  /** The word after `council import`, and the report's `kind`. */
  kind: string;
  /** What PATH is, for `council import --help`. */
  summary: string;
  /** Takes one file or URL only. */
  single?: boolean;
  /** A source that reads table files offers its reader to the others (see tables.ts). */
  table?: TableReader;
  /** Reads and checks the input; writes nothing. Input that cannot be read at all throws, naming the file. */
  read(paths: string[], context: ImportContext): Promise<Input>;
  /** Writes what was read through src/store/record.ts, in one transaction per file or per import. */
  write(store: Store, input: Input, context: ImportContext): Promise<Report>;
  /** The report as lines of text for the CLI (the JSON is the report itself). */
  describe(report: Report): string[];
}

export async function runSource<I, R extends ImportReport<never>>(
  store: Store,
  source: Source<I, R>,
  paths: string[],
  context: ImportContext,
): Promise<R> {
  return source.write(store, await source.read(paths, context), context);
}
