/**
 * Stage 0 (layout.ts), formal-meeting tables one cell a line (pdftotext's reading order): the text cells
 * of a row ("Sub-item | Other documents | Rule 37 invitations | Rule 39 and other invitations | Speakers")
 * come one after the other, each cell's wrapped lines together, empty cells left out, and nothing says
 * where one cell ends. They are given to columns by what each cell says and by the column order:
 * - a sub-item is a title (or a list of titles) with its symbols in brackets, or a symbol list, and never a
 *   draft; other documents are drafts or symbols;
 * - rule 37 invitations are states, each perhaps with its representative's title in brackets;
 * - rule 39 and other invitations are people and bodies: no item of the list is a state, none is "All
 *   Council members";
 * - speakers are states and titles, "All Council members", "all invitees";
 * - a cell never starts or ends inside a phrase (a lower-case word, a bracket, a comma, "and", "of the"…),
 *   and outside document cells a closing bracket ends an item of the list.
 * A row's lines are given to columns only when exactly one reading fits; otherwise none is (the caller
 * keeps them as dropped).
 */
import { parseStateList } from '../../domain/states.ts';
import { scanSymbols } from '../../domain/symbols.ts';
import type { Lang } from './types.ts';

export type TextColumn = 'subItem' | 'otherDocuments' | 'rule37' | 'rule39' | 'speakers';

/** The text columns by their headings (as table.ts reads them), in either language. */
const TEXT_HEADINGS: { col: TextColumn; re: RegExp }[] = [
  { col: 'subItem', re: /分项|\bsub-item\b/i },
  { col: 'otherDocuments', re: /其他文件|\bother documents\b/i },
  { col: 'rule37', re: /第\s*37\s*条|\brule 37\b/i },
  { col: 'rule39', re: /第\s*39\s*条|\brule 39\b/i },
  { col: 'speakers', re: /发言者|\bspeakers\b/i },
];

export function textColumnOf(heading: string): TextColumn | undefined {
  return TEXT_HEADINGS.find((h) => h.re.test(heading))?.col;
}

interface Words {
  /** A cell cannot end here: the phrase goes on in the next line. */
  openEnd: RegExp;
  /** A cell cannot start here: the line continues the one before. */
  openStart: RegExp;
  /** Separators of the items of a list (not "and", which titles hold). */
  itemSeparator: RegExp;
  /** An item naming the Council's members or the invitees as a whole, and how it must be written. */
  wholeMention: RegExp;
  whole: RegExp;
  draft: RegExp;
  /** A closing bracket followed by more of the same item (outside document cells: never). */
  textAfterBracket: RegExp;
}

const WORDS: Record<Lang, Words> = {
  en: {
    openEnd: /[,;(/–-]$|\b(?:and|or|of|the|for|on|in|to|by|from|with|at|a|an|as|under|concerning|regarding)$/,
    openStart: /^[a-z,;:.)(]/,
    itemSeparator: /\s*[,;]\s*/,
    wholeMention: /Council members|invitees/i,
    whole: /^(?:All|all) (?:Council members|invitees)$/,
    draft: /\bdraft (?:resolution|presidential statement)\b/i,
    textAfterBracket: /\)\s+(?!and\b)[^\s,;]/,
  },
  zh: {
    openEnd: /[、，,;；(（/－-]$|[和及与兼的或]$/,
    openStart: /^[、，,;；。:：)）(（]/,
    itemSeparator: /\s*[、，,;；]\s*/,
    wholeMention: /安理会.*成员|所有成员|受邀/,
    whole: /^(?:安理会所有成员|所有安理会成员|全体安理会成员|所有受邀者|所有受邀请者)$/,
    draft: /决议草案|主席声明草案/,
    textAfterBracket: /[)）]\s*[^\s、，,;；)）和及与]/,
  },
};

