import { scanSymbols, tryParseSymbol } from '../../domain/symbols.ts';
import { permanentSeat } from '../../domain/article27.ts';
import type { VoteTally } from '../../domain/proven-votes.ts';
import {
  readHtmlTables,
  type Cell,
  type HeaderRule,
  type Problem,
  type TableRow,
} from '../common/html-table.ts';
import { parseTableDate } from '../common/table-dates.ts';

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

export interface DhlOutcome {
  kind: 'resolution' | 'presidential_statement' | 'draft_not_adopted';
  /** The adopted decision's symbol, or the draft's for a draft not adopted. */
  symbol: string;
  tally: VoteTally | null;
  /** Permanent members named after "vetoed by", as ISO3 of their seat. */
  vetoedBy: string[];
  /**
   * Other readings the table gives of this outcome, each kept as a conflict beside the value recorded,
   * with the place that gives it ("table 1 row 12 link text", or the row of a second listing).
   */
  conflicts?: { field: string; value: string; locator: string }[];
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
  /** What else the record cell says: place, corrigenda, parts. */
  notes: string[];
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
  year: number | null = null,
): { outcomes: DhlOutcome[]; communique: boolean } {
  const text = cell.text;
  if (EMPTY.test(text)) return { outcomes: [], communique: false };
  // "Communiqué and S/RES/1987 (2011)": a closed meeting's communiqué, and what it adopted.
  const communique = /^communiqu/i.test(text);
  if (communique && !/S\/(RES|PRST)\//i.test(text)) return { outcomes: [], communique };
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
    return { outcomes, communique };
  }
  mentions.forEach((m, i) => {
    const tail = norm.slice(m.end, mentions[i + 1]?.start ?? norm.length);
    const t = TALLY.exec(tail);
    const tally = t ? { for: Number(t[1]), against: Number(t[2]), abstaining: Number(t[3]) } : null;
    if (m.kind === 'resolution') {
      const reading = linkReading(m.symbol, cell, year, where);
      outcomes.push({
        kind: 'resolution',
        symbol: reading.symbol,
        tally,
        vetoedBy: [],
        ...(reading.conflicts ? { conflicts: reading.conflicts } : {}),
      });
    } else if (m.kind === 'presidential_statement')
      outcomes.push({ kind: 'presidential_statement', symbol: m.symbol, tally: null, vetoedBy: [] });
    else if ((m.kind === 'document' || m.kind === 'meeting_record') && /^\s*\(PRST\)/i.test(tail))
      // Before the S/PRST series (1994) a statement was issued as an S/ document, "S/22862 (PRST)", or
      // read into the meeting record, "S/PV.1603 (PRST)": that document is its symbol.
      outcomes.push({ kind: 'presidential_statement', symbol: m.symbol, tally: null, vetoedBy: [] });
    else if (m.kind === 'document' && /not adopted|vetoed/i.test(tail)) {
      const vetoedBy = vetoers(tail, where, problems, file, line);
      // A veto is a negative vote: a tally with fewer votes against than vetoes (2022: S/2022/431 "vetoed
      // by China, Russian Federation 13-0-2") contradicts itself; the tally is kept as a conflict only.
      const contradicts = tally !== null && vetoedBy.length > tally.against;
      if (contradicts)
        problems.push({
          file,
          line,
          locator: where,
          field: 'outcome',
          message: `${m.symbol}: the tally ${tally.for}-${tally.against}-${tally.abstaining} has fewer votes against than the ${vetoedBy.length} veto(es) it names; the tally is not recorded (kept as a conflict)`,
          severity: 'warning',
        });
      outcomes.push({
        kind: 'draft_not_adopted',
        symbol: m.symbol,
        tally: contradicts ? null : tally,
        vetoedBy,
        ...(contradicts
          ? {
              conflicts: [
                {
                  field: 'tally',
                  value: `${tally.for}-${tally.against}-${tally.abstaining}`,
                  locator: `${where} tally`,
                },
              ],
            }
          : {}),
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
  return { outcomes, communique };
}

const RES_SYMBOL = /S\/RES\/(\d{1,4})\s*\((\d{4})\)/;

/**
 * A resolution's link text and link target can disagree: 1992's table links "S/RES/770 (1991)" to
 * …/S/RES/770 (1992). The reading whose year is the table's wins (a resolution is dated in the year of the
 * meeting that adopted it); the other is kept as the conflicting reading. Without a table year, or when
 * neither reading has it, the link text stands.
 */
function linkReading(
  symbol: string,
  cell: Cell,
  year: number | null,
  where: string,
): { symbol: string; conflicts?: DhlOutcome['conflicts'] } {
  const anchor = cell.anchors.find((a) => {
    const t = RES_SYMBOL.exec(a.text);
    return t !== null && `S/RES/${t[1]} (${t[2]})` === symbol;
  });
  const target = anchor ? RES_SYMBOL.exec(anchor.href) : null;
  if (!target) return { symbol };
  const fromHref = `S/RES/${target[1]} (${target[2]})`;
  if (fromHref === symbol || year === null) return { symbol };
  const textYear = Number(RES_SYMBOL.exec(symbol)![2]);
  if (Number(target[2]) === year && textYear !== year)
    return {
      symbol: fromHref,
      conflicts: [{ field: 'symbol', value: symbol, locator: `${where} link text` }],
    };
  return { symbol, conflicts: [{ field: 'symbol', value: fromHref, locator: `${where} link target` }] };
}

/** Adds a row's agenda item and outcomes to the meeting it belongs to. */
function addItem(m: DhlMeetingRow, topicRaw: string, outcomes: DhlOutcome[], communique: boolean): void {
  const topic = cleanTopic(topicRaw);
  if (topic && !m.topic.split('; ').includes(topic)) m.topic = m.topic ? `${m.topic}; ${topic}` : topic;
  // A row given twice (2011: S/RES/1996 (2011) at S/PV.6576) adds nothing the first did not.
  m.outcomes.push(...outcomes.filter((o) => !m.outcomes.some((k) => k.symbol === o.symbol)));
  m.communique ||= communique;
}

const ROMAN: Record<string, number> = { I: 1, II: 2, III: 3, IV: 4, V: 5 };

/**
 * The meeting record cell as the tables write it over the decades: "S/PV.11 closed", "S/PV.2249 (privada)",
 * "S/PV.3434+Corr.1+Corr.2", "S/PV.5629(ResumptionI)", "S/PV.6950 (Resumption1 )", "S/PV.9042 Resumption 1)",
 * "S/PV.4820 (Part II)", "S/PV.5084(meeting held in Nairobi)". Returns the canonical symbol and what else
 * the cell says; null record for "--" (a videoconference); an error when no S/PV symbol can be read.
 */
export function parseRecordCell(text: string): { record: string | null; closed: boolean; notes: string[] } {
  if (EMPTY.test(text.trim())) return { record: null, closed: false, notes: [] };
  const flat = text.replace(/\s+/g, ' ').trim();
  const notes: string[] = [];
  const closed = /\b(closed|private|privada)\b/i.test(flat);
  const m = /^S\/PV\.(\d{1,5})\b/i.exec(flat);
  if (!m) throw new Error(`meeting record "${text}" is not a meeting record symbol such as S/PV.8743`);
  const held = /\(meeting held in ([^)]+)\)/i.exec(flat);
  if (held) notes.push(`meeting held in ${held[1]!.trim()}`);
  const corr = flat.match(/Corr\.\d+/gi);
  if (corr) notes.push(`corrigenda: ${corr.join(', ')}`);
  const parts = [...flat.matchAll(/\(Part\s*(I{1,3}|\d)\)/gi)].map((p) => `Part ${p[1]!.toUpperCase()}`);
  if (parts.length) notes.push(`in parts: ${[...new Set(parts)].join(', ')}`);
  const res = /Resumption\s*([IVX]+|\d{1,2})?\s*\)?/i.exec(flat);
  // Anything the forms above do not account for means the cell is not (only) a meeting record.
  const rest = flat
    .slice(m[0].length)
    .replace(/\(meeting held in [^)]+\)/gi, '')
    .replace(/\+?\s*Corr\.\d+/gi, '')
    .replace(/\(?\s*(Part\s*(I{1,3}|\d)|Resumption\s*([IVX]+|\d{1,2})?|closed|private|privada)\s*\)?/gi, '')
    .replace(/S\/PV\.\d+/gi, '')
    .replace(/[\s()]/g, '');
  if (rest !== '')
    throw new Error(`meeting record "${text}" is not a meeting record symbol such as S/PV.8743`);
  let record = `S/PV.${m[1]}`;
  if (res) {
    const n = res[1] === undefined ? 1 : (ROMAN[res[1].toUpperCase()] ?? Number(res[1]));
    // "(Resumption)" without a number is the meeting's only resumption, which the UN numbers 1.
    if (res[1] === undefined) notes.push('written "(Resumption)" in the table: read as Resumption 1');
    record = `${record} (Resumption ${n})`;
  }
  const parsed = tryParseSymbol(record);
  if (!parsed || parsed.kind !== 'meeting_record')
    throw new Error(`meeting record "${text}" is not a meeting record symbol such as S/PV.8743`);
  return { record: parsed.text, closed, notes };
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
  /** The row each formal meeting (record and date) was first read into: later rows of it add to it. */
  const byMeeting = new Map<string, DhlMeetingRow>();
  /** The meeting of the row above, which a continuation row adds to; undefined after a skipped row. */
  let above: DhlMeetingRow | undefined;
  for (const r of table.rows) {
    const locator = `table ${table.table} row ${r.row}`;
    try {
      const recordText = r.cells.record?.text ?? '--';
      const dateText = r.cells.date?.text ?? '';
      const topicRaw = r.cells.topic?.text ?? '';
      const { outcomes, communique } = parseOutcomeCell(
        r.cells.outcome!,
        locator,
        file,
        r.line,
        problems,
        year,
      );
      // Another item of the meeting above: its record and date carried down by rowspan, or left empty.
      const sameAsAbove =
        r.continued.includes('record') || (hasRecord && recordText === '' && dateText === '');
      if (sameAsAbove) {
        // Never onto another meeting: when the row above was skipped, this one is skipped too.
        if (!above) throw new Error('this row continues a meeting whose row could not be read');
        addItem(above, topicRaw, outcomes, communique);
        continue;
      }
      const rec = hasRecord ? parseRecordCell(recordText) : null;
      const record = rec?.record ?? null;
      const date = parseTableDate(dateText, year, `${file} ${locator} date`);
      if (record === null && !vtcColumns) throw new Error('no meeting record in a table of formal meetings');
      const resumed = /\[resumed meeting\]/i.test(topicRaw);
      // A "[resumed meeting]" row stays a row of its own: the import adds it to the meeting it resumes.
      const key = record === null || resumed ? null : record;
      const same = key === null ? undefined : byMeeting.get(key);
      if (same) {
        // One meeting in several rows: parts I and II (2003: S/PV.4820 on 9 and 12 September), or a row
        // given twice. The meeting is dated by its first day; a later day is noted, not lost.
        addItem(same, topicRaw, outcomes, communique);
        const [first, later] = same.date <= date ? [same.date, date] : [date, same.date];
        const days = first === later ? [] : [`continued on ${later}`];
        same.date = first;
        same.notes = [...new Set([...same.notes, ...(rec?.notes ?? []), ...days])];
        above = same;
        continue;
      }
      const row: DhlMeetingRow = {
        locator,
        line: r.line,
        date,
        record,
        kind: record === null && vtcColumns ? 'vtc' : 'formal',
        closed: (rec?.closed ?? false) || /\[closed\]/i.test(topicRaw),
        resumed,
        topic: cleanTopic(topicRaw),
        recordLetter: firstSymbol(r.cells.recordLetter),
        outcomeLetter: firstSymbol(r.cells.outcomeLetter),
        outcomes,
        communique,
        notes: rec?.notes ?? [],
      };
      rows.push(row);
      if (key !== null) byMeeting.set(key, row);
      above = row;
    } catch (e) {
      above = undefined;
      problems.push({
        file,
        line: r.line,
        locator,
        message: `${e instanceof Error ? e.message : String(e)}; row skipped`,
        severity: 'error',
      });
    }
  }
  resolveRelisted(rows, file, problems);
  return { file, title: table.title, year, vtcColumns, rows, problems };
}

const resolutionNumber = (symbol: string) => Number(RES_SYMBOL.exec(symbol)?.[1] ?? NaN);

/**
 * One decision listed at two meetings of a table (1990: S/RES/663 (1990) on 14 August and again, for what
 * was resolution 666, on 13 September; 1991: S/RES/701 (1991) on 30 May and 31 July). Resolutions are
 * numbered in the order they are adopted, so the listing whose date lies between those of its neighbours
 * in the numbering is kept; the other stays in the record as a conflicting reading (its meeting and date),
 * with its row as provenance. When the numbering cannot tell, the earlier listing is kept.
 */
function resolveRelisted(rows: DhlMeetingRow[], file: string, problems: Problem[]): void {
  const listings = new Map<string, { row: DhlMeetingRow; outcome: DhlOutcome }[]>();
  for (const row of rows)
    for (const outcome of row.outcomes)
      listings.set(outcome.symbol, [...(listings.get(outcome.symbol) ?? []), { row, outcome }]);
  const dated = [...listings]
    .filter(([symbol, l]) => l.length === 1 && Number.isFinite(resolutionNumber(symbol)))
    .map(([symbol, l]) => ({ n: resolutionNumber(symbol), date: l[0]!.row.date }))
    .sort((a, b) => a.n - b.n);
  for (const [symbol, list] of listings) {
    if (list.length < 2) continue;
    const n = resolutionNumber(symbol);
    const before = dated.filter((d) => d.n < n).at(-1);
    const after = dated.find((d) => d.n > n);
    const fits = (date: string) => (!before || before.date <= date) && (!after || date <= after.date);
    const byDate = [...list].sort((a, b) => a.row.date.localeCompare(b.row.date));
    const fitting = byDate.filter((l) => fits(l.row.date));
    const kept = fitting.length === 1 ? fitting[0]! : byDate[0]!;
    for (const other of list) {
      if (other === kept) continue;
      other.row.outcomes = other.row.outcomes.filter((o) => o !== other.outcome);
      const conflicts = [
        { field: 'date', value: other.row.date, locator: other.row.locator },
        { field: 'meeting_id', value: other.row.record ?? other.row.date, locator: other.row.locator },
      ];
      const t = other.outcome.tally;
      const k = kept.outcome.tally;
      if (t && k) {
        if (t.for !== k.for)
          conflicts.push({ field: 'vote_for', value: String(t.for), locator: other.row.locator });
        if (t.against !== k.against)
          conflicts.push({ field: 'vote_against', value: String(t.against), locator: other.row.locator });
        if (t.abstaining !== k.abstaining)
          conflicts.push({
            field: 'vote_abstaining',
            value: String(t.abstaining),
            locator: other.row.locator,
          });
      }
      kept.outcome.conflicts = [...(kept.outcome.conflicts ?? []), ...conflicts];
      const why =
        fitting.length === 1
          ? `its number falls between ${before ? `resolution ${before.n} (${before.date})` : 'the first'} and ${after ? `resolution ${after.n} (${after.date})` : 'the last'}`
          : 'the numbering cannot tell; the earlier listing is kept';
      problems.push({
        file,
        line: other.row.line,
        locator: other.row.locator,
        field: 'outcome',
        message: `${symbol} is also listed at ${kept.row.record ?? kept.row.date} on ${kept.row.date} (${kept.row.locator}); recorded there (${why}), this listing (${other.row.record ?? ''} ${other.row.date}) kept as a conflict`,
        severity: 'warning',
      });
    }
  }
}
