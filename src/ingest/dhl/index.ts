import type { Store } from '../../store/db.ts';
import { tally, upsertSource, type Outcome } from '../../store/record.ts';
import { createProgress, type Progress } from '../progress.ts';
import { isVetoTableHtml, parseVetoCsv, parseVetoTable } from '../vetoes/parse.ts';
import { importVetoList } from '../vetoes/import-vetoes.ts';
import { AgendaMatcher } from './agenda.ts';
import type { Problem } from './html-table.ts';
import { importMeetingTable, type EntityOutcomes } from './import-meetings.ts';
import { parseMeetingTable } from './meetings.ts';
import { readSourceFile } from './source-file.ts';

export type WriteCounts = ReturnType<typeof tally>;

export interface ImportReport {
  kind: string;
  sources: { id: string; path: string; outcome: Outcome; rows: number }[];
  meetings: WriteCounts;
  decisions: WriteCounts;
  /** Rows not imported (errors) and rows imported with a caveat (warnings), with file, line and field. */
  problems: Problem[];
}

export function formatProblem(p: Problem): string {
  return `${p.file}${p.line ? `:${p.line}` : ''} (${p.locator}${p.field ? `, ${p.field}` : ''}) ${p.severity}: ${p.message}`;
}

type Parsed =
  | { type: 'meetings'; table: ReturnType<typeof parseMeetingTable> }
  | { type: 'vetoes'; list: ReturnType<typeof parseVetoTable>; titles: boolean };

/**
 * Imports DHL meeting tables and veto lists (HTML or CSV) in one transaction: every file is parsed first, so
 * a file that cannot be read at all stops the import before anything is written; bad rows are reported and
 * skipped, the good ones kept.
 */
export async function importDhlFiles(
  store: Store,
  paths: string[],
  options: { kind?: 'dhl' | 'vetoes'; progress?: Progress; maxBytes?: number } = {},
): Promise<ImportReport> {
  const progress = options.progress ?? createProgress({ mode: 'silent' });
  const parsed: { file: ReturnType<typeof readSourceFile>; data: Parsed }[] = [];
  for (const path of paths) {
    const file = readSourceFile(path, 'dhl_table', 'dhl', null, options.maxBytes);
    const text = file.text;
    const as = (kind: 'dhl_table' | 'veto_list', prefix: string, title: string) => ({
      ...file,
      source: { ...file.source, kind, id: file.source.id.replace(/^dhl:/, `${prefix}:`), title },
    });
    if (/\.csv$/i.test(path)) {
      parsed.push({
        file: as('veto_list', 'vetoes', 'Security Council vetoes since 1946 (CSV, world-politics-datalab)'),
        data: { type: 'vetoes', list: parseVetoCsv(text, path), titles: false },
      });
    } else if (isVetoTableHtml(text)) {
      parsed.push({
        file: as('veto_list', 'dhl', 'Security Council - Veto List (Dag Hammarskjöld Library)'),
        data: { type: 'vetoes', list: parseVetoTable(text, path), titles: true },
      });
    } else {
      const table = parseMeetingTable(text, path);
      parsed.push({
        file: as(
          'dhl_table',
          'dhl',
          `Meetings conducted by the Security Council in ${table.year} (Dag Hammarskjöld Library)`,
        ),
        data: { type: 'meetings', table },
      });
    }
  }
  const report: ImportReport = {
    kind: options.kind ?? 'dhl',
    sources: [],
    meetings: tally([]),
    decisions: tally([]),
    problems: [],
  };
  const all: EntityOutcomes = { meetings: [], decisions: [], problems: [] };
  // Meeting tables first, so the veto lists land on meetings that carry their topics and formats.
  parsed.sort((a, b) => (a.data.type === b.data.type ? 0 : a.data.type === 'meetings' ? -1 : 1));
  await store.db.transaction().execute(async (trx) => {
    const agenda = await AgendaMatcher.load(trx);
    for (const { file, data } of parsed) {
      const rows = data.type === 'meetings' ? data.table.rows.length : data.list.records.length;
      const problems = data.type === 'meetings' ? data.table.problems : data.list.problems;
      if (rows === 0) {
        // Nothing in it could be read: the record gets no source row for it, and the report says so.
        report.problems.push(...problems, {
          file: file.path,
          locator: 'file',
          message:
            'no row of this file could be read; nothing was imported from it and no source was recorded',
          severity: 'error',
        });
        continue;
      }
      const outcome = await upsertSource(trx, file.source);
      progress.start(`import ${file.source.id}`, rows);
      const tick = () => progress.tick();
      const res =
        data.type === 'meetings'
          ? await importMeetingTable(trx, data.table, file.source.id, agenda, tick)
          : await importVetoList(trx, data.list, file.source.id, agenda, { titles: data.titles }, tick);
      progress.stop();
      all.meetings.push(...res.meetings);
      all.decisions.push(...res.decisions);
      report.sources.push({ id: file.source.id, path: file.path, outcome, rows });
      report.problems.push(...problems, ...res.problems);
    }
  });
  report.meetings = tally(all.meetings);
  report.decisions = tally(all.decisions);
  return report;
}
