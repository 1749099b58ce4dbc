/** The UN Library's (Dag Hammarskjöld Library) yearly meeting tables, read as a table file (common/tables.ts). */
import type { TableReader } from '../common/tables.ts';
import { importMeetingTable } from './import-meetings.ts';
import { parseMeetingTable } from './meetings.ts';

export const meetingTables: TableReader = {
  order: 0,
  // Any HTML table the other readers do not claim is read as a meeting table; one that is not says so.
  fallback: true,
  claims: (path) => !/\.csv$/i.test(path),
  parse(text, path) {
    const table = parseMeetingTable(text, path);
    return {
      kind: 'dhl_table',
      prefix: 'dhl',
      title: `Meetings conducted by the Security Council in ${table.year} (Dag Hammarskjöld Library)`,
      rows: table.rows.length,
      problems: table.problems,
      write: (db, sourceId, agenda, tick) => importMeetingTable(db, table, sourceId, agenda, tick),
    };
  },
};
