/**
 * Importing table files (the UN Library's meeting tables, the veto lists): every file is read and parsed
 * first, each by the table reader that knows its layout, so a file that cannot be read at all stops the
 * import before anything is written; then all are written in one transaction, bad rows reported and
 * skipped, the good ones kept. A source that reads tables exports a TableReader; the readers of all loaded
 * sources are offered every file, so `council import dhl` also takes the UN Library's veto table.
 */
import type { Store } from '../../store/db.ts';
import { tally, upsertSource, type Db } from '../../store/record.ts';
import type { SourceTable } from '../../store/tables/core.ts';
import { createProgress, type Progress } from '../progress.ts';
import { AgendaMatcher } from './agenda.ts';
import type { EntityOutcomes } from './decisions.ts';
import { readSourceFile, type SourceFile } from './file.ts';
import { reportLines, type ImportReport, type Problem } from './report.ts';
import type { Source } from './contract.ts';

/** One file read by a table reader: its rows, the problems of the rows not read, and how to write it. */
export interface ParsedTable {
  kind: SourceTable['kind'];
  /** The source id is `${prefix}:${file name}`. */
  prefix: string;
  title: string;
  rows: number;
  problems: Problem[];
  write(db: Db, sourceId: string, agenda: AgendaMatcher, tick: () => void): Promise<EntityOutcomes>;
}

export interface TableReader {
  /** Written in this order (lowest first): meeting tables before veto lists, so vetoes land on meetings that carry their topics. */
  order: number;
  /** A reader that takes any table is offered a file only when no other reader claimed it. */
  fallback?: boolean;
  claims(path: string, text: string): boolean;
  parse(text: string, path: string): ParsedTable;
}

export interface ReadTable {
  file: SourceFile;
  table: ParsedTable;
  order: number;
}

export function readTableFiles(paths: string[], readers: TableReader[], maxBytes?: number): ReadTable[] {
  const ordered = [...readers].sort((a, b) => Number(a.fallback ?? false) - Number(b.fallback ?? false));
  return paths.map((path) => {
    const file = readSourceFile(path, 'dhl_table', 'dhl', null, maxBytes);
    const reader = ordered.find((r) => r.claims(path, file.text));
    if (!reader) throw new Error(`${path}: not a table file of any source (a meeting table or a veto list)`);
    const table = reader.parse(file.text, path);
    const id = `${table.prefix}:${file.source.id.replace(/^dhl:/, '')}`;
    return {
      file: { ...file, source: { ...file.source, kind: table.kind, id, title: table.title } },
      table,
      order: reader.order,
    };
  });
}

export async function writeTableFiles(
  store: Store,
  read: ReadTable[],
  options: { kind: string; progress?: Progress },
): Promise<ImportReport> {
  const progress = options.progress ?? createProgress({ mode: 'silent' });
  const report: ImportReport = {
    kind: options.kind,
    sources: [],
    meetings: tally([]),
    decisions: tally([]),
    problems: [],
  };
  const all: EntityOutcomes = { meetings: [], decisions: [], problems: [] };
  const ordered = [...read].sort((a, b) => a.order - b.order);
  await store.db.transaction().execute(async (trx) => {
    const agenda = await AgendaMatcher.load(trx);
    for (const { file, table } of ordered) {
      if (table.rows === 0) {
        // Nothing in it could be read: the record gets no source row for it, and the report says so.
        report.problems.push(...table.problems, {
          file: file.path,
          locator: 'file',
          message:
            'no row of this file could be read; nothing was imported from it and no source was recorded',
          severity: 'error',
        });
        continue;
      }
      const outcome = await upsertSource(trx, file.source);
      progress.start(`import ${file.source.id}`, table.rows);
      const res = await table.write(trx, file.source.id, agenda, () => progress.tick());
      progress.stop();
      all.meetings.push(...res.meetings);
      all.decisions.push(...res.decisions);
      report.sources.push({ id: file.source.id, path: file.path, outcome, rows: table.rows });
      report.problems.push(...table.problems, ...res.problems);
    }
  });
  report.meetings = tally(all.meetings);
  report.decisions = tally(all.decisions);
  return report;
}

/** The Source of a kind of table file: reads with the table readers of every source, writes in one transaction. */
export function tableSource(spec: {
  kind: string;
  summary: string;
  table: TableReader;
}): Source<ReadTable[], ImportReport> {
  return {
    ...spec,
    read: async (paths, context) =>
      readTableFiles(
        paths,
        context.tables.includes(spec.table) ? context.tables : [spec.table, ...context.tables],
        context.maxBytes,
      ),
    write: (store, read, context) =>
      writeTableFiles(store, read, { kind: spec.kind, progress: context.progress }),
    describe: (r) => reportLines(r, ['meetings', 'decisions']),
  };
}
