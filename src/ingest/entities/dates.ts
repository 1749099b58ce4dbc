/**
 * Dates in zh and en UN texts → ISO YYYY-MM-DD. Reads "2020 年 6 月 26 日", "3 月 30 日" (year from
 * context), "二〇二〇年三月三十日", "Tuesday, 21 July 2020", "21 July", "July 21, 2020", "30/03/2020"
 * (day first, as the UN writes it). Impossible dates (30 February, 31 April, month 13) are not dates.
 */
import { isRealDate, MONTH_NAMES_EN } from '../../domain/dates.ts';
import { allMatches } from '../../lib/matches.ts';
import { foldText, type Lang } from './text.ts';
import { zhNumeral } from './numbers.ts';

export interface DateMention {
  date: string;
  start: number;
  end: number;
  text: string;
  /** True when the year was not written beside the day and month but taken from context. */
  yearFromContext: boolean;
}

export interface DateOptions {
  /** Year for dates written without one, when the text itself gives none before them. */
  year?: number;
  /** The text is already folded (the Repertoire pipeline's normalised text): skip folding it again. */
  folded?: boolean;
}

const MONTHS_EN: readonly string[] = MONTH_NAMES_EN.map((m) => m.toLowerCase());

/** A real calendar date in the years UN documents of the record can name (1900–2100). */
function isValidDate(y: number, m: number, d: number): boolean {
  return Number.isInteger(y) && y >= 1900 && y <= 2100 && isRealDate(y, m, d);
}

const ZH_NUM = '\\d{1,4}|[〇零一二三四五六七八九十]{1,4}';
const ZH_DATE = new RegExp(`(?:(${ZH_NUM})\\s*年\\s*)?(${ZH_NUM})\\s*月\\s*(${ZH_NUM})\\s*[日号]`, 'g');
const MONTH = MONTH_NAMES_EN.join('|');
const EN_DAY_MONTH = new RegExp(
  String.raw`\b(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s+)?(\d{1,2})\s+(${MONTH})(?:,?\s+(\d{4}))?\b`,
  'g',
);
const EN_MONTH_DAY = new RegExp(String.raw`\b(${MONTH})\s+(\d{1,2}),\s*(\d{4})\b`, 'g');
const DIGIT = /[\d〇零一二三四五六七八九十]/;
const MONTH_NAME = new RegExp(MONTH);
const NUMERIC = /\b(\d{1,2})\/(\d{1,2})\/(\d{4})\b/g;
const ISO = /\b(\d{4})-(\d{2})-(\d{2})\b/g;
const ZH_YEAR = /(\d{4}|[〇零一二三四五六七八九]{4})\s*年/g;
const EN_YEAR = /\b(?:in|of|year)\s+(\d{4})\b/gi;

/** A month or day as ISO writes it: two digits. */
const pad2 = (n: number): string => String(n).padStart(2, '0');

function num(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  return /^\d+$/.test(text) ? Number(text) : zhNumeral(text);
}

interface Raw {
  y?: number;
  m: number;
  d: number;
  start: number;
  end: number;
}

/** A date found where no earlier one was. */
function addRaw(raws: Raw[], r: Raw): void {
  if (!raws.some((x) => r.start < x.end && x.start < r.end)) raws.push(r);
}

type YearMonthDay = [number | undefined, number, number];
const monthOf = (name: string): number => MONTHS_EN.indexOf(name.toLowerCase()) + 1;
// How each pattern's groups give year, month and day ("21 July 2020", "July 21, 2020", "21/07/2020", ISO).
const dayMonthYear = (m: RegExpExecArray): YearMonthDay => [
  m[3] ? Number(m[3]) : undefined,
  monthOf(m[2]!),
  Number(m[1]),
];
const monthDayYear = (m: RegExpExecArray): YearMonthDay => [Number(m[3]), monthOf(m[1]!), Number(m[2])];
const numericDate = (m: RegExpExecArray): YearMonthDay => [Number(m[3]), Number(m[2]), Number(m[1])];
const isoYearMonthDay = (m: RegExpExecArray): YearMonthDay => [Number(m[1]), Number(m[2]), Number(m[3])];

/** Each match of `re` as a date, its year, month and day read by `ymd`. */
function addAll(raws: Raw[], re: RegExp, text: string, ymd: (m: RegExpExecArray) => YearMonthDay): void {
  for (const m of allMatches(re, text)) {
    const [y, mo, d] = ymd(m);
    addRaw(raws, { y, m: mo, d, start: m.index, end: m.index + m[0].length });
  }
}

/** Every date in the text, in order, with the year of year-less dates taken from the text before them. */
export function scanDateMentions(text: string, lang: Lang, options: DateOptions = {}): DateMention[] {
  const folded = options.folded ? text : foldText(text, lang);
  const raws: Raw[] = [];
  const years: { at: number; year: number }[] = [];
  // Every pattern needs a digit (or a Chinese numeral) and its own marker character or month name: a
  // cheap test first spares the regular expressions most texts (footnotes, table cells) give them nothing.
  if (!DIGIT.test(folded)) return [];
  const monthName = MONTH_NAME.test(folded);
  if (lang === 'zh' && folded.includes('月')) {
    for (const m of allMatches(ZH_DATE, folded)) {
      const mo = num(m[2]);
      const d = num(m[3]);
      if (mo === undefined || d === undefined) continue;
      addRaw(raws, { y: num(m[1]), m: mo, d, start: m.index, end: m.index + m[0].length });
    }
  }
  if (lang === 'zh' && folded.includes('年')) {
    for (const m of allMatches(ZH_YEAR, folded)) years.push({ at: m.index, year: num(m[1])! });
  }
  if (monthName) {
    addAll(raws, EN_DAY_MONTH, folded, dayMonthYear);
    addAll(raws, EN_MONTH_DAY, folded, monthDayYear);
  }
  if (folded.includes('/')) addAll(raws, NUMERIC, folded, numericDate);
  if (folded.includes('-')) addAll(raws, ISO, folded, isoYearMonthDay);
  if (lang === 'en')
    for (const m of allMatches(EN_YEAR, folded)) years.push({ at: m.index, year: Number(m[1]) });
  raws.sort((a, b) => a.start - b.start);
  for (const r of raws) if (r.y !== undefined) years.push({ at: r.start, year: r.y });
  years.sort((a, b) => a.at - b.at);

  const out: DateMention[] = [];
  for (const r of raws) {
    let y = r.y;
    const fromContext = y === undefined;
    if (y === undefined) y = [...years].reverse().find((c) => c.at < r.start)?.year ?? options.year;
    if (y === undefined || !isValidDate(y, r.m, r.d)) continue;
    // A valid date's year has four digits: the ISO form without isoDate's second calendar check.
    out.push({
      date: `${y}-${pad2(r.m)}-${pad2(r.d)}`,
      start: r.start,
      end: r.end,
      text: text.slice(r.start, r.end),
      yearFromContext: fromContext,
    });
  }
  return out;
}

/** ISO dates in order of first appearance. */
export function scanDates(text: string, lang: Lang, options: DateOptions = {}): string[] {
  return [...new Set(scanDateMentions(text, lang, options).map((d) => d.date))];
}

/** The one date a short text (a table cell) holds, or undefined. */
export function parseDate(text: string, lang: Lang, options: DateOptions = {}): string | undefined {
  return scanDateMentions(text, lang, options)[0]?.date;
}
