/**
 * Stage 0 — page layout. Reads: the raw text as a PDF reader gives it (pdftotext with or without -layout):
 * form feeds between pages, running heads and footers, page numbers, and tables whose cells are runs of
 * spaces apart or one cell a line, split over pages with their header repeated. Writes: the same lines
 * (line numbers are those of the input) with the page furniture blanked and each table rebuilt as the
 * tab-separated table the later stages read: a row on the line where it starts, the other lines of the
 * table a lone tab (kept inside the table's block, read as nothing). What was dropped, line by line and
 * why, is this stage's output beside the text. Text already in tab-separated form is left as it is.
 */
import { isRealDate, MONTH_NAMES_EN } from '../../domain/dates.ts';
import { assignTextCells, textColumnOf } from './layout-cells.ts';
import type { Lang } from './types.ts';

export interface DroppedLine {
  line: number;
  text: string;
  why: 'page-break' | 'page-number' | 'running-head' | 'table-header' | 'layout';
}

export interface Layout {
  /** The text for stage 1, line for line. */
  text: string;
  dropped: DroppedLine[];
  /** How the tables found were laid out: "tabs" (as given), "columns" (runs of spaces), "cells" (one a line). */
  tables: ('columns' | 'cells')[];
}

/** A line inside a rebuilt table that holds no cell: non-blank, so the table stays one block. */
export const TABLE_FILLER = '\t';

// The column headings of the Repertoire's tables, in both languages (videoconferences and formal meetings).
// The column headings of the Repertoire's tables, in both languages (videoconferences and formal
// meetings), by their first words: a heading wrapped over lines starts the same way.
const HEADINGS: Record<Lang, RegExp> = {
  zh: /^(?:视频会议|视訊會議|標題|标题|决定|決定|会议记录|會議記錄|分项|其他文件|(?:规则)?第\s*3[79]\s*条|发言者)/,
  en: /^(?:Videoconference\b|Title$|Decision\b|Meeting record\b|Sub-item\b|Other documents\b|Other$|Rule 3[79]\b|Speakers$)/,
};

// Page furniture that is never text of a section: the edition's running heads and footers, the UN's job
// numbers and bar codes. Recognised wherever they stand as a line of their own.
const RUNNING: RegExp[] = [
  /^ADVANCE VERSION$/i,
  /^\d{1,2}(?:st|nd|rd|th) Supplement \(\d{4}(?:[–-]\d{4})?\)$/,
  /^Repertoire of the Practice of the Security Council\b.{0,40}$/,
  /^Part [IVX]+\s*[–-]\s*[A-Z][^.]{0,120}$/,
  /^安全理事会惯例汇编.{0,30}$/,
  /^第[一二三四五六七八九十]+次补编\s*[(（]\s*\d{4}\s*年?\s*[)）]$/,
  /^预发(?:本|版)$/,
  /^第[一二三四五六七八九十]+部分\s*[.．、]?\s*\S.{0,60}$/,
  /^\d{2}-\d{5}\s*(?:\([A-Z]\))?$/,
  /^\*\d{7,8}\*$/,
];
/** A page number alone on its line ("12", "- 12 -", "12/40"): furniture only at a page's edge. */
const PAGE_NUMBER = /^(?:[-–]\s*)?\d{1,4}(?:\s*[-–])?$|^\d{1,4}\s*\/\s*\d{1,4}$|^Page \d{1,4}$/i;
/** Lines that repeat from page to page without being furniture: footnotes ("640 Ibid., para. 5."). */
const NOT_A_HEAD = /^[\d⁰¹²³⁴⁵⁶⁷⁸⁹]+\s*(?:Ibid|See|同上|另见|见|参见|Resolution|第)/;
/** How many non-blank lines at the top and bottom of a page may be furniture. */
const EDGE = 3;

