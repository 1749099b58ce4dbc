import * as cheerio from 'cheerio';
import type { AnyNode, Element } from 'domhandler';

import type { Problem } from './report.ts';

export type { Problem };

export interface Cell {
  /** Text with <br> as newlines, spaces collapsed within lines, blank lines dropped. */
  text: string;
  /** Texts of the links in the cell, in order. */
  links: string[];
  /** The links' texts with their targets (decoded), in order: a link text can contradict its target. */
  anchors: { text: string; href: string }[];
}

export interface TableRow {
  /** 1-based among the data rows (after the header row). */
  row: number;
  line: number | undefined;
  cells: Record<string, Cell>;
  /** Keys of the cells carried down from a row above by rowspan (the same meeting, another item). */
  continued: string[];
}

export interface HtmlTable {
  /** 1-based position of the table in the file. */
  table: number;
  title: string;
  /** Header texts in column order, and the key each was recognised as (null: unknown, ignored). */
  columns: { header: string; key: string | null }[];
  rows: TableRow[];
}

export interface HeaderRule {
  key: string;
  test: RegExp;
}

function lineOf(node: AnyNode): number | undefined {
  return (node as Element).sourceCodeLocation?.startLine;
}

function cellOf($: cheerio.CheerioAPI, el: Element): Cell {
  const copy = $(el).clone();
  copy.find('br').replaceWith('\n');
  // A link run into the word before it ("without vote<a>S/RES/1091 (1996)</a>") is a word of its own.
  copy.find('a').each((_, a) => {
    $(a).prepend(' ');
  });
  const text = copy
    .text()
    .split('\n')
    .map((l) => l.replace(/[\s\u00a0]+/g, ' ').trim())
    .filter((l) => l !== '')
    .join('\n');
  const links = $(el)
    .find('a')
    .toArray()
    .map((a) =>
      $(a)
        .text()
        .replace(/[\s\u00a0]+/g, ' ')
        .trim(),
    )
    .filter((t) => t !== '');
  const anchors = $(el)
    .find('a')
    .toArray()
    .map((a) => ({ text: norm($(a).text()), href: decodeHref($(a).attr('href') ?? '') }))
    .filter((a) => a.text !== '');
  return { text, links, anchors };
}

const norm = (s: string) => s.replace(/[\s\u00a0]+/g, ' ').trim();

function decodeHref(href: string): string {
  try {
    return decodeURIComponent(href);
  } catch {
    return href;
  }
}

/**
 * Reads the tables of a published HTML page by their header row, not by column position: the header row
 * is the first row of several <th>; each header is matched against `rules`. Data cells may be <td> or <th>
 * (older tables set the meeting record and date as <th rowspan> over the rows of one meeting); a cell
 * with rowspan is carried down, one with colspan fills its columns. A row whose cells do not fill the
 * header's columns cannot be assigned safely and is reported.
 */
