import { MONTH_NAMES_EN } from '../../src/domain/dates.ts';
/**
 * Reads the real votes of the shared data for the Article 27 tests: the veto list CSV
 * (world-politics-datalab), the Dag Hammarskjöld Library veto list and its 2019–2021 meeting tables.
 * Headers are looked up by name so a reordered table still reads right.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import * as cheerio from 'cheerio';
import { SHARED_DIR } from '../../src/config/paths.ts';
import { permanentSeat } from '../../src/domain/article27.ts';

export const VETO_CSV = join(SHARED_DIR, 'data/vetoes/unsc_vetoes_1946_sept2022.csv');
export const DHL_DIR = join(SHARED_DIR, 'data/dhl-tables');
export const MEETING_TABLES = [
  'scact2019_table_en.html',
  'scact2020_table_en.html',
  'scact2020_covid_table_en.html',
  'scact2021_table_en.html',
];

export interface RealVeto {
  where: string;
  date: string;
  draft: string;
  vetoedBy: string[];
}

export interface RealVote {
  where: string;
  date: string;
  symbol: string | null;
  adopted: boolean;
  for: number;
  against: number;
  abstaining: number;
  vetoedBy: string[];
}

const MONTHS: readonly string[] = MONTH_NAMES_EN.map((m) => m.toLowerCase());

function isoDate(day: number, monthName: string, year: number, where: string): string {
  const m = MONTHS.indexOf(monthName.toLowerCase());
  if (m < 0 || day < 1 || day > 31) throw new Error(`${where}: cannot read the date`);
  return `${year}-${String(m + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function seatsOf(names: string[], where: string): string[] {
  return names
    .map((n) => n.trim())
    .filter((n) => n.length > 0)
    .map((n) => {
      const seat = permanentSeat(n);
      if (!seat) throw new Error(`${where}: "${n}" is not a permanent member`);
      return seat;
    })
    .sort();
}

export function readVetoCsv(): RealVeto[] {
  const rows = parse(readFileSync(VETO_CSV, 'utf8'), { columns: true, skip_empty_lines: true }) as Record<
    string,
    string
  >[];
  return rows.map((r, i) => {
    const where = `${VETO_CSV} record ${i + 1}`;
    const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(r.date ?? '');
    if (!m) throw new Error(`${where}: date "${r.date}" is not M/D/YYYY`);
    return {
      where,
      date: `${m[3]}-${m[1]!.padStart(2, '0')}-${m[2]!.padStart(2, '0')}`,
      draft: r.draft ?? '',
      vetoedBy: seatsOf([r.member_veto1 ?? '', r.member_veto2 ?? '', r.member_veto3 ?? ''], where),
    };
  });
}

function headerIndex(headers: string[], pattern: RegExp, where: string): number {
  const i = headers.findIndex((h) => pattern.test(h));
  if (i < 0) throw new Error(`${where}: no column matching ${pattern} in ${JSON.stringify(headers)}`);
  return i;
}

function cellLines($: cheerio.CheerioAPI, cell: cheerio.Cheerio<never>): string[] {
  const html = ($.html(cell) ?? '').replace(/<br\s*\/?>/gi, '\n');
  return cheerio
    .load(html)
    .root()
    .text()
    .split('\n')
    .map((s) => s.replace(/\s+/g, ' ').trim())
    .filter((s) => s.length > 0);
}

/** Rows of a table: the header row is the one containing `anchor`; later rows are returned as cells. */
function tableRows(
  file: string,
  anchor: RegExp,
): { $: cheerio.CheerioAPI; headers: string[]; rows: { index: number; cells: cheerio.Cheerio<never>[] }[] } {
  const $ = cheerio.load(readFileSync(join(DHL_DIR, file), 'utf8'));
  const trs = $('tr').toArray();
  const h = trs.findIndex((tr) =>
    $(tr)
      .find('th,td')
      .toArray()
      .some((c) => anchor.test($(c).text())),
  );
  if (h < 0) throw new Error(`${file}: no header row matching ${anchor}`);
  const headers = $(trs[h]!)
    .find('th,td')
    .toArray()
    .map((c) => $(c).text().replace(/\s+/g, ' ').trim());
  const rows = trs.slice(h + 1).map((tr, k) => ({
    index: h + 2 + k,
    cells: $(tr)
      .find('td')
      .toArray()
      .map((c) => $(c) as cheerio.Cheerio<never>),
  }));
  return { $, headers, rows: rows.filter((r) => r.cells.length === headers.length) };
}