const MONTHS = MONTH_NAMES_EN.join('|');
const DATE_CELL: Record<Lang, RegExp> = {
  zh: /^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日/,
  en: new RegExp(String.raw`^(\d{1,2})\s+(${MONTHS})\s+(\d{4})`),
};
const RECORD_CELL = /^S\/PV\.\d+/;
const TABLE_NOTE = /^\^?[a-z](?:\s+|(?=\p{Script=Han}))\S/u;
const ITEM_HEADING = /^\d{1,3}\.\s*\S/;

/** A cell that is a date and nothing else (a note letter aside): "2020 年 3 月 30 日 ^a", "30 March 2020a". */
function isDateCell(cell: string, lang: Lang): boolean {
  const m = DATE_CELL[lang].exec(cell);
  if (!m || !/^\s*\^?[a-z]?$/.test(cell.slice(m[0].length))) return false;
  if (lang === 'zh') return isRealDate(Number(m[1]), Number(m[2]), Number(m[3]));
  return isRealDate(
    Number(m[3]),
    MONTH_NAMES_EN.indexOf(m[2] as (typeof MONTH_NAMES_EN)[number]) + 1,
    Number(m[1]),
  );
}

/** The text's lines with their page, the form feeds taken out. */
function pagesOf(lines: string[]): number[] {
  const page: number[] = [];
  let p = 0;
  for (let i = 0; i < lines.length; i++) {
    if (lines[i]!.includes('\f')) {
      p += lines[i]!.split('\f').length - 1;
      lines[i] = lines[i]!.replace(/\f/g, '');
    }
    page.push(p);
  }
  return page;
}

/** Digits masked and spacing collapsed: a running head printed with each page's number is one head. */
const shape = (line: string) => line.trim().replace(/\s+/g, ' ').replace(/\d+/g, '#');

export function readLayout(raw: string, lang: Lang): Layout {
  const text = raw.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const hasPages = text.includes('\f');
  const mayHaveTable = !text.includes('\t') && HEADING_WORD[lang].test(text);
  const mayHaveRunning = RUNNING_WORDS.some((w) => text.includes(w));
  if (!hasPages && !mayHaveTable && !mayHaveRunning) return { text, dropped: [], tables: [] };
  const lines = text.split('\n');
  const dropped: DroppedLine[] = [];
  const drop = (i: number, why: DroppedLine['why'], filler = '') => {
    dropped.push({ line: i + 1, text: lines[i]!.trim(), why });
    lines[i] = filler;
  };
  const breaks = lines.flatMap((l, i) => (l.includes('\f') ? [i] : []));
  const page = pagesOf(lines);
  for (const i of breaks) dropped.push({ line: i + 1, text: '\f', why: 'page-break' });
  const edge = edgeLines(lines, page, hasPages);
  // Heads and footers: known forms anywhere, page numbers and lines repeated from page to page at the edges.
  const shapes = new Map<string, Set<number>>();
  for (const i of edge) {
    const s = shape(lines[i]!);
    if (s) shapes.set(s, (shapes.get(s) ?? new Set()).add(page[i]!));
  }
  for (let i = 0; i < lines.length; i++) {
    const t = lines[i]!.trim();
    if (!t) continue;
    if (RUNNING.some((re) => re.test(t))) drop(i, 'running-head');
    else if (edge.has(i) && PAGE_NUMBER.test(t)) drop(i, 'page-number');
    else if (
      edge.has(i) &&
      (shapes.get(shape(t))?.size ?? 0) >= 2 &&
      !isHeadingLine(t, lang) &&
      !NOT_A_HEAD.test(t)
    )
      drop(i, 'running-head');
  }
  const tables = mayHaveTable ? rebuildTables(lines, lang, drop) : [];
  return { text: lines.join('\n'), dropped: dropped.sort((a, b) => a.line - b.line), tables };
}

/** A table's column-heading line (repeated on each page of the table: never a running head). */
function isHeadingLine(line: string, lang: Lang): boolean {
  return cellsOf(line).filter((c) => HEADINGS[lang].test(c.text)).length >= 2 || HEADINGS[lang].test(line);
}

