/** The veto lists: the UN Library's veto table (HTML) and the 1946–2022 CSV, read as table files (common/tables.ts). */
import type { TableReader } from '../common/tables.ts';
import { importVetoList } from './import-vetoes.ts';
import { isVetoTableHtml, parseVetoCsv, parseVetoTable } from './parse.ts';

export const vetoLists: TableReader = {
  // After the meeting tables, so the vetoes land on meetings that carry their topics and formats.
  order: 1,
  claims: (path, text) => /\.csv$/i.test(path) || isVetoTableHtml(text),
  parse(text, path) {
    const csv = /\.csv$/i.test(path);
    const list = csv ? parseVetoCsv(text, path) : parseVetoTable(text, path);
    return {
      kind: 'veto_list',
      prefix: csv ? 'vetoes' : 'dhl',
      title: csv
        ? 'Security Council vetoes since 1946 (CSV, world-politics-datalab)'
        : 'Security Council - Veto List (Dag Hammarskjöld Library)',
      rows: list.records.length,
      problems: list.problems,
      // The CSV's agenda wording is its own summary: only the UN Library list's becomes a decision title.
      write: (db, sourceId, agenda, tick) =>
        importVetoList(db, list, sourceId, agenda, { titles: !csv }, tick),
    };
  },
};