export function readHtmlTables(
  html: string,
  file: string,
  rules: HeaderRule[],
): { tables: HtmlTable[]; problems: Problem[] } {
  const $ = cheerio.load(html, { sourceCodeLocationInfo: true });
  const problems: Problem[] = [];
  const tables: HtmlTable[] = [];
  $('table').each((ti, tableEl) => {
    const tableNo = ti + 1;
    const trs = $(tableEl).find('tr').toArray();
    const headerIndex = trs.findIndex((tr) => $(tr).children('th').length > 1);
    if (headerIndex < 0) {
      problems.push({
        file,
        line: lineOf(tableEl),
        locator: `table ${tableNo}`,
        message: 'no header row (a row of several <th> cells) was found; the table was skipped',
        severity: 'error',
      });
      return;
    }
    const titleTh = trs
      .slice(0, headerIndex)
      .flatMap((tr) => $(tr).children('th').toArray())
      .map((th) => norm($(th).text()))
      .find((t) => t !== '');
    const columns = $(trs[headerIndex]!)
      .children('th')
      .toArray()
      .map((th, i) => {
        const header = norm($(th).text());
        const key = rules.find((r) => r.test.test(header))?.key ?? null;
        if (key === null) {
          problems.push({
            file,
            line: lineOf(th),
            locator: `table ${tableNo} header ${i + 1}`,
            field: header,
            message: `unknown header "${header}"; its column is ignored (known: ${rules.map((r) => r.key).join(', ')})`,
            severity: 'warning',
          });
        }
        return { header, key };
      });
    const rows: TableRow[] = [];
    // A cell with rowspan stays in its column for the rows below it (the grid of HTML's table model).
    const carried: ({ cell: Cell; left: number } | undefined)[] = columns.map(() => undefined);
    let rowNo = 0;
    for (const tr of trs.slice(headerIndex + 1)) {
      const own = $(tr).children('td, th').toArray() as Element[];
      if (own.length === 0) continue;
      rowNo += 1;
      const locator = `table ${tableNo} row ${rowNo}`;
      const span = (el: Element, attr: string) => Math.max(1, Number($(el).attr(attr) ?? 1) || 1);
      // A row of one cell across the table is a note ("Document links will work once …"), not a meeting.
      if (own.length === 1 && span(own[0]!, 'colspan') >= columns.length) continue;
      const cells: Record<string, Cell> = {};
      const continued: string[] = [];
      let col = 0;
      let placed = 0;
      let overflow = false;
      const next = () => {
        while (col < columns.length && carried[col]) {
          const c = carried[col]!;
          const key = columns[col]!.key;
          if (key) {
            cells[key] = c.cell;
            continued.push(key);
          }
          c.left -= 1;
          if (c.left === 0) carried[col] = undefined;
          col += 1;
          placed += 1;
        }
      };
      for (const [i, el] of own.entries()) {
        next();
        const colspan = span(el, 'colspan');
        if (col + colspan > columns.length) {
          // A stray trailing "<td>--</td>" (1964) beyond the last column says nothing: dropped, noted.
          const rest = own.slice(i).map((e) => cellOf($, e).text);
          if (rest.every((t) => /^(--|-|)$/.test(t))) {
            problems.push({
              file,
              line: lineOf(tr),
              locator,
              message: `${own.length} cells where the header has ${columns.length} columns; the empty cell(s) beyond the last column were dropped`,
              severity: 'warning',
            });
            break;
          }
          overflow = true;
          break;
        }
        const cell = cellOf($, el);
        const rowspan = span(el, 'rowspan');
        for (let k = 0; k < colspan; k++) {
          const key = columns[col]!.key;
          // A cell across several columns gives its text to the first; the others are left empty.
          if (key) cells[key] = k === 0 ? cell : { text: '', links: [], anchors: [] };
          if (rowspan > 1) carried[col] = { cell, left: rowspan - 1 };
          col += 1;
          placed += 1;
        }
      }
      next();
      if (!overflow && placed < columns.length && placed >= 2) {
        // A row that ends early (1961: no outcome cell at S/PV.969) has nothing in its last columns.
        problems.push({
          file,
          line: lineOf(tr),
          locator,
          message: `${own.length} cells where the header has ${columns.length} columns; the missing last column(s) (${columns
            .slice(placed)
            .map((c) => c.header)
            .join(', ')}) are read as empty`,
          severity: 'warning',
        });
        for (const c of columns.slice(placed)) if (c.key) cells[c.key] = { text: '', links: [], anchors: [] };
        placed = columns.length;
      }
      if (overflow || placed !== columns.length) {
        problems.push({
          file,
          line: lineOf(tr),
          locator,
          message: `${own.length} cells where the header has ${columns.length} columns; row skipped`,
          severity: 'error',
        });
        continue;
      }
      rows.push({ row: rowNo, line: lineOf(tr), cells, continued });
    }
    tables.push({ table: tableNo, title: titleTh ?? '', columns, rows });
  });
  return { tables, problems };
}