const HEADING_WORD: Record<Lang, RegExp> = {
  zh: /视频会议|視訊會議|会议记录|會議記錄/,
  en: /Videoconference|Meeting record/,
};
/** Words one of the RUNNING forms holds (a job number needs pages, which are looked at anyway). */
const RUNNING_WORDS = [
  'ADVANCE VERSION',
  'Supplement (',
  'Repertoire of the Practice',
  'Part I',
  '惯例汇编',
  '次补编',
  '预发',
];

/** Indexes of the lines that may be page furniture: the first and last non-blank lines of each page. */
function edgeLines(lines: string[], page: number[], hasPages: boolean): Set<number> {
  const out = new Set<number>();
  if (!hasPages) return out;
  const byPage = new Map<number, number[]>();
  lines.forEach((l, i) => {
    if (l.trim()) byPage.set(page[i]!, [...(byPage.get(page[i]!) ?? []), i]);
  });
  for (const idx of byPage.values()) {
    for (const i of idx.slice(0, EDGE)) out.add(i);
    for (const i of idx.slice(-EDGE)) out.add(i);
  }
  return out;
}

interface Cell {
  start: number;
  text: string;
}

/** The cells of a line laid out in columns: runs of text two or more spaces apart, with where each starts. */
function cellsOf(line: string): Cell[] {
  const out: Cell[] = [];
  const re = /\S+(?: \S+)*/g;
  for (let m = re.exec(line); m; m = re.exec(line)) out.push({ start: m.index, text: m[0] });
  return out;
}

interface Row {
  line: number;
  cells: string[];
}

/**
 * Finds each table by its heading line(s) and rebuilds it in place. Returns the layout of each.
 * Columns: the headings on one line, runs of spaces apart (pdftotext -layout): a cell belongs to the
 * column whose heading starts at or before it. Cells: one heading a line, then one cell a line
 * (pdftotext's reading order): a cell goes to the column its content says (date, record, decision) and
 * anything else to the title.
 */
function rebuildTables(
  lines: string[],
  lang: Lang,
  drop: (i: number, why: DroppedLine['why'], filler?: string) => void,
): ('columns' | 'cells')[] {
  const layouts: ('columns' | 'cells')[] = [];
  for (let i = 0; i < lines.length; i++) {
    const cells = cellsOf(lines[i]!);
    const headed = cells.filter((c) => HEADINGS[lang].test(c.text));
    if (headed.length >= 2) {
      i = rebuildColumns(lines, i, lang, drop);
      layouts.push('columns');
    } else if (cells.length === 1 && headed.length === 1 && HEADINGS[lang].test(lines[i + 1]?.trim() ?? '')) {
      i = rebuildCells(lines, i, lang, drop);
      layouts.push('cells');
    }
  }
  return layouts;
}

/** Where a table ends: its notes, the next item heading, or the end of the text. */
function endsTable(line: string): boolean {
  return TABLE_NOTE.test(line) || ITEM_HEADING.test(line);
}

