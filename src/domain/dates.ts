/** Calendar dates as the record keeps them: ISO 8601 "YYYY-MM-DD" strings, validated against the calendar. */

export class InvalidDateError extends Error {
  constructor(
    readonly input: string,
    readonly where?: string,
  ) {
    super(`${where ? `${where}: ` : ''}invalid date "${input}" (expected a real calendar date YYYY-MM-DD)`);
    this.name = 'InvalidDateError';
  }
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function isRealDate(year: number, month: number, day: number): boolean {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return false;
  if (month < 1 || month > 12 || day < 1) return false;
  // Four-digit years by the Gregorian rule, as Date reckons them: every date a text names is checked, and
  // a Date costs more than the rest of reading it. Other years go to Date (which reads 0–99 as 19xx).
  if (year >= 1000 && year <= 9999)
    return day <= (month === 2 && isLeapYear(year) ? 29 : DAYS_IN_MONTH[month - 1]!);
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Formats year, month and day as YYYY-MM-DD, or throws InvalidDateError for a date that does not exist. */
export function isoDate(year: number, month: number, day: number, where?: string): string {
  const text = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  if (!isRealDate(year, month, day)) throw new InvalidDateError(text, where);
  return text;
}

/** Checks an ISO date string ("2020-02-30" is refused) and returns it. */
export function parseIsoDate(input: string, where?: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(input.trim());
  if (!m) throw new InvalidDateError(input, where);
  return isoDate(Number(m[1]), Number(m[2]), Number(m[3]), where);
}

/** English month names, January first: the one list every reader and writer of English dates uses. */
export const MONTH_NAMES_EN = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;
