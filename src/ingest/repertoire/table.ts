/**
 * Stage 7 — parse the table. Reads: the table title block, the tab-separated table and the lettered
 * notes under it. Writes: tables with typed rows (date, record symbol, letter date taken from the
 * title cell, decisions with their vote and written-procedure letter, the note letters set on the
 * row) and the notes. Columns are found by their headings, so tables with other column orders work.
 * Findings: an unreadable date, a bad symbol, a note letter with no note or a note no row uses.
 */
import { parseStateList, scanStates } from '../../domain/states.ts';
import { scanSymbols, tryParseSymbol } from '../../domain/symbols.ts';
import { parseDate } from '../entities/dates.ts';
import { scanResolutionMentions } from '../entities/resolutions.ts';
import { scanVoteMentions } from '../entities/votes.ts';
import { allMatches } from '../../lib/matches.ts';
import { LEXICON } from './lexicon.ts';
import type { Block, Decision, Finding, Lang, Participation, Table, TableRow } from './types.ts';

type Column =
  'date' | 'record' | 'title' | 'decision' | 'subItem' | 'otherDocuments' | 'rule37' | 'rule39' | 'speakers';
// Decision first: its heading ("…和书面程序记录", "…record of written procedure") also names a record.
// The columns of formal-meeting tables ("Sub-item", "Rule 37 invitations", …) come before the rest.
const HEADINGS: { col: Column; re: RegExp }[] = [
  { col: 'decision', re: /决定|表决|\bdecision\b/i },
  { col: 'subItem', re: /分项|\bsub-item\b/i },
  { col: 'otherDocuments', re: /其他文件|\bother documents\b/i },
  { col: 'rule37', re: /第\s*37\s*条|\brule 37\b/i },
  { col: 'rule39', re: /第\s*39\s*条|\brule 39\b/i },
  { col: 'speakers', re: /发言者|\bspeakers\b/i },
  { col: 'date', re: /日期|\bdate\b/i },
  { col: 'title', re: /标题|\btitle\b/i },
  { col: 'record', re: /记录|\brecord\b/i },
];
const DEFAULT_ORDER: Column[] = ['date', 'record', 'title', 'decision'];
const MARK: Record<Lang, RegExp> = {
  zh: /\s*\^([a-z])/g,
  // English PDF text sets the note letter right after the year: "30 March 2020a".
  en: /\s*\^([a-z])|(?<=\d{4})([a-z])\b/g,
};
/** What a note letter needs (a caret, or in English a year before it): most cells have neither. */
const MARK_NEEDS: Record<Lang, RegExp> = { zh: /\^/, en: /\^|\d[a-z]/ };
const SYMBOLISH = /(?<![\w/])[SA]\/[^\s,，;；、。)）]*[^\s,，;；、。.)）]/g;
/** The first thing written like a symbol, so a mistyped one is reported rather than passed over. */
const SYMBOL_LIKE = new RegExp(SYMBOLISH.source);

/** Symbols written out in a cell, leaving out one cut short by a typo ("S/2020/24Q" is not S/2020/24). */
function cellSymbols(cell: string) {
  return scanSymbols(cell).filter((s) => !/^[\w/]/.test(cell.slice(s.end)));
}

export function parseTables(blocks: Block[], lang: Lang, findings: Finding[], year?: number): Table[] {
  const lex = LEXICON[lang];
  const tables: Table[] = [];
  let title: Block | null = null;
  let current: Table | null = null;
  for (const b of blocks) {
    if (b.kind === 'table-title') {
      title = b;
      continue;
    }
    if (b.kind === 'table') {
      const t = lex.tableTitle.exec(title?.lines[0] ?? '');
      current = {
        title: t?.[2]?.trim() ?? title?.lines[0] ?? '',
        kind: lex.vtcTable.test(title?.lines[0] ?? b.lines[0] ?? '') ? 'vtc' : 'meeting',
        line: title?.line ?? b.line,
        header: [],
        rows: [],
        notes: [],
      };
      tables.push(current);
      parseRows(current, b, lang, findings, year);
      title = null;
      continue;
    }
    if (b.kind === 'table-note' && current) {
      b.lines.forEach((line, i) => {
        const m = lex.tableNote.exec(line);
        if (m) current!.notes.push({ mark: m[1]!, text: m[2]!.trim(), line: b.line + i });
        else if (current!.notes.length > 0) current!.notes.at(-1)!.text += lex.joiner + line.trim();
      });
    }
  }
  for (const t of tables) checkNotes(t, findings);
  return tables;
}