function rebuildColumns(
  lines: string[],
  at: number,
  lang: Lang,
  drop: (i: number, why: DroppedLine['why'], filler?: string) => void,
): number {
  const headingCells = cellsOf(lines[at]!);
  const starts = headingCells.map((c) => c.start);
  const headings = headingCells.map((c) => c.text);
  const rows: Row[] = [];
  let i = at + 1;
  let lastContent = at;
  const fillers: number[] = [];
  let inHeader = true;
  let repeated = false;
  for (; i < lines.length; i++) {
    const line = lines[i]!;
    const t = line.trim();
    // A note stands at the left margin; a cell's next line is indented to its column.
    if (t && !inHeader && (TABLE_NOTE.test(line) || ITEM_HEADING.test(line))) break;
    if (!t) {
      fillers.push(i);
      continue;
    }
    const cells = cellsOf(line);
    const rowStart = startsRow(cells, starts, lang);
    // The header again on the next page (with its wrapped lines), or a heading wrapped over lines: not a row.
    if (!inHeader && (isHeadingLine(t, lang) || (repeated && !rowStart))) {
      repeated = true;
      drop(i, 'table-header', TABLE_FILLER);
      lastContent = i;
      continue;
    }
    repeated = false;
    if (inHeader && !rowStart) {
      // The rest of a wrapped heading joins its column's heading.
      for (const c of cells) {
        const col = columnOf(c.start, starts);
        headings[col] = joinCell(headings[col]!, c.text, lang);
      }
      lines[i] = TABLE_FILLER;
      lastContent = i;
      continue;
    }
    inHeader = false;
    const row = rows.at(-1);
    if (!row || (rowStart && rowHasDate(row, lang))) {
      rows.push({ line: i, cells: starts.map(() => '') });
    }
    const cur = rows.at(-1)!;
    for (const c of cells) {
      const col = columnOf(c.start, starts);
      cur.cells[col] = joinCell(cur.cells[col]!, c.text, lang);
    }
    if (cur.line !== i) lines[i] = TABLE_FILLER;
    lastContent = i;
  }
  for (const f of fillers) if (f < lastContent) lines[f] = TABLE_FILLER;
  lines[at] = headings.join('\t');
  for (const r of rows) lines[r.line] = r.cells.join('\t');
  return i - 1;
}

const CJK_END = /[\p{Script=Han}\u3000-\u303f\uff01-\uff65“”‘’《》（）]$/u;
const CJK_START = /^[\p{Script=Han}\u3000-\u303f\uff01-\uff65“”‘’《》（）]/u;

/**
 * The lines of one cell joined: Chinese runs on where either side is a Chinese character, other text takes
 * a space ("第 2518(2020)号决议 15-0-0" / "S/2020/249"), and a symbol cut after its slash or hyphen is
 * mended ("S/2020/" / "249").
 */
function joinCell(a: string, b: string, lang: Lang): string {
  if (!a) return b;
  const tight = /[/-]$/.test(a) || (lang === 'zh' && (CJK_END.test(a) || CJK_START.test(b)));
  return `${a}${tight ? '' : ' '}${b}`;
}

function columnOf(start: number, starts: number[]): number {
  let col = 0;
  // A cell may start a little left of its heading (centred or wrapped text): two characters of slack.
  for (let k = 0; k < starts.length; k++) if (start + 2 >= starts[k]!) col = k;
  return col;
}

/** A line whose first column holds a date or a meeting record starts a row. */
function startsRow(cells: Cell[], starts: number[], lang: Lang): boolean {
  const first = cells[0];
  if (!first || columnOf(first.start, starts) !== 0) return false;
  return isDateCell(first.text, lang) || RECORD_CELL.test(first.text);
}

/** A row whose first cell already holds its date ("S/PV.8508" alone waits for "11 April 2019"). */
function rowHasDate(row: Row, lang: Lang): boolean {
  const first = row.cells[0] ?? '';
  return isDateCell(first, lang) || DATE_CELL[lang].test(first.replace(/^S\/PV\.\d+\S*\s*/, ''));
}

const RECORD_ALONE = /^S\/\d{4}\/\d{1,5}$/;
const DECISION_START: Record<Lang, RegExp> = {
  zh: /^(?:第\s*\d|S\/PRST\/)/,
  en: /^(?:Resolution|S\/PRST\/)/,
};

