import { isoDate } from '../../domain/dates.ts';

const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];

/**
 * Dates as the UN Library writes them: "12 March" (year from the table), "07 November 1989",
 * "30 January 86", and spans "27-28 October 1983" (the first day: the day the meeting began).
 */
export function parseTableDate(text: string, defaultYear: number | null, where: string): string {
  const m = /^(\d{1,2})(?:\s*[-–]\s*\d{1,2})?\s+([A-Za-z]+)\.?(?:\s+(\d{2}|\d{4}))?$/.exec(text.trim());
  const month = m ? MONTHS.findIndex((mo) => mo.startsWith(m[2]!.toLowerCase()) && m[2]!.length >= 3) : -1;
  if (!m || month < 0) throw new Error(`${where}: cannot read the date "${text}" (expected "12 March" or "12 March 2020")`);
  let year = m[3] ? Number(m[3]) : defaultYear;
  if (year === null) throw new Error(`${where}: the date "${text}" has no year and the table gives none`);
  if (m[3]?.length === 2) year += 1900;
  return isoDate(year, month + 1, Number(m[1]), where);
}