function parseRows(table: Table, block: Block, lang: Lang, findings: Finding[], year?: number): void {
  let order = DEFAULT_ORDER;
  let lines = block.lines.map((l, i) => ({ text: l, line: block.line + i }));
  const head = lines[0]!.text.split('\t').map((c) => c.trim());
  const cols = head.map((c) => HEADINGS.find((h) => h.re.test(c))?.col);
  if (cols.filter(Boolean).length >= 2) {
    table.header = head;
    order = cols.map((c, i) => c ?? (`extra${i}` as Column));
    lines = lines.slice(1);
  }
  // A line with a single cell that is not a date continues the row above (PDF tables wrap long titles);
  // it goes to that row's last filled cell.
  const rows: { cells: string[]; line: number }[] = [];
  for (const { text, line } of lines) {
    if (text.trim() === '') continue;
    const cells = text.split('\t');
    const filled = cells.filter((c) => c.trim() !== '');
    const prev = rows.at(-1);
    if (prev && filled.length === 1 && !parseDate(filled[0]!, lang, { folded: true })) {
      let last = prev.cells.length - 1;
      while (last > 0 && prev.cells[last]!.trim() === '') last--;
      prev.cells[last] = `${prev.cells[last]}${LEXICON[lang].joiner}${filled[0]!.trim()}`;
      continue;
    }
    rows.push({ cells, line });
  }
  rows.forEach(({ cells, line }, i) => {
    const rowNo = i + 1;
    const where = `table row ${rowNo}`;
    const marks: string[] = [];
    const dateCell = stripMarks(cellAt(cells, order, 'date'), lang, marks);
    const recordCell = stripMarks(cellAt(cells, order, 'record'), lang, marks);
    const titleCell = stripMarks(cellAt(cells, order, 'title'), lang, marks);
    const decisionCell = stripMarks(cellAt(cells, order, 'decision'), lang, marks);
    const date = parseDate(dateCell, lang, year ? { year, folded: true } : { folded: true }) ?? null;
    if (!date) {
      findings.push({
        severity: 'error',
        code: 'table-bad-date',
        params: { row: rowNo, line, cell: dateCell },
        message: `${where} (line ${line}): "${dateCell}" is not a date`,
        where,
      });
    }
    let record: string | null = null;
    // Formal-meeting tables put the record in the date column: "S/PV.8743 30 March 2020".
    const recordText =
      recordCell || (cellSymbols(dateCell)[0]?.symbol ?? SYMBOL_LIKE.exec(dateCell)?.[0] ?? '');
    if (recordText) {
      const parsed = tryParseSymbol(recordText);
      if (parsed) record = parsed.text;
      else
        findings.push({
          severity: 'error',
          code: 'table-bad-symbol',
          params: { row: rowNo, line, symbol: recordText, variant: 'record' },
          message: `${where} (line ${line}): record "${recordText}" is not a UN document symbol (expected e.g. S/2020/268)`,
          where,
        });
    } else {
      findings.push({
        severity: 'warning',
        code: 'table-no-record',
        params: { row: rowNo },
        message: `${where} has no record symbol`,
        where,
      });
    }
    checkSymbols(decisionCell, rowNo, line, findings);
    const row: TableRow = {
      row: rowNo,
      line,
      date,
      record,
      letterDate: parseDate(titleCell, lang, year ? { year, folded: true } : { folded: true }) ?? null,
      title: titleCell,
      decisions: parseDecisions(decisionCell, lang),
      noteMarks: marks,
    };
    const participation = readParticipation(cells, order, lang);
    if (participation) row.participation = participation;
    table.rows.push(row);
  });
}

/**
 * The formal-meeting columns of a row: sub-item (and its documents), other documents, rule 37 invitations
 * (states, their titles in brackets set aside), rule 39 and other invitations, and speakers (as written,
 * with the states named). Undefined when the table has none of these columns or they are all empty.
 */
