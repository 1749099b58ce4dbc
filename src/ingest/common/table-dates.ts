import { isoDate, MONTH_NAMES_EN } from '../../domain/dates.ts';

const MONTHS: readonly string[] = MONTH_NAMES_EN.map((m) => m.toLowerCase());

/**
 * Dates as the UN Library writes them: "12 March" (year from the table), "07 November 1989",
 * "30 January 86", and spans "27-28 October 1983", "22/23 November", "29 + 30 March": the first day (the meeting began) or, for a veto
 * list, the last (the vote closed the meeting, and that is the date the other veto list gives).
 */
export function parseTableDate(
  text: string,
  defaultYear: number | null,
  where: string,
  span: 'first' | 'last' = 'first',
): string {
  const m = /^(\d{1,2})(?:\s*[-–/+]\s*(\d{1,2}))?\s+([A-Za-z]+)\.?(?:\s+(\d{2}|\d{4}))?$/.exec(text.trim());
  const month = m ? MONTHS.findIndex((mo) => mo.startsWith(m[3]!.toLowerCase()) && m[3]!.length >= 3) : -1;
  if (!m || month < 0)
    throw new Error(`${where}: cannot read the date "${text}" (expected "12 March" or "12 March 2020")`);
  let year = m[4] ? Number(m[4]) : defaultYear;
  if (year === null) throw new Error(`${where}: the date "${text}" has no year and the table gives none`);
  if (m[4]?.length === 2) year += 1900;
  const day = span === 'last' && m[2] ? m[2] : m[1]!;
  return isoDate(year, month + 1, Number(day), where);
}