export function readDhlVetoTable(): RealVeto[] {
  const file = 'scact_veto_table_en.html';
  const { $, headers, rows } = tableRows(file, /Permanent\s+Member/i);
  const date = headerIndex(headers, /^Date$/i, file);
  const draft = headerIndex(headers, /^Draft$/i, file);
  const member = headerIndex(headers, /Permanent Member/i, file);
  return rows.map(({ index, cells }) => {
    const where = `${file} row ${index}`;
    // A meeting over two days ("14-15 December 2001") voted on the second.
    // ... and one row gives a two-digit year ("30 January 86"): the list runs from 1946.
    const d = /^(?:\d{1,2}-)?(\d{1,2}) ([A-Za-z]+) (\d{4}|\d{2})$/.exec(
      cells[date]!.text().replace(/\s+/g, ' ').trim(),
    );
    if (!d) throw new Error(`${where}: date "${cells[date]!.text()}" is not "D Month YYYY"`);
    return {
      where,
      date: isoDate(Number(d[1]), d[2]!, d[3]!.length === 2 ? 1900 + Number(d[3]) : Number(d[3]), where),
      draft: cells[draft]!.text().replace(/\s+/g, ' ').trim(),
      vetoedBy: seatsOf(
        cellLines($, cells[member]!).flatMap((l) => l.split(',')),
        where,
      ),
    };
  });
}

const TALLY = /^(\d+)-(\d+)-(\d+)$/;
const DECISION = /(S\/RES\/\d+ ?\(\d{4}\)|S\/\d{4}\/\d+)/;

/**
 * Every vote in the 2019–2021 meeting tables. An outcome cell lists, line by line, a decision symbol,
 * an optional "not adopted" / "vetoed by A and B" and the tally "for-against-abstaining"; a tally
 * closes one vote. Rows without a tally (presidential statements, "--") hold no vote.
 */
export function readDhlMeetingVotes(file: string): RealVote[] {
  const year = Number(/scact(\d{4})/.exec(file)?.[1]);
  const { $, headers, rows } = tableRows(file, /Security Council Outcome/i);
  const dateCol = headerIndex(headers, /^Date$/i, file);
  const outcomeCol = headerIndex(headers, /Outcome \/ Vote/i, file);
  const votes: RealVote[] = [];
  for (const { index, cells } of rows) {
    const where = `${file} row ${index}`;
    const d = /^(\d{1,2}) ([A-Za-z]+)$/.exec(cells[dateCol]!.text().replace(/\s+/g, ' ').trim());
    if (!d) throw new Error(`${where}: date "${cells[dateCol]!.text()}" is not "D Month"`);
    const date = isoDate(Number(d[1]), d[2]!, year, where);
    let pending = { symbol: null as string | null, status: '' };
    for (const line of cellLines($, cells[outcomeCol]!)) {
      const t = TALLY.exec(line);
      if (!t) {
        const sym = DECISION.exec(line);
        if (sym) pending = { symbol: sym[1]!.replace(/ /g, '').replace('(', ' ('), status: line };
        else pending.status += ` ${line}`;
        continue;
      }
      const status = pending.status;
      const veto = /vetoed by (.+)$/i.exec(status);
      const notAdopted =
        /not adopted|vetoed/i.test(status) || pending.symbol === null || !pending.symbol.startsWith('S/RES/');
      votes.push({
        where,
        date,
        symbol: pending.symbol,
        adopted: !notAdopted,
        for: Number(t[1]),
        against: Number(t[2]),
        abstaining: Number(t[3]),
        vetoedBy: veto ? seatsOf(veto[1]!.split(/,| and /), where) : [],
      });
      pending = { symbol: null, status: '' };
    }
  }
  return votes;
}