function readParticipation(cells: string[], order: Column[], lang: Lang): Participation | undefined {
  const p: Participation = {};
  const subItem = cellAt(cells, order, 'subItem');
  if (subItem) {
    p.subItem = subItem;
    const docs = cellSymbols(subItem).map((s) => s.symbol);
    if (docs.length > 0) p.documents = docs;
  }
  const other = cellSymbols(cellAt(cells, order, 'otherDocuments')).map((s) => s.symbol);
  if (other.length > 0) p.otherDocuments = other;
  const rule37 = cellAt(cells, order, 'rule37');
  if (rule37) {
    p.rule37Text = rule37;
    // "Colombia (Minister for Foreign Affairs)": the state, its representative's title set aside.
    const states = parseStateList(rule37.replace(/\s*[(（][^()（）]*[)）]/g, ''), lang).states;
    if (states.length > 0) p.rule37 = states;
  }
  const rule39 = cellAt(cells, order, 'rule39');
  if (rule39) p.rule39 = rule39;
  const speakers = cellAt(cells, order, 'speakers');
  if (speakers) {
    p.speakers = speakers;
    const states = scanStates(speakers, lang);
    if (states.length > 0) p.speakerStates = states;
  }
  return Object.keys(p).length > 0 ? p : undefined;
}

function cellAt(cells: string[], order: Column[], col: Column): string {
  const i = order.indexOf(col);
  return i >= 0 ? (cells[i] ?? '').trim() : '';
}

/** The cell without its note letters, which are added to `marks` (each once). */
function stripMarks(cell: string, lang: Lang, marks: string[]): string {
  if (!MARK_NEEDS[lang].test(cell)) return cell;
  return cell.replace(MARK[lang], (_m, a?: string, b?: string) => {
    const mark = a ?? b;
    if (mark && !marks.includes(mark)) marks.push(mark);
    return '';
  });
}

/** "第 2518(2020)号决议 15-0-0 S/2020/249" → one decision with its vote and written-procedure letter. */
export function parseDecisions(cell: string, lang: Lang): Decision[] {
  const refs: { symbol: string; start: number; end: number }[] = scanResolutionMentions(cell, lang, true);
  for (const s of cellSymbols(cell)) {
    if (s.kind === 'presidential_statement' && !refs.some((r) => s.start < r.end && r.start < s.end))
      refs.push(s);
  }
  refs.sort((a, b) => a.start - b.start);
  return refs.map((r, i) => {
    const segment = cell.slice(r.end, refs[i + 1]?.start ?? cell.length);
    const vote = scanVoteMentions(segment, lang, true)[0];
    const letter = cellSymbols(segment).find((s) => s.kind === 'document');
    const d: Decision = {
      symbol: r.symbol,
      for: vote?.for ?? null,
      against: vote?.against ?? null,
      abstaining: vote?.abstaining ?? null,
    };
    if (letter) d.writtenProcedure = letter.symbol;
    return d;
  });
}

function checkSymbols(cell: string, row: number, line: number, findings: Finding[]): void {
  if (!cell.includes('/')) return;
  const where = `table row ${row}`;
  const good = cellSymbols(cell);
  for (const m of allMatches(SYMBOLISH, cell)) {
    if (/^S\/RES\//.test(m[0]) || good.some((g) => g.start === m.index && g.end === m.index + m[0].length))
      continue;
    findings.push({
      severity: 'error',
      code: 'table-bad-symbol',
      params: { row, line, symbol: m[0] },
      message: `${where} (line ${line}): "${m[0]}" is not a UN document symbol`,
      where,
    });
  }
}

function checkNotes(table: Table, findings: Finding[]): void {
  const marks = new Set(table.rows.flatMap((r) => r.noteMarks));
  for (const r of table.rows) {
    for (const mark of r.noteMarks) {
      if (!table.notes.some((n) => n.mark === mark)) {
        findings.push({
          severity: 'error',
          code: 'table-note-missing',
          params: { row: r.row, mark },
          message: `table row ${r.row} carries note "${mark}" but the table has no note "${mark}"`,
          where: `table row ${r.row}`,
        });
      }
    }
  }
  for (const n of table.notes) {
    if (!marks.has(n.mark)) {
      findings.push({
        severity: 'warning',
        code: 'table-note-unused',
        params: { mark: n.mark, line: n.line },
        message: `table note "${n.mark}" (line ${n.line}) is not referred to by any row`,
        where: `line ${n.line}`,
      });
    }
  }
}