function rebuildCells(
  lines: string[],
  at: number,
  lang: Lang,
  drop: (i: number, why: DroppedLine['why'], filler?: string) => void,
): number {
  const headings: string[] = [];
  let i = at;
  // The headings, one a line; a heading wrapped over lines joins the one before it.
  for (; i < lines.length; i++) {
    const t = lines[i]!.trim();
    if (!t) break;
    if (isDateCell(t, lang) || RECORD_CELL.test(t)) break;
    if (HEADINGS[lang].test(t) || headings.length === 0) headings.push(t);
    else headings[headings.length - 1] = joinCell(headings.at(-1)!, t, lang);
    if (i > at) lines[i] = TABLE_FILLER;
  }
  const col = (re: RegExp) => headings.findIndex((h) => re.test(h));
  const dateCol = Math.max(0, col(/日期|记录和日期|\bdate\b/i));
  const recordCol = col(/记录$|\brecord$/i);
  const decisionCol = col(/决定|decision/i);
  const titleCol = col(/标题|title/i);
  // A formal-meeting table's text columns (sub-item … speakers), in order.
  const textCols = headings.flatMap((h, index) => {
    const c = textColumnOf(h);
    return c ? [{ index, col: c }] : [];
  });
  const rows: Row[] = [];
  let lastContent = i;
  let current: number | undefined;
  let repeated = false;
  const fillers: number[] = [];
  // The current row's lines of text cells, given to columns once the row's text ends (layout-cells.ts).
  let pending: number[] = [];
  const settle = () => {
    const row = rows.at(-1);
    if (pending.length === 0 || !row) return;
    const texts = pending.map((k) => lines[k]!.trim());
    const cells = assignTextCells(texts, textCols, lang, (a, b) => joinCell(a, b, lang));
    if (cells) for (const [index, cell] of cells) row.cells[index] = cell;
    // Which column a line belongs to cannot be told with certainty: left out, and shown as left out.
    for (const k of pending) {
      if (cells) lines[k] = TABLE_FILLER;
      else drop(k, 'layout', TABLE_FILLER);
    }
    pending = [];
  };
  for (; i < lines.length; i++) {
    const t = lines[i]!.trim();
    if (!t) {
      fillers.push(i);
      continue;
    }
    if (endsTable(t)) break;
    const rowStart = isDateCell(t, lang) || RECORD_CELL.test(t);
    if (rowStart || HEADINGS[lang].test(t) || (decisionCol >= 0 && DECISION_START[lang].test(t))) settle();
    // The header again on the next page, with the lines of its wrapped headings, up to the next row.
    if (HEADINGS[lang].test(t) || (repeated && !rowStart)) {
      repeated = true;
      drop(i, 'table-header', TABLE_FILLER);
      lastContent = i;
      continue;
    }
    repeated = false;
    const row = rows.at(-1);
    if (rowStart) {
      if (
        row &&
        RECORD_CELL.test(row.cells[dateCol] ?? '') &&
        !rowHasDate(row, lang) &&
        isDateCell(t, lang)
      ) {
        row.cells[dateCol] = `${row.cells[dateCol]} ${t}`;
      } else {
        rows.push({ line: i, cells: headings.map(() => '') });
        rows.at(-1)!.cells[dateCol] = t;
      }
      current = dateCol;
    } else if (row) {
      const cells = row.cells;
      let target: number;
      if (recordCol >= 0 && !cells[recordCol] && RECORD_ALONE.test(t)) target = recordCol;
      else if (decisionCol >= 0 && DECISION_START[lang].test(t)) target = decisionCol;
      else if (current === decisionCol && decisionCol >= 0) target = decisionCol;
      else if (titleCol >= 0) target = titleCol;
      else if (textCols.length > 0) {
        pending.push(i);
        lastContent = i;
        continue;
      } else {
        drop(i, 'layout', TABLE_FILLER);
        lastContent = i;
        continue;
      }
      cells[target] = joinCell(cells[target]!, t, lang);
      current = target;
    }
    if (rows.at(-1)?.line !== i) lines[i] = TABLE_FILLER;
    lastContent = i;
  }
  settle();
  for (const f of fillers) if (f < lastContent) lines[f] = TABLE_FILLER;
  lines[at] = headings.join('\t');
  for (const r of rows) lines[r.line] = r.cells.join('\t');
  return i - 1;
}
