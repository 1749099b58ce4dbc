import * as cheerio from 'cheerio';
import type { AnyNode, Element } from 'domhandler';

/** A problem with one place in an input file: kept rows go on, the bad ones are listed with this. */
export interface Problem {
  file: string;
  /** 1-based line in the file, when known. */
  line?: number;
  /** "table 1 row 14" / "row 12" */
  locator: string;
  field?: string;
  message: string;
  /** 'error': the row was not imported. 'warning': imported, with a caveat. */
  severity: 'error' | 'warning';
}

export interface Cell {
  /** Text with <br> as newlines, spaces collapsed within lines, blank lines dropped. */
  text: string;
  /** Texts of the links in the cell, in order. */
  links: string[];
}

export interface TableRow {
  /** 1-based among the data rows (after the header row). */
  row: number;
  line: number | undefined;
  cells: Record<string, Cell>;
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
  return { text, links };
}

const norm = (s: string) => s.replace(/[\s\u00a0]+/g, ' ').trim();

/**
 * Reads the tables of a published HTML page by their header row, not by column position: the header row
 * is the first row of several <th>; each header is matched against `rules`. Rows with merged cells or a
 * cell count that differs from the header's cannot be assigned to columns safely and are reported.
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
    let rowNo = 0;
    for (const tr of trs.slice(headerIndex + 1)) {
      const tds = $(tr).children('td').toArray();
      if (tds.length === 0) continue;
      rowNo += 1;
      const locator = `table ${tableNo} row ${rowNo}`;
      const merged = tds.find(
        (td) => Number($(td).attr('colspan') ?? 1) > 1 || Number($(td).attr('rowspan') ?? 1) > 1,
      );
      if (merged) {
        problems.push({
          file,
          line: lineOf(tr),
          locator,
          message: `merged cells (colspan/rowspan) cannot be assigned to the columns ${columns.map((c) => c.header).join(' | ')}; row skipped`,
          severity: 'error',
        });
        continue;
      }
      if (tds.length !== columns.length) {
        problems.push({
          file,
          line: lineOf(tr),
          locator,
          message: `${tds.length} cells where the header has ${columns.length} columns; row skipped`,
          severity: 'error',
        });
        continue;
      }
      const cells: Record<string, Cell> = {};
      tds.forEach((td, i) => {
        const key = columns[i]!.key;
        if (key) cells[key] = cellOf($, td);
      });
      rows.push({ row: rowNo, line: lineOf(tr), cells });
    }
    tables.push({ table: tableNo, title: titleTh ?? '', columns, rows });
  });
  return { tables, problems };
}