const BRACKETS = /\s*[(（][^()（）]*[)）]/g;
/** A document: its title (if any) ending with its symbols in brackets, or symbols alone. */
const DOCUMENT_END = /[(（][^()（）]*[SA]\/[^()（）]*[)）]$/;

/** The items of a document cell: each ends with a bracket holding symbols (a cell's lines may list several). */
function documents(cell: string): string[] | undefined {
  if (scanSymbols(cell).length === 0) return undefined;
  const items = cell.split(/(?<=[)）])\s*(?=\S)/);
  const bare = (item: string) => scanSymbols(item).length > 0 && !/[^\s,，、;；]/.test(withoutSymbols(item));
  return items.every((item) => DOCUMENT_END.test(item) || bare(item)) ? items : undefined;
}

function withoutSymbols(text: string): string {
  let out = text;
  for (const s of scanSymbols(text).reverse()) out = out.slice(0, s.start) + out.slice(s.end);
  return out.replace(/\band\b|[和及与()（）]/g, '');
}

/** Each item of the list is a state (its title in brackets set aside). */
function isState(item: string, lang: Lang): boolean {
  const { states, unknown } = parseStateList(item.replace(BRACKETS, ''), lang);
  return states.length > 0 && unknown.length === 0;
}

function fits(col: TextColumn, cell: string, lang: Lang): boolean {
  const w = WORDS[lang];
  if (w.openEnd.test(cell) || w.openStart.test(cell)) return false;
  if (col === 'subItem' || col === 'otherDocuments') {
    const docs = documents(cell);
    if (!docs) return false;
    if (col === 'subItem') return !docs.some((d) => w.draft.test(d));
    return docs.every((d) => w.draft.test(d) || !/[^\s,，、;；]/.test(withoutSymbols(d)));
  }
  if (scanSymbols(cell).length > 0 || w.textAfterBracket.test(cell)) return false;
  const items = cell.split(w.itemSeparator).filter((s) => s);
  if (items.some((i) => w.wholeMention.test(i) && !w.whole.test(i))) return false;
  if (col === 'rule37') return isState(cell, lang);
  if (col === 'rule39') return items.every((i) => !w.wholeMention.test(i) && !isState(i, lang));
  return true;
}

/**
 * The one way a row's text lines (in order) fall into its text columns (`columns`: the table's column
 * index and kind, in the table's order), as column index → cell; undefined when none or several fit.
 */
export function assignTextCells(
  lines: string[],
  columns: { index: number; col: TextColumn }[],
  lang: Lang,
  join: (a: string, b: string) => string,
): Map<number, string> | undefined {
  const n = lines.length;
  if (n === 0) return new Map();
  const cellOf = (from: number, to: number) => lines.slice(from + 1, to).reduce(join, lines[from]!);
  // ways[p][c]: how many readings (0, 1, or 2 for "more than one") of lines p… with columns c… left.
  const ways: number[][] = Array.from({ length: n + 1 }, () => Array<number>(columns.length + 1).fill(-1));
  const count = (p: number, c: number): number => {
    if (p === n) return 1;
    if (ways[p]![c]! >= 0) return ways[p]![c]!;
    let total = 0;
    for (let e = p + 1; e <= n && total < 2; e++) {
      const cell = cellOf(p, e);
      for (let k = c; k < columns.length && total < 2; k++) {
        if (fits(columns[k]!.col, cell, lang)) total += count(e, k + 1);
      }
    }
    ways[p]![c] = Math.min(total, 2);
    return ways[p]![c]!;
  };
  if (count(0, 0) !== 1) return undefined;
  const out = new Map<number, string>();
  let p = 0;
  let c = 0;
  while (p < n) {
    search: for (let e = p + 1; e <= n; e++) {
      const cell = cellOf(p, e);
      for (let k = c; k < columns.length; k++) {
        if (fits(columns[k]!.col, cell, lang) && count(e, k + 1) === 1) {
          out.set(columns[k]!.index, cell);
          p = e;
          c = k + 1;
          break search;
        }
      }
    }
  }
  return out;
}
