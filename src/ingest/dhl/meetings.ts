import { scanSymbols, tryParseSymbol } from '../../domain/symbols.ts';
import { permanentSeat } from '../../domain/article27.ts';
import { readHtmlTables, type Cell, type HeaderRule, type Problem, type TableRow } from './html-table.ts';
import { parseTableDate } from './dates.ts';

export const MEETING_HEADERS: HeaderRule[] = [
  { key: 'record', test: /^meeting\s*record$/i },
  { key: 'date', test: /^date$/i },
  { key: 'press', test: /^press\s*release$/i },
  { key: 'recording', test: /^recording$/i },
  { key: 'topic', test: /^(topic|agenda item|subject)$/i },
  { key: 'recordLetter', test: /vote procedure|briefings/i },
  { key: 'outcomeLetter', test: /letter with vote outcome/i },
  { key: 'outcome', test: /outcome\s*\/\s*vote/i },
];

export interface Tally {
  for: number;
  against: number;
  abstaining: number;
}

export interface DhlOutcome {
  kind: 'resolution' | 'presidential_statement' | 'draft_not_adopted';
  /** The adopted decision's symbol, or the draft's for a draft not adopted. */
  symbol: string;
  tally: Tally | null;
  /** Permanent members named after "vetoed by", as ISO3 of their seat. */
  vetoedBy: string[];
}

export interface DhlMeetingRow {
  locator: string;
  line: number | undefined;
  date: string;
  /** "S/PV.8745", "S/PV.8706 (Resumption 1)"; null for a videoconference. */
  record: string | null;
  kind: 'formal' | 'vtc';
  closed: boolean;
  /** "[resumed meeting]": the same record continued on another day. */
  resumed: boolean;
  topic: string;
  /** VTC record letter ("Letter with Vote Procedure / Briefings"). */
  recordLetter: string | null;
  outcomeLetter: string | null;
  outcomes: DhlOutcome[];
  /** "Communiqué" of a closed meeting. */
  communique: boolean;
}

export interface DhlMeetingTable {
  file: string;
  title: string;
  year: number;
  /** True for the tables with the videoconference letter columns (2020 COVID table, 2021). */
  vtcColumns: boolean;
  rows: DhlMeetingRow[];
  problems: Problem[];
}

const EMPTY = /^(--|-|—|none issued)?$/i;

function firstSymbol(cell: Cell | undefined): string | null {
  if (!cell || EMPTY.test(cell.text)) return null;
  return scanSymbols(cell.text)[0]?.symbol ?? null;
}

/** The year the rows' own symbols point to (S/2020/268, S/RES/2518 (2020), S/PRST/2020/5). */
function yearOfRows(rows: TableRow[]): number | null {
  const counts = new Map<number, number>();
  for (const r of rows) {
    for (const cell of Object.values(r.cells)) {
      for (const s of scanSymbols(cell.text)) {
        const year = tryParseSymbol(s.symbol)?.year;
        if (year) counts.set(year, (counts.get(year) ?? 0) + 1);
      }
    }
  }
  let best: number | null = null;
  for (const [y, n] of counts) if (best === null || n > (counts.get(best) ?? 0)) best = y;
  return best;
}

const TALLY = /(\d{1,2})\s*-\s*(\d{1,2})\s*-\s*(\d{1,2})/;

function vetoers(text: string, where: string, problems: Problem[], file: string, line?: number): string[] {
  const m = /vetoed by\s+(.+?)(?=\d|$)/is.exec(text);
  if (!m) return [];
  const names = m[1]!
    .split(/,|\band\b|\n|;/)
    .map((s) => s.trim())
    .filter(Boolean);
  const out: string[] = [];
  for (const n of names) {
    const seat = permanentSeat(n);
    if (seat) out.push(seat);
    else
      problems.push({
        file,
        line,
        locator: where,
        field: 'outcome',
        message: `"${n}" after "vetoed by" is not a permanent member`,
        severity: 'warning',
      });
  }
  return out;
}

/** Reads the outcome cell: each symbol with the words and tally that follow it up to the next symbol. */
export function parseOutcomeCell(
  cell: Cell,
  where: string,
  file: string,
  line: number | undefined,
  problems: Problem[],
): { outcomes: DhlOutcome[]; communique: boolean } {
  const text = cell.text;
  if (EMPTY.test(text)) return { outcomes: [], communique: false };
  if (/^communiqu/i.test(text)) return { outcomes: [], communique: true };
  const mentions = scanSymbols(text.replace(/S\/RES\/(\d+)\((\d{4})\)/g, 'S/RES/$1 ($2)'));
  const norm = text.replace(/S\/RES\/(\d+)\((\d{4})\)/g, 'S/RES/$1 ($2)');
  const outcomes: DhlOutcome[] = [];
  if (mentions.length === 0) {
    problems.push({
      file,
      line,
      locator: where,
      field: 'outcome',
      message: `no decision symbol in "${text.replace(/\n/g, ' ')}"; the outcome was not recorded`,
      severity: 'warning',
    });
    return { outcomes, communique: false };
  }
  mentions.forEach((m, i) => {
    const tail = norm.slice(m.end, mentions[i + 1]?.start ?? norm.length);
    const t = TALLY.exec(tail);
    const tally = t ? { for: Number(t[1]), against: Number(t[2]), abstaining: Number(t[3]) } : null;
    if (m.kind === 'resolution') outcomes.push({ kind: 'resolution', symbol: m.symbol, tally, vetoedBy: [] });
    else if (m.kind === 'presidential_statement')
      outcomes.push({ kind: 'presidential_statement', symbol: m.symbol, tally: null, vetoedBy: [] });
    else if (m.kind === 'document' && /not adopted|vetoed/i.test(tail)) {
      outcomes.push({
        kind: 'draft_not_adopted',
        symbol: m.symbol,
        tally,
        vetoedBy: vetoers(tail, where, problems, file, line),
      });
    } else if (m.kind === 'document' && mentions[i + 1]?.kind === 'resolution') {
      // "S/2021/xxx S/RES/nnnn": the draft that became the resolution; the resolution carries the decision.
    } else {
      problems.push({
        file,
        line,
        locator: where,
        field: 'outcome',
        message: `"${m.symbol}" in the outcome is neither a resolution, a statement nor a draft marked "not adopted"/"vetoed"`,
        severity: 'warning',
      });
    }
  });
  return { outcomes, communique: false };
}

function cleanTopic(text: string): string {
  return text
    .replace(/\[(closed|resumed meeting)\]/gi, '')
    .replace(/\*+$/, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Parses one "Meetings conducted by the Security Council" page. The year comes from the rows (their
 * symbols), not the title: the 2020 videoconference table's title says 2021.
 */
export function parseMeetingTable(html: string, file: string): DhlMeetingTable {
  const { tables, problems } = readHtmlTables(html, file, MEETING_HEADERS);
  const table = tables[0];
  if (!table) throw new Error(`${file}: no table with a header row`);
  for (const key of ['date', 'topic', 'outcome']) {
    if (!table.columns.some((c) => c.key === key))
      throw new Error(
        `${file}: table ${table.table} has no "${key}" column (headers: ${table.columns.map((c) => c.header).join(' | ')})`,
      );
  }
  const hasRecord = table.columns.some((c) => c.key === 'record');
  const vtcColumns = table.columns.some((c) => c.key === 'recordLetter' || c.key === 'outcomeLetter');
  const titleYear = Number(/\b(19|20)\d{2}\b/.exec(table.title)?.[0] ?? NaN);
  const rowsYear = yearOfRows(table.rows);
  const fileYear = Number(/(19|20)\d{2}/.exec(file)?.[0] ?? NaN);
  const year =
    rowsYear ?? (Number.isFinite(fileYear) ? fileYear : Number.isFinite(titleYear) ? titleYear : null);
  if (year === null)
    throw new Error(
      `${file}: cannot tell the year of the table (no dated symbols, no year in name or title)`,
    );
  if (Number.isFinite(titleYear) && titleYear !== year) {
    problems.push({
      file,
      locator: `table ${table.table} title`,
      message: `the title says ${titleYear} but the rows' symbols say ${year}; the rows are trusted`,
      severity: 'warning',
    });
  }
  const rows: DhlMeetingRow[] = [];
  for (const r of table.rows) {
    const locator = `table ${table.table} row ${r.row}`;
    try {
      const recordText = r.cells.record?.text ?? '--';
      let record: string | null = null;
      if (hasRecord && !EMPTY.test(recordText)) {
        const raw = recordText
          .replace(/\((closed|private)\)/i, '')
          .replace(/\s+/g, ' ')
          .trim();
        const parsed = tryParseSymbol(raw.replace(/\(Resumption\s*(\d+)\)/i, '(Resumption $1)'));
        if (!parsed || parsed.kind !== 'meeting_record')
          throw new Error(`meeting record "${recordText}" is not a meeting record symbol such as S/PV.8743`);
        record = parsed.text;
      }
      const topicRaw = r.cells.topic?.text ?? '';
      const closed = /\((closed|private)\)/i.test(recordText) || /\[closed\]/i.test(topicRaw);
      const { outcomes, communique } = parseOutcomeCell(r.cells.outcome!, locator, file, r.line, problems);
      rows.push({
        locator,
        line: r.line,
        date: parseTableDate(r.cells.date?.text ?? '', year, `${file} ${locator} date`),
        record,
        kind: record === null && vtcColumns ? 'vtc' : 'formal',
        closed,
        resumed: /\[resumed meeting\]/i.test(topicRaw),
        topic: cleanTopic(topicRaw),
        recordLetter: firstSymbol(r.cells.recordLetter),
        outcomeLetter: firstSymbol(r.cells.outcomeLetter),
        outcomes,
        communique,
      });
      if (record === null && !vtcColumns) throw new Error('no meeting record in a table of formal meetings');
    } catch (e) {
      if (rows.at(-1)?.locator === locator) rows.pop();
      problems.push({
        file,
        line: r.line,
        locator,
        message: `${e instanceof Error ? e.message : String(e)}; row skipped`,
        severity: 'error',
      });
    }
  }
  return { file, title: table.title, year, vtcColumns, rows, problems };
}
